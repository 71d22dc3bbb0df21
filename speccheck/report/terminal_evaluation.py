"""Terminal view of an evaluation: decisions, then each candidate's verdicts with evidence."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from speccheck.report.terminal_parts import (
    DECISION_STYLE,
    VERDICT_STYLE,
    finding_sources,
    finding_table,
    legend,
)
from speccheck.results.evaluation import EvaluationReport, judged_as_at


def renderable(report: EvaluationReport) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble(
            ("speccheck evaluate  ", "bold"),
            f"{report.role_title} ({report.role_path}), {judged_as_at(report.as_of, report.as_of_from)}",
        )
    ]
    summary = Table(title="Decisions", title_justify="left", header_style="bold", expand=True)
    summary.add_column("candidate", no_wrap=True)
    summary.add_column("decision", no_wrap=True)
    summary.add_column("essential met", justify="right")
    summary.add_column("desirable", justify="right")
    summary.add_column("why", ratio=1)
    for candidate in report.candidates:
        label = candidate.candidate_id + (f" ({candidate.name})" if candidate.name else "")
        summary.add_row(  # user text goes in as Text, never as rich markup
            Text(label),
            Text(candidate.decision.value, style=DECISION_STYLE[candidate.decision.value]),
            str(candidate.essential_met),
            f"{candidate.desirable_score:g}",
            Text(candidate.decision_reason),
        )
    parts.append(summary)
    for candidate in report.candidates:
        table = Table(header_style="bold", expand=True, show_lines=False)
        table.add_column("criterion", no_wrap=True)
        table.add_column("level", no_wrap=True)
        table.add_column("verdict", no_wrap=True)
        table.add_column("explanation", ratio=1)
        for result in candidate.results:
            lines = Text(result.text, style="bold")
            lines.append("\n" + result.explanation.summary)
            for quote in result.explanation.evidence[:2]:
                lines.append(f"\n  “{quote.text}”  {quote.where or f'line {quote.position.line}'}", style="italic")
            table.add_row(
                Text(result.criterion_id),
                result.level.value,
                Text(result.verdict.value, style=VERDICT_STYLE[result.verdict.value]),
                lines,
            )
        title = Text.assemble(
            candidate.candidate_id,
            (f" ({candidate.name})" if candidate.name else ""),
            "  ",
            (candidate.decision.value.upper(), DECISION_STYLE[candidate.decision.value]),
        )
        body: list[RenderableType] = [table]
        if candidate.findings:
            body.append(finding_table(candidate.findings))
        parts.append(Panel(Group(*body), title=title, title_align="left"))
    if report.findings:
        parts.append(Panel(finding_table(report.findings), title="files not evaluated", title_align="left"))
    key = legend(finding_sources([*report.findings, *(f for c in report.candidates for f in c.findings)]))
    if key is not None:
        parts.append(key)
    return Group(*parts)
