"""Parsable renderer: one line a finding, ``path:line:col: severity [rule-id] message``, for editors and grep."""

from __future__ import annotations

from speccheck.core.findings import Finding
from speccheck.report.contents import findings_of, one_line
from speccheck.results.report import Report


def line(finding: Finding) -> str:
    """One finding as one line; a finding with no position shows ``-:1:1``."""
    pos = finding.position
    where = f"{pos.path}:{pos.line}:{pos.col}" if pos else "-:1:1"
    at = f" ({pos.place})" if pos and pos.place else ""
    return one_line(f"{where}: {finding.severity.value} [{finding.rule_id}] {finding.message}{at}")


def render(report: Report, **_: object) -> str:
    """Every finding (suppressed ones are left out), sorted by file, line and column."""
    return "".join(line(finding) + "\n" for finding in findings_of(report))
