"""speccheck.yaml or ``[tool.speccheck]`` in pyproject.toml -> one lint configuration.

The configuration is discovered upward from the working folder (the first
folder holding ``speccheck.yaml``, ``.speccheck.yaml`` or a pyproject.toml with
a ``[tool.speccheck]`` table wins; the search stops at the repository root).
Paths and globs in it are relative to the folder the file is in.

An unknown key is a finding at its line and column (a misspelt option must not
pass silently); a value of the wrong type is a configuration error the CLI
reports with its position and exit code 2.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from speccheck.core.errors import SpeccheckError
from speccheck.core.findings import Finding, Position, Severity, sorted_findings
from speccheck.core.reading import ReadProblem, read_capped
from speccheck.core.tomlpos import locate_toml
from speccheck.core.yamlpos import Located, YamlProblem, parse
from speccheck.files.config import ConfigModel, WaiverModel, WaiversFileModel
from speccheck.files.loader import MAX_FILE_BYTES
from speccheck.files.rules import DEFAULT_PROFILE
from speccheck.library.profiles import looks_like_path

CONFIG_NAMES = ("speccheck.yaml", ".speccheck.yaml")
PYPROJECT = "pyproject.toml"

# Findings about suppressions and the configuration itself: never configured, profiled or suppressed.
META_CATEGORIES = frozenset({"suppression", "config"})

C = TypeVar("C", bound=BaseModel)


# --------------------------------------------------------------------------- runtime values


def inside(resolved: Path, folder: Path) -> str | None:
    """A resolved path relative to a resolved ``folder``, '/'-separated; None when outside it."""
    try:
        return resolved.relative_to(folder).as_posix()
    except ValueError:
        return None


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression over '/'-separated relative paths.

    ``**`` spans folders (``**/`` also matches no folder), ``*`` and ``?`` stay
    within one path part, ``[...]`` is a character class.
    """
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        elif pattern[index] == "[" and "]" in pattern[index + 2 :]:
            end = pattern.index("]", index + 2)
            body = pattern[index + 1 : end]
            negate = body.startswith("!")
            chars = "".join(ch if ch == "-" else re.escape(ch) for ch in (body[1:] if negate else body))
            out.append("[" + ("^" if negate else "") + chars + "]")
            index = end + 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return re.compile("".join(out) + r"\Z")


@dataclass(frozen=True)
class Glob:
    pattern: str
    regex: re.Pattern[str]

    @classmethod
    def of(cls, pattern: str) -> Glob:
        cleaned = pattern.removeprefix("./")
        return cls(pattern, glob_regex(cleaned.rstrip("/") + ("/**" if cleaned.endswith("/") else "")))

    def matches(self, path: str) -> bool:
        return self.regex.match(path) is not None


@dataclass(frozen=True)
class Override:
    files: tuple[Glob, ...]
    rules: dict[str, str]
    position: Position | None = None


@dataclass(frozen=True)
class Waiver:
    """A waiver as used at run time, with where it is written (for findings about it)."""

    rule: str
    path: Glob
    reason: str | None
    owner: str | None
    expires: dt.date | None
    count: int | None
    position: Position | None = None

    def expired(self, as_of: dt.date) -> bool:
        return self.expires is not None and self.expires < as_of


