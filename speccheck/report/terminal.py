"""Terminal renderer: rich views of evaluations, audits and lint runs, rendered to text."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, RenderableType

from speccheck.report import terminal_audit, terminal_evaluation, terminal_lint

VIEWS = {
    "evaluation": terminal_evaluation.renderable,
    "audit": terminal_audit.renderable,
    "lint": terminal_lint.renderable,
}


def render(report: Any, *, width: int = 120, color: bool = False) -> str:
    """The report as terminal text (ANSI colours only when ``color``)."""
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(renderable(report))
    return console.file.getvalue()  # type: ignore[attr-defined, no-any-return]


def renderable(report: Any) -> RenderableType:
    """The rich view for a report, chosen by its kind."""
    return VIEWS[report.kind](report)
