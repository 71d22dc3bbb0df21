"""TOML text -> the line and column of the keys under one table (``tomllib`` keeps no positions)."""

from __future__ import annotations

import re

from speccheck.core.yamlpos import Located


def locate_toml(text: str, table: tuple[str, ...]) -> Located:
    """Best-effort positions of the keys under ``table`` in TOML text (tomllib keeps none).

    Knows ``[a.b]`` and ``[[a.b]]`` headers and ``key = value`` lines, which is
    how configuration tables are written; anything else falls back to the
    nearest located parent.
    """
    located = Located(data=None)
    current: tuple[str | int, ...] | None = None
    counters: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^(\[\[?)\s*([^\]]+?)\s*\]\]?", stripped)
        if header:
            parts = tuple(_toml_key_parts(header.group(2)))
            current = None
            if parts[: len(table)] == table:
                inner: tuple[str | int, ...] = parts[len(table) :]
                if header.group(1) == "[[":
                    index = counters.get(parts, -1) + 1
                    counters[parts] = index
                    inner = (*inner, index)
                current = inner
                col = line.index("[") + 1
                located.values.setdefault(inner, (number, col))
                if inner and not isinstance(inner[-1], int):
                    located.keys.setdefault(inner, (number, col))
            continue
        if current is None:
            continue
        assignment = re.match(r"^(\s*)([A-Za-z0-9_\-\"'.]+)\s*=", line)
        if assignment:
            key_parts = tuple(_toml_key_parts(assignment.group(2)))
            path = (*current, *key_parts)
            col = len(assignment.group(1)) + 1
            located.keys.setdefault(path, (number, col))
            value_col = line.index("=", assignment.end(2)) + 2
            while value_col <= len(line) and line[value_col - 1 : value_col] == " ":
                value_col += 1
            located.values.setdefault(path, (number, value_col))
    return located


def _toml_key_parts(key: str) -> list[str]:
    return [part.strip().strip("\"'") for part in re.findall(r'"[^"]*"|\'[^\']*\'|[^.]+', key)]
