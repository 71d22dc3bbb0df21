"""Shortlist outputs, chosen by the --output file's suffix: one registry, pure renderers.

Each renderer takes the report and returns text (str) or a file's bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Union

from speccheck.report import shortlist_csv, shortlist_html, shortlist_json, shortlist_xlsx, terminal_shortlist

ShortlistRenderer = Callable[..., Union[str, bytes]]

SHORTLIST_RENDERERS: dict[str, ShortlistRenderer] = {
    ".csv": shortlist_csv.render,
    ".html": shortlist_html.render,
    ".json": shortlist_json.render,
    ".txt": terminal_shortlist.render,
    ".xlsx": shortlist_xlsx.render,
}


def renderer_for(suffix: str) -> ShortlistRenderer | None:
    return SHORTLIST_RENDERERS.get(suffix.lower())


def render(report: Any, suffix: str, **options: Any) -> str | bytes:
    renderer = renderer_for(suffix)
    if renderer is None:
        raise KeyError(suffix)
    return renderer(report, **options)
