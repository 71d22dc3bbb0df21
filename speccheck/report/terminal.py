"""Terminal renderer: rich tables for evaluations, audits and lint runs, rendered to text."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from speccheck.findings import Finding, Severity

VERDICT_STYLE = {
    "met": "green",
    "not_met": "bold red",
    "evidenced": "cyan",
    "no_evidence": "yellow",
    "deferred": "dim",
}
DECISION_STYLE = {"shortlist": "bold green", "review": "bold yellow", "reject": "bold red"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


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
    kind = report.kind
    if kind == "evaluation":
        return _evaluation(report)
    if kind == "audit":
        return _audit(report)
    return _lint(report)


def _finding_table(findings: list[Finding], *, show_path: bool = True) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, box=None, pad_edge=False)
    table.add_column("where", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("message", ratio=1)
    for finding in findings:
        pos = finding.position
        where = (str(pos) if show_path else f"{pos.line}:{pos.col}") if pos else "-"
        message = Text(finding.message)
        if finding.sources:
            message.append("\n  source: " + "; ".join(s.cite() for s in finding.sources), style="dim")
        if finding.fix:
            message.append("\n  fix: " + finding.fix, style="dim")
        table.add_row(where, Text(finding.severity.value, style=SEVERITY_STYLE[finding.severity.value]), finding.rule_id, message)
    return table


def _summary(findings: list[Finding]) -> Text:
    counts = {s: 0 for s in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    text = Text()
    for index, severity in enumerate(Severity):
        if index:
            text.append(", ")
        text.append(f"{counts[severity]} {severity.value}", style=SEVERITY_STYLE[severity.value] if counts[severity] else "")
    return text


def _evaluation(report: Any) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble(("speccheck evaluate  ", "bold"), f"{report.role_title} ({report.role_path}), judged as at {report.as_of}")
    ]
    summary = Table(title="Decisions", title_justify="left", header_style="bold", expand=True)
    summary.add_column("candidate", no_wrap=True)
    summary.add_column("decision", no_wrap=True)
    summary.add_column("essential met", justify="right")
    summary.add_column("desirable", justify="right")
    summary.add_column("why", ratio=1)
    for candidate in report.candidates:
        label = candidate.candidate_id + (f" ({candidate.name})" if candidate.name else "")
        summary.add_row(
            label,
            Text(candidate.decision.value, style=DECISION_STYLE[candidate.decision.value]),
            str(candidate.essential_met),
            f"{candidate.desirable_score:g}",
            candidate.decision_reason,
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
                lines.append(f"\n  “{quote.text}”  line {quote.position.line}", style="italic")
            table.add_row(
                result.criterion_id,
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
            body.append(_finding_table(candidate.findings))
        parts.append(Panel(Group(*body), title=title, title_align="left"))
    if report.findings:
        parts.append(Panel(_finding_table(report.findings), title="files not evaluated", title_align="left"))
    return Group(*parts)


def _audit(report: Any) -> RenderableType:
    parts: list[RenderableType] = []
    for role in report.roles:
        body: list[RenderableType] = []
        for coverage in role.coverage:
            table = Table(title=coverage.framework, title_justify="left", header_style="bold", expand=True)
            table.add_column("duty", no_wrap=True)
            table.add_column("status", no_wrap=True)
            table.add_column("covered by", no_wrap=True)
            table.add_column("how / source", ratio=1)
            for row in coverage.rows:
                style = "green" if row.status == "covered" else "bold red"
                table.add_row(
                    row.duty_id,
                    Text(row.status, style=style),
                    ", ".join(row.covered_by) or "-",
                    (row.how + "\n" if row.how else "") + row.source.cite(),
                )
            body.append(table)
        if role.findings:
            body.append(_finding_table(role.findings, show_path=False))
        body.append(Text.assemble("findings: ", _summary(role.findings)))
        title = f"{role.title} [{role.post_type}] {role.path}"
        parts.append(Panel(Group(*body), title=title, title_align="left"))
    if report.findings:
        parts.append(Panel(_finding_table(report.findings), title="files not audited", title_align="left"))
    if not parts:
        parts.append(Text("no roles audited"))
    return Group(*parts)


def _lint(report: Any) -> RenderableType:
    parts: list[RenderableType] = []
    by_file: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.position.path if finding.position else "-", []).append(finding)
    for path in sorted(by_file):
        parts.append(Panel(_finding_table(by_file[path], show_path=False), title=path, title_align="left"))
    parts.append(Text.assemble(f"{len(report.files)} file(s) checked: ", _summary(report.findings)))
    return Group(*parts)
