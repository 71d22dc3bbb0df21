"""Terminal renderer: rich views of evaluations, audits and lint runs, rendered to text.

rich is imported only when a view needs it: lint's text off a terminal is plain lines, and starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from speccheck.results.audit import AuditReport
from speccheck.results.evaluation import EvaluationReport
from speccheck.results.lint import LintReport

if TYPE_CHECKING:
    from rich.console import RenderableType


def render(
    report: EvaluationReport | AuditReport | LintReport,
    *,
    width: int = 80,
    color: bool = False,
    terminal: bool = False,
    details: bool = False,
    show_suppressed: bool = False,
    **_: object,
) -> str:
    """The report as text at ``width`` columns (ANSI colours only when ``color``).

    ``terminal``: a person at a terminal reads it (lint groups its findings by file; elsewhere it writes one
    line a finding). ``details``: every criterion of every candidate (evaluate). ``show_suppressed``: list
    suppressed findings rather than count them (lint).
    """
    if isinstance(report, LintReport):
        if not terminal:
            from speccheck.report.parsable import lint_text

            return lint_text(report, show_suppressed=show_suppressed)
        from speccheck.report import terminal_lint

        return terminal_lint.render(report, width=width, color=color, terminal=True, show_suppressed=show_suppressed)
    from speccheck.report.terminal_parts import to_text

    return to_text(renderable(report, details=details), width=width, color=color)


def renderable(report: EvaluationReport | AuditReport | LintReport, *, details: bool = False) -> RenderableType:
    """The rich view for a report, chosen by its type (lint: the grouped terminal view)."""
    from speccheck.report import terminal_audit, terminal_evaluation, terminal_lint

    if isinstance(report, EvaluationReport):
        return terminal_evaluation.renderable(report, details=details)
    if isinstance(report, AuditReport):
        return terminal_audit.renderable(report)
    return terminal_lint.renderable(report)
