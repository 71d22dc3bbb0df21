"""Terminal view of a lint run: findings grouped by file, suppressed findings, and a summary by severity."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from speccheck.core.findings import Finding
from speccheck.report.terminal_parts import (
    SEVERITY_STYLE,
    finding_sources,
    finding_table,
    legend,
    summary,
)
from speccheck.results.lint import LintReport, SuppressedFinding


def _suppressed_table(items: list[SuppressedFinding]) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, box=None, pad_edge=False)
    table.add_column("where", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("suppressed by", ratio=1)
    for item in items:
        s = item.suppression
        how = Text(f"{s.kind}: {s.reason or 'no reason given'}")
        extra = ", ".join(
            x for x in (f"owner {s.owner}" if s.owner else "", f"until {s.expires}" if s.expires else "") if x
        )
        if extra:
            how.append(f" ({extra})", style="dim")
        pos = item.finding.position
        table.add_row(Text(str(pos) if pos else "-"), Text(item.finding.rule_id), how)
    return table


def renderable(report: LintReport) -> RenderableType:
    parts: list[RenderableType] = []
    by_file: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.position.path if finding.position else "-", []).append(finding)
    for path in sorted(by_file):
        # Text, not str: a path is data, never rich markup ("[/]" in a file name must not break the view).
        parts.append(Panel(finding_table(by_file[path], show_path=False), title=Text(path), title_align="left"))
    suppressed = list(report.suppressed)
    if suppressed:
        parts.append(
            Panel(
                _suppressed_table(suppressed), title=f"suppressed ({len(suppressed)})", title_align="left", style="dim"
            )
        )
    line = Text.assemble(f"{len(report.files)} file(s) checked: ", summary(report.findings))
    line.append(f"; {len(suppressed)} suppressed")
    fail_on = report.summary.fail_on.value
    if report.summary.failed:
        line.append(f"; fails (findings at or above {fail_on})", style=SEVERITY_STYLE["error"])
    else:
        line.append(f"; passes (nothing at or above {fail_on})", style="green")
    parts.append(line)
    key = legend(finding_sources(report.findings))
    if key is not None:
        parts.append(key)
    return Group(*parts)
