"""What lint returns: findings per file, suppressions, the rules that ran and a summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from speccheck.core.findings import Finding, Position, Severity, sorted_findings
from speccheck.results.report import any_at_or_above, count_by_severity
from speccheck.results.rules import RuleInfo


class Summary(BaseModel):
    """Counts for the summary line, CI dashboards and the exit code."""

    model_config = ConfigDict(frozen=True)

    files: int = Field(description="Files checked.")
    error: int = Field(description="Findings of severity error (not suppressed).")
    warning: int = Field(description="Findings of severity warning (not suppressed).")
    info: int = Field(description="Findings of severity info (not suppressed).")
    suppressed: int = Field(description="Findings suppressed by an inline comment or a waiver.")
    fail_on: Severity = Field(description="The run fails on findings at or above this severity.")
    failed: bool = Field(description="Whether any finding is at or above fail_on.")

    @classmethod
    def of(cls, files: int, findings: Iterable[Finding], suppressed: int, fail_on: Severity) -> Summary:
        found = list(findings)  # read twice: counted, then compared with fail_on
        counts = count_by_severity(found)
        return cls(
            files=files,
            error=counts[Severity.ERROR],
            warning=counts[Severity.WARNING],
            info=counts[Severity.INFO],
            suppressed=suppressed,
            fail_on=fail_on,
            failed=any_at_or_above(found, fail_on),
        )


class LintReport(BaseModel):
    """The outcome of ``speccheck lint``."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(default="lint", description="Always 'lint'.")
    files: list[str] = Field(description="Files checked, as shown in findings.")
    findings: list[Finding] = Field(description="Findings, sorted by file, line, column, severity.")
    suppressed: list[SuppressedFinding] = Field(
        default_factory=list, description="Findings suppressed, with what suppressed them."
    )
    rules: list[RuleInfo] = Field(
        default_factory=list, description="The rules that ran, for SARIF and documentation links."
    )
    config: str | None = Field(default=None, description="The configuration file used, if any.")
    profile: str | None = Field(default=None, description="The audit profile applied (id).")
    summary: Summary = Field(description="Counts by severity, suppressed findings, and whether the run fails.")

    def all_findings(self) -> list[Finding]:
        """The findings that were not suppressed, sorted."""
        return sorted_findings(self.findings)

    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.findings)

    def fails_at(self, threshold: Severity) -> bool:
        """Whether a finding that was not suppressed is at or above ``threshold``."""
        return any_at_or_above(self.findings, threshold)


class Suppression(BaseModel):
    """What silenced a finding: an inline comment or a waiver, with its reason and where it is written."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["inline", "waiver"] = Field(description="inline (a comment in the file) or waiver (configuration).")
    reason: str | None = Field(default=None, description="Why the finding is accepted.")
    owner: str | None = Field(default=None, description="Who answers for a waiver.")
    expires: dt.date | None = Field(default=None, description="Last day a waiver holds.")
    position: Position | None = Field(default=None, description="Where the comment or the waiver is written.")


class SuppressedFinding(BaseModel):
    """A finding that was found and then accepted."""

    model_config = ConfigDict(frozen=True)

    finding: Finding = Field(description="The finding as it would have been reported.")
    suppression: Suppression = Field(description="What suppressed it.")