@dataclass(frozen=True)
class LintConfig:
    """Everything lint takes from a configuration file (or the defaults, when there is none)."""

    path: Path | None = None
    root: Path = field(default_factory=Path)
    profile: str = DEFAULT_PROFILE  # a profile name, or the path of a profile file
    profile_position: Position | None = None
    fail_on: Severity | None = None
    rule_folders: tuple[Path, ...] = ()
    rules: dict[str, str] = field(default_factory=dict)
    rule_positions: dict[str, Position] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    exclude: tuple[Glob, ...] = ()
    waivers: tuple[Waiver, ...] = ()
    baseline: Path | None = None
    baseline_waivers: tuple[Waiver, ...] = ()
    findings: tuple[Finding, ...] = ()

    def relative(self, path: Path) -> str | None:
        """``path`` relative to the configuration's folder, '/'-separated; None when outside it."""
        return inside(path.resolve(), self.root.resolve())

    def excluded(self, path: Path) -> bool:
        return self.excluded_at(self.relative(path))

    def excluded_at(self, relative: str | None) -> bool:
        """Whether the file at ``relative`` (its path in the configuration's folder, as ``relative`` gives it) is
        excluded; a file outside the folder (None) never is."""
        return relative is not None and any(glob.matches(relative) for glob in self.exclude)

    def setting(self, rule_id: str, relative: str | None) -> str | None:
        """The configured setting (error, warning, info, off) of a rule for one file, if any."""
        setting = self.rules.get(rule_id)
        if relative is not None:
            for override in self.overrides:
                if rule_id in override.rules and any(glob.matches(relative) for glob in override.files):
                    setting = override.rules[rule_id]
        return setting

    def configured_rule_ids(self) -> list[tuple[str, Position | None]]:
        """Rule ids in rules: and overrides:, with where (waivers are checked with the suppressions)."""
        named: list[tuple[str, Position | None]] = [(rule, self.rule_positions.get(rule)) for rule in self.rules]
        for override in self.overrides:
            named.extend((rule, override.position) for rule in override.rules)
        return named

    @property
    def all_waivers(self) -> tuple[Waiver, ...]:
        """Waivers written in the configuration, then those of its baseline file."""
        return self.waivers + self.baseline_waivers

    def without_baseline(self) -> LintConfig:
        """The same configuration with the baseline's waivers left out (to write a new baseline)."""
        return replace(self, baseline_waivers=())


# --------------------------------------------------------------------------- discovery and loading


def discover(start: Path) -> Path | None:
    """The configuration file for ``start``: searched upward, stopping at the repository root."""
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    while True:
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = read_capped(pyproject, MAX_FILE_BYTES).decode("utf-8")
    except (ReadProblem, UnicodeDecodeError):
        return False
    return re.search(r"^\s*\[+\s*tool\.speccheck\b", text, re.MULTILINE) is not None


def load(path: Path, *, shown: str | None = None) -> LintConfig:
    """Read and check a configuration file; raise ``SpeccheckError`` when it cannot be used."""
    shown = shown if shown is not None else path.as_posix()
    data, located = _read(path, shown)
    model, findings = _validate(ConfigModel, data, located, shown)
    root = path.resolve().parent
    _check_globs(model, shown, located)
    inside = _Inside(root, shown, located)
    waivers = [_waiver(w, _position(shown, located, ("waivers", i))) for i, w in enumerate(model.waivers)]
    baseline = None
    baseline_waivers: list[Waiver] = []
    if model.baseline:
        baseline = inside.path(model.baseline, ("baseline",))
        if baseline.is_file():
            baseline_waivers = load_waivers(baseline, shown=_shown_beside(shown, model.baseline))
        else:
            findings.append(
                Finding(
                    rule_id="config-baseline-missing",
                    severity=Severity.WARNING,
                    message=f'baseline file "{model.baseline}" does not exist',
                    position=_position(shown, located, ("baseline",)),
                    fix="run speccheck baseline to write it, or remove the baseline key",
                )
            )
    return LintConfig(
        path=path,
        root=root,
        profile=str(inside.path(model.profile, ("profile",))) if looks_like_path(model.profile) else model.profile,
        profile_position=_position(shown, located, ("profile",)) if "profile" in data else None,
        fail_on=model.fail_on,
        rule_folders=tuple(inside.path(folder, ("rule_folders", i)) for i, folder in enumerate(model.rule_folders)),
        rules=dict(model.rules),
        rule_positions={rule: _position(shown, located, ("rules", rule), key=True) for rule in model.rules},
        overrides=tuple(
            Override(
                files=tuple(Glob.of(g) for g in o.files),
                rules=dict(o.rules),
                position=_position(shown, located, ("overrides", i)),
            )
            for i, o in enumerate(model.overrides)
        ),
        exclude=tuple(Glob.of(g) for g in model.exclude),
        waivers=tuple(waivers),
        baseline=baseline,
        baseline_waivers=tuple(baseline_waivers),
        findings=tuple(findings),
    )


