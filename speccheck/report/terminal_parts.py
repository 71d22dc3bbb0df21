"""Pieces shared by the terminal views: styles, finding tables, severity summaries."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from speccheck.core.findings import Finding, Severity

VERDICT_STYLE = {
    "met": "green",
    "not_met": "bold red",
    "evidenced": "cyan",
    "no_evidence": "yellow",
    "deferred": "dim",
}
DECISION_STYLE = {"shortlist": "bold green", "review": "bold yellow", "reject": "bold red"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_table(findings: list[Finding], *, show_path: bool = True) -> Table:
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
        table.add_row(
            Text(where),
            Text(finding.severity.value, style=SEVERITY_STYLE[finding.severity.value]),
            Text(finding.rule_id),
            message,
        )
    return table


def summary(findings: list[Finding]) -> Text:
    counts = {s: 0 for s in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    text = Text()
    for index, severity in enumerate(Severity):
        if index:
            text.append(", ")
        text.append(
            f"{counts[severity]} {severity.value}", style=SEVERITY_STYLE[severity.value] if counts[severity] else ""
        )
    return text
