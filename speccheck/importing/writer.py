"""Imported data -> YAML text: fields in the model's order, each item with a comment saying where it came from.

Strings are written plain when YAML reads them back as the same string, else
double-quoted; nothing relies on anchors or tags, so the project's loader reads
the file exactly as written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import yaml

Loc = tuple[str | int, ...]
_PLAIN = re.compile(r"^[A-Za-z0-9(£][^\n#:\"'{}\[\]`|>]*$")


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and not text.endswith(" ") and _reads_back(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_back(text: str) -> bool:
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def dump(data: dict[str, Any], comments: dict[Loc, list[str]], header: list[str]) -> str:
    """The YAML text of ``data``; ``comments`` go above the item at each location."""
    lines = [f"# {line}" if line else "#" for line in header]
    _mapping(data, (), 0, comments, lines)
    return "\n".join(lines) + "\n"


def _comment(loc: Loc, indent: int, comments: dict[Loc, list[str]], lines: list[str]) -> None:
    for text in comments.get(loc, []):
        lines.append(" " * indent + f"# {text}")


def _mapping(
    data: dict[str, Any],
    loc: Loc,
    indent: int,
    comments: dict[Loc, list[str]],
    lines: list[str],
    *,
    first_prefix: str = "",
) -> None:
    pad = " " * indent
    for i, (key, value) in enumerate(data.items()):
        here = (*loc, key)
        prefix = first_prefix if i == 0 and first_prefix else pad
        if not (i == 0 and first_prefix):
            _comment(here, indent, comments, lines)
        if isinstance(value, dict) and value:
            if _flow_ok(value):
                lines.append(f"{prefix}{key}: {_flow(value)}")
            else:
                lines.append(f"{prefix}{key}:")
                _mapping(value, here, indent + 2, comments, lines)
        elif isinstance(value, list) and value:
            if (
                all(not isinstance(v, (dict, list)) for v in value)
                and not any((*here, j) in comments for j in range(len(value)))
                and len(_flow(value)) < 100
            ):
                lines.append(f"{prefix}{key}: {_flow(value)}")
            else:
                lines.append(f"{prefix}{key}:")
                _sequence(value, here, indent + 2, comments, lines)
        else:
            empty = "{}" if isinstance(value, dict) else "[]" if isinstance(value, list) else scalar(value)
            lines.append(f"{prefix}{key}: {empty}")


def _sequence(items: list[Any], loc: Loc, indent: int, comments: dict[Loc, list[str]], lines: list[str]) -> None:
    pad = " " * indent
    for j, item in enumerate(items):
        here = (*loc, j)
        _comment(here, indent, comments, lines)
        if isinstance(item, dict) and item:
            _mapping(item, here, indent + 2, comments, lines, first_prefix=pad + "- ")
        elif isinstance(item, list):
            lines.append(f"{pad}- {_flow(item)}")
        else:
            lines.append(f"{pad}- {scalar(item)}")


def _flow_ok(value: dict[str, Any]) -> bool:
    return all(not isinstance(v, dict) for v in value.values()) and len(_flow(value)) < 100 and "condition" not in value


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = scalar(value)
    if isinstance(value, str) and text == value and re.search(r"[,\[\]{}]", value):
        return json.dumps(value, ensure_ascii=False)
    return text


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key) else json.dumps(key)
