"""Terminal renderer: rich views of evaluations, audits and lint runs, rendered to text."""

from __future__ import annotations

from rich.console import RenderableType

from speccheck.report import terminal_audit, terminal_evaluation, terminal_lint
from speccheck.report.terminal_parts import to_text
from speccheck.results.audit import AuditReport
from speccheck.results.evaluation import EvaluationReport
from speccheck.results.lint import LintReport


def render(report: EvaluationReport | AuditReport | LintReport, *, width: int = 120, color: bool = False) -> str:
    """The report as terminal text (ANSI colours only when ``color``)."""
    return to_text(renderable(report), width=width, color=color)


def renderable(report: EvaluationReport | AuditReport | LintReport) -> RenderableType:
    """The rich view for a report, chosen by its type."""
    if isinstance(report, EvaluationReport):
        return terminal_evaluation.renderable(report)
    if isinstance(report, AuditReport):
        return terminal_audit.renderable(report)
    return terminal_lint.renderable(report)