@dataclass(frozen=True)
class _Inside:
    """Paths a configuration file names are relative to its folder and must stay inside it: a repository's
    configuration cannot send speccheck to read ``/usr`` or ``../../elsewhere`` (the command line can)."""

    root: Path
    shown: str
    located: Located

    def path(self, text: str, loc: tuple[str | int, ...]) -> Path:
        given = Path(text)
        target = self.root / given
        try:
            escapes = given.is_absolute() or not target.resolve().is_relative_to(self.root)
        except (OSError, RuntimeError, ValueError):
            escapes = True
        if escapes:
            raise SpeccheckError(
                f'"{text}" is outside the configuration\'s folder',
                where=_where(self.shown, self.located, loc),
                hint="name a path inside the project; give other folders on the command line (--rules, --profile)",
            )
        return target


def _check_globs(model: ConfigModel, shown: str, located: Located) -> None:
    """Every glob of the configuration can be used; a usage error at the first that cannot."""
    globs: list[tuple[str, tuple[str | int, ...]]] = [(g, ("exclude", i)) for i, g in enumerate(model.exclude)]
    globs += [(g, ("overrides", i, "files", j)) for i, o in enumerate(model.overrides) for j, g in enumerate(o.files)]
    for pattern, loc in globs:
        try:
            Glob.of(pattern)
        except re.error as exc:
            raise SpeccheckError(
                f'glob "{pattern}" cannot be used: {exc.msg}',
                where=_where(shown, located, loc),
                hint="write [a-z] ranges low to high, or escape [ as [[]",
            ) from None


def load_waivers(path: Path, *, shown: str) -> list[Waiver]:
    """The waivers of a baseline file (``kind: waivers``)."""
    data, located = _read(path, shown)
    model, findings = _validate(WaiversFileModel, data, located, shown)
    if findings:
        raise SpeccheckError(
            findings[0].message,
            where=str(findings[0].position),
            hint="a baseline file holds kind, version and waivers only",
        )
    return [_waiver(w, _position(shown, located, ("waivers", i))) for i, w in enumerate(model.waivers)]


def _shown_beside(shown: str, relative: str) -> str:
    folder = shown.rsplit("/", 1)[0] if "/" in shown else ""
    return f"{folder}/{relative}" if folder else relative


def _waiver(model: WaiverModel, position: Position | None) -> Waiver:
    try:
        glob = Glob.of(model.path)
    except re.error as exc:
        raise SpeccheckError(
            f'glob "{model.path}" cannot be used: {exc.msg}', where=str(position) if position else None
        ) from None
    return Waiver(
        rule=model.rule,
        path=glob,
        reason=(model.reason or "").strip() or None,
        owner=model.owner,
        expires=model.expires,
        count=model.count,
        position=position,
    )


def _read(path: Path, shown: str) -> tuple[dict[str, Any], Located]:
    text = read_config_text(path, shown)
    if path.name == PYPROJECT:
        return _read_pyproject(text, shown)
    try:
        located = parse(text)
    except YamlProblem as problem:
        raise SpeccheckError(problem.message, where=f"{shown}:{problem.line}:{problem.col}", hint=problem.fix) from None
    if located.data is None:
        return {}, located
    if not isinstance(located.data, dict):
        raise SpeccheckError("the configuration must be a mapping of keys to values", where=f"{shown}:1:1")
    return located.data, located


