"""Shortlist outputs, chosen by the --output file's suffix: one registry, pure renderers.

Each renderer takes the report and returns text (str) or a file's bytes. The
registry names modules rather than importing them, so building the command
line (which every speccheck command does) never imports openpyxl.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

ShortlistRenderer = Callable[..., str | bytes]

SHORTLIST_RENDERERS: dict[str, str] = {
    ".csv": "speccheck.report.shortlist_csv",
    ".html": "speccheck.report.shortlist_html",
    ".json": "speccheck.report.shortlist_json",
    ".txt": "speccheck.report.terminal_shortlist",
    ".xlsx": "speccheck.report.shortlist_xlsx",
}


def renderer_for(suffix: str) -> ShortlistRenderer | None:
    """The renderer for an output file's suffix (any case), or None."""
    module = SHORTLIST_RENDERERS.get(suffix.lower())
    if module is None:
        return None
    render: ShortlistRenderer = importlib.import_module(module).render
    return render


def render(report: Any, suffix: str, **options: Any) -> str | bytes:
    renderer = renderer_for(suffix)
    if renderer is None:
        raise KeyError(suffix)
    return renderer(report, **options)
