"""Terminal view of a lint run: findings grouped by file, and a summary by severity."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from speccheck.findings import Finding
from speccheck.report.terminal_parts import (
    finding_table,
    summary,
)


def renderable(report: Any) -> RenderableType:
    parts: list[RenderableType] = []
    by_file: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.position.path if finding.position else "-", []).append(finding)
    for path in sorted(by_file):
        parts.append(Panel(finding_table(by_file[path], show_path=False), title=path, title_align="left"))
    parts.append(Text.assemble(f"{len(report.files)} file(s) checked: ", summary(report.findings)))
    return Group(*parts)
