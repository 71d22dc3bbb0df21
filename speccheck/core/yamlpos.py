"""YAML text -> plain data plus the line and column of every key and value.

Safe by construction: only the YAML node tree is composed (no Python object
tags), aliases are refused (they allow exponential "billion laughs" expansion),
duplicate keys and deep nesting are reported, and every problem carries a
1-based line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]

MAX_DEPTH = 40


@dataclass(frozen=True)
class YamlProblem(Exception):
    """A problem in the YAML text itself, at a 1-based line and column."""

    message: str
    line: int
    col: int
    rule_id: str = "yaml-syntax"
    fix: str = "correct the YAML at this place"


@dataclass
class Located:
    """Parsed data with the position of each value and each mapping key."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Position of ``path`` (its key if ``key``), else of its nearest located ancestor."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses aliases while composing."""

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            mark: yaml.Mark = self.current_event.start_mark  # the event check_event just looked at
            raise YamlProblem(
                "YAML aliases (*name) are not accepted",
                mark.line + 1,
                mark.column + 1,
                rule_id="yaml-alias",
                fix="write the value out in full instead of using an anchor and alias",
            )
        return super().compose_node(parent, index)


def _problem_from(exc: yaml.YAMLError, text: str) -> YamlProblem:
    """A located problem from any PyYAML error (syntax, scanner, reader)."""
    if isinstance(exc, yaml.reader.ReaderError):
        line, col = _offset_position(text, exc.position)
        return YamlProblem(
            f"character U+{exc.character:04X} is not allowed in YAML",
            line,
            col,
            rule_id="yaml-character",
            fix="remove the control character",
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        return YamlProblem(f"YAML syntax error: {problem}", line, col)
    return YamlProblem(f"YAML error: {exc}", 1, 1)


def _offset_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


# libyaml composes the node tree about 17 times faster than PyYAML's Python
# parser. It cannot refuse an alias while composing, but an alias it composed
# is the anchored node met a second time, which a walk of the tree finds
# (billion laughs stays cheap: the tree itself is never expanded). A text that
# holds an alias takes the Python path, which refuses it at its place, and so
# does any text libyaml rejects, so that every error is reported as precisely
# as the Python parser reports it. A "*" inside a quoted or plain string is
# only a character: such a text stays on the fast path.
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


def _lean_loader() -> type[yaml.CSafeLoader] | None:
    """libyaml's safe loader, with the tag of each node resolved by the same table in fewer steps.

    libyaml calls the resolver, in Python, for every node: a fifth of the parse of a role file went to
    PyYAML's general one (path resolvers the safe loader never has, a list joined per scalar)."""
    base: type[yaml.CSafeLoader] | None = getattr(yaml, "CSafeLoader", None)
    if base is None:
        return None
    table = base.yaml_implicit_resolvers
    anywhere = tuple(table.get(None, ()))  # resolvers for any first character (none in the safe loader)
    by_first = {first: (*resolvers, *anywhere) for first, resolvers in table.items() if first is not None}

    class Lean(base):  # type: ignore[valid-type,misc]
        def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
            if kind is ScalarNode:
                if implicit[0]:  # a plain scalar: its first character picks the patterns to try
                    for tag, pattern in by_first.get(value[:1], anywhere):
                        if pattern.match(value):
                            return str(tag)
                return _STR
            return _SEQ if kind is SequenceNode else _MAP

    return Lean


_FAST_LOADER: type[yaml.CSafeLoader] | None = _lean_loader()


def parse(text: str) -> Located:
    """Parse one YAML (or JSON) document into data with positions.

    Raises ``YamlProblem`` for syntax errors, aliases, duplicate keys, several
    documents, non-string keys and nesting deeper than ``MAX_DEPTH``.
    """
    if _FAST_LOADER is not None:
        located = _parse_fast(text)
        if located is not None:
            return located
    return _parse_slowly(text)


def _parse_fast(text: str) -> Located | None:
    """libyaml's parser; None when it rejects the text or the text holds an alias (the Python parser then
    says why, and where)."""
    if _FAST_LOADER is None:
        return None
    try:
        loader = _FAST_LOADER(text)
    except yaml.YAMLError:
        return None
    try:
        try:
            node = loader.get_single_node()
        except (yaml.YAMLError, RecursionError):
            return None
        located = Located(data=None)
        if node is None:
            return located
        if "*" in text and _has_alias(node):  # without a "*" there is no alias to find
            return None
        located.data = _convert(node, (), located, loader, 0)
        return located
    finally:
        loader.dispose()