def read_config_text(path: Path, shown: str) -> str:
    """A configuration or baseline file's text: a regular file within the size cap, as UTF-8."""
    try:
        return read_capped(path, MAX_FILE_BYTES).decode("utf-8-sig")
    except ReadProblem as problem:
        raise SpeccheckError(f"cannot read the configuration: {problem.message}", where=shown) from None
    except UnicodeDecodeError:
        raise SpeccheckError("cannot read the configuration: it is not UTF-8 text", where=shown) from None


def _read_pyproject(text: str, shown: str) -> tuple[dict[str, Any], Located]:
    import tomllib  # only a configuration in pyproject.toml needs it

    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SpeccheckError(f"TOML syntax error: {exc}", where=shown) from None
    except RecursionError:
        raise SpeccheckError("TOML nesting is too deep to read", where=shown) from None
    tool = document.get("tool", {})
    data = tool.get("speccheck", {}) if isinstance(tool, dict) else {}
    if not isinstance(data, dict):
        raise SpeccheckError("[tool.speccheck] must be a table", where=shown)
    return data, locate_toml(text, ("tool", "speccheck"))


def _validate(model: type[C], data: dict[str, Any], located: Located, shown: str) -> tuple[C, list[Finding]]:
    """Validate; unknown keys become findings (and are dropped), any other error is raised."""
    findings: list[Finding] = []
    cleaned = data
    for _ in range(50):  # each pass drops the unknown keys pydantic reported
        try:
            return model.model_validate(cleaned), sorted_findings(findings)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            unknown = [e for e in errors if e["type"] == "extra_forbidden"]
            if not unknown:
                first = errors[0]
                loc = first["loc"]
                where = _where(shown, located, loc)
                name = ".".join(str(p) for p in loc) or "configuration"
                raise SpeccheckError(
                    f"{name}: {first['msg'][:1].lower()}{first['msg'][1:]}",
                    where=where,
                    hint="see the configuration reference in the README",
                ) from None
            for error in unknown:
                loc = error["loc"]
                findings.append(_unknown_key(loc, model, located, shown))
                cleaned = _without(cleaned, loc)
    raise SpeccheckError("the configuration could not be read", where=shown)  # pragma: no cover - bounded loop


def _unknown_key(loc: tuple[str | int, ...], model: type[BaseModel], located: Located, shown: str) -> Finding:
    name = str(loc[-1])
    known = _known_keys(model, loc[:-1])
    import difflib  # only a mistyped key needs it

    close = difflib.get_close_matches(name.replace("-", "_"), known, n=1, cutoff=0.6)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return Finding(
        rule_id="config-unknown-key",
        severity=Severity.ERROR,
        message=f'unknown configuration key "{name}"{hint}',
        position=_position(shown, located, loc, key=True),
        fix="known keys: " + ", ".join(known),
    )


def _known_keys(model: type[BaseModel], parent: tuple[str | int, ...]) -> list[str]:
    """The keys of the model at ``parent`` (a list item's model for a list of models)."""
    current = model
    for part in parent:
        if isinstance(part, int):
            continue
        annotation = current.model_fields[part].annotation
        candidates = (*get_args(annotation), annotation)
        current = next((a for a in candidates if isinstance(a, type) and issubclass(a, BaseModel)), current)
    return sorted(current.model_fields)


def _without(data: Any, loc: tuple[str | int, ...]) -> Any:
    if not loc:
        return data
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict):
        if not rest:
            return {k: v for k, v in data.items() if k != head}
        return {k: (_without(v, rest) if k == head else v) for k, v in data.items()}
    if isinstance(data, list) and isinstance(head, int):
        return [(_without(v, rest) if i == head else v) for i, v in enumerate(data)]
    return data


def _position(shown: str, located: Located, loc: tuple[str | int, ...], *, key: bool = False) -> Position:
    line, col = located.position(loc, key=key)
    return Position(path=shown, line=line, col=col)


def _where(shown: str, located: Located, loc: tuple[str | int, ...]) -> str:
    return str(_position(shown, located, loc))
