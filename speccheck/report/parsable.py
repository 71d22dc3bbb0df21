"""Parsable renderer: one line a finding, ``path:line:col: severity [rule-id] message``, for editors and grep."""

from __future__ import annotations

from typing import Any

from speccheck.core.findings import Finding
from speccheck.report import findings_of, one_line


def line(finding: Finding) -> str:
    """One finding as one line; a finding with no position shows ``-:1:1``."""
    pos = finding.position
    where = f"{pos.path}:{pos.line}:{pos.col}" if pos else "-:1:1"
    return one_line(f"{where}: {finding.severity.value} [{finding.rule_id}] {finding.message}")


def render(report: Any, **_: Any) -> str:
    """Every finding (suppressed ones are left out), sorted by file, line and column."""
    return "".join(line(finding) + "\n" for finding in findings_of(report))