def _has_alias(root: Node) -> bool:
    """Whether a composed tree reaches a node twice: libyaml composes each alias as the node it names."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                stack.append(key_node)
                stack.append(value_node)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return False


def _parse_slowly(text: str) -> Located:
    """The Python parser: refuses aliases as it composes and locates every error."""
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:  # the reader rejects characters YAML does not allow
        raise _problem_from(exc, text) from None
    try:
        try:
            node = loader.get_single_node()
        except YamlProblem:
            raise
        except yaml.composer.ComposerError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            raise YamlProblem(
                "a file holds one YAML document; found more than one",
                line,
                col,
                rule_id="yaml-multiple-documents",
                fix="split the documents into separate files",
            ) from None
        except yaml.YAMLError as exc:
            raise _problem_from(exc, text) from None
        except RecursionError:
            raise YamlProblem(
                f"nesting is deeper than {MAX_DEPTH} levels",
                1,
                1,
                rule_id="yaml-too-deep",
                fix="flatten the structure",
            ) from None
        located = Located(data=None)
        if node is None:
            return located
        located.data = _convert(node, (), located, loader, 0)
        return located
    finally:
        loader.dispose()


def _convert(node: Node, path: Path, located: Located, loader: SafeConstructor, depth: int) -> Any:
    if depth > MAX_DEPTH:
        line, col = _pos(node)
        raise YamlProblem(
            f"nesting is deeper than {MAX_DEPTH} levels",
            line,
            col,
            rule_id="yaml-too-deep",
            fix="flatten the structure",
        )
    mark = node.start_mark
    located.values[path] = (mark.line + 1, mark.column + 1)
    if isinstance(node, ScalarNode):  # most nodes: tested first
        return _construct(node, loader)
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, col = _pos(key_node)
                raise YamlProblem("mapping keys must be plain text", line, col, rule_id="yaml-key")
            if key_node.tag == "tag:yaml.org,2002:merge":
                line, col = _pos(key_node)
                raise YamlProblem(
                    "YAML merge keys (<<) are not accepted",
                    line,
                    col,
                    rule_id="yaml-alias",
                    fix="write the keys out in full",
                )
            key = _construct(key_node, loader)
            if not isinstance(key, str):
                key = str(key)
            child = (*path, key)
            if key in result:
                line, col = _pos(key_node)
                first = located.keys[child]
                raise YamlProblem(
                    f'duplicate key "{key}" (first at line {first[0]})',
                    line,
                    col,
                    rule_id="yaml-duplicate-key",
                    fix="remove or rename one of the two keys",
                )
            located.keys[child] = _pos(key_node)
            result[key] = _convert(value_node, child, located, loader, depth + 1)
        return result
    # a SequenceNode: the only other kind the composer makes
    return [_convert(item, (*path, index), located, loader, depth + 1) for index, item in enumerate(node.value)]


def _construct(node: Node, loader: SafeConstructor) -> Any:
    """A scalar key or value as Python data; a tag or value YAML cannot read is a problem at its place.

    The value itself is never quoted in the message: it may be personal data (a date of birth)."""
    if node.tag == _STR and isinstance(node, ScalarNode):
        value = node.value  # what the safe constructor makes of a string, without its bookkeeping (most values)
        return value if value.isascii() or not _SURROGATE.search(value) else _joined(value, node)
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        line, col = _pos(node)
        problem = (exc.problem or "cannot read this value").strip()
        raise YamlProblem(f"YAML value error: {problem}", line, col) from None
    except Exception:  # any failure to construct a scalar is a problem with that value
        # e.g. an impossible date (2021-13-01), a bad tagged value (!!int abc, !!timestamp hello), 5,000 digits
        line, col = _pos(node)
        tag = node.tag.rsplit(":", 1)[-1] if node.tag.startswith("tag:yaml.org,2002:") else "value"
        raise YamlProblem(
            f"YAML value error: this {tag} cannot be read",
            line,
            col,
            rule_id="yaml-value",
            fix="write a valid value, e.g. a date as YYYY-MM-DD",
        ) from None
    if isinstance(value, str) and _SURROGATE.search(value):
        value = _joined(value, node)
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")


def _joined(value: str, node: Node) -> str:
    """Escaped UTF-16 pairs (JSON's ``"\\ud83d\\ude00"``) joined into the character they encode; a lone half is a problem."""
    try:
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
    except UnicodeDecodeError:
        line, col = _pos(node)
        raise YamlProblem(
            "YAML value error: an escaped surrogate (\\ud800-\\udfff) that is not half of a pair is not a character",
            line,
            col,
            rule_id="yaml-value",
            fix="escape a character outside the BMP as a pair (\\ud83d\\ude00) or write it as itself",
        ) from None
