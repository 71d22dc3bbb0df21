"""The one contract every command's report keeps: its findings, their counts by severity, and whether the run fails."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from speccheck.core.findings import Finding, Severity


class Report(Protocol):
    """What every report answers, so one rule decides the exit code and every renderer reads findings alike."""

    @property
    def kind(self) -> str:
        """evaluation, audit, lint, verify or shortlist: which command made it."""
        ...

    def all_findings(self) -> list[Finding]:
        """Every finding of the report (not the suppressed ones), in the one sorted order."""
        ...

    def counts(self) -> dict[Severity, int]:
        """Findings per severity over ``all_findings``, every severity present, most severe first."""
        ...

    def fails_at(self, threshold: Severity) -> bool:
        """Whether the run fails when findings at or above ``threshold`` fail it."""
        ...


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Findings per severity, every severity present, most severe first."""
    counts = {severity: 0 for severity in sorted(Severity, key=lambda s: -s.rank)}
    for finding in findings:
        counts[finding.severity] += 1
    return counts


def any_at_or_above(findings: Iterable[Finding], threshold: Severity) -> bool:
    """Whether any finding is at least as severe as ``threshold``."""
    return any(finding.severity.rank >= threshold.rank for finding in findings)
