"""Terminal view of an audit: coverage tables and findings per role."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from speccheck.report.terminal_parts import (
    finding_table,
    summary,
)


def renderable(report: Any) -> RenderableType:
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
            body.append(finding_table(role.findings, show_path=False))
        body.append(Text.assemble("findings: ", summary(role.findings)))
        title = f"{role.title} [{role.post_type}] {role.path}"
        parts.append(Panel(Group(*body), title=title, title_align="left"))
    if report.findings:
        parts.append(Panel(finding_table(report.findings), title="files not audited", title_align="left"))
    if not parts:
        parts.append(Text("no roles audited"))
    return Group(*parts)
