"""What lint returns: findings per file, suppressions, the rules that ran and a summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from speccheck.core.findings import Finding, Position, Severity
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
        counts = {s: 0 for s in Severity}
        for finding in findings:
            counts[finding.severity] += 1
        failed = any(counts[s] for s in Severity if s.rank >= fail_on.rank)
        return cls(
            files=files,
            error=counts[Severity.ERROR],
            warning=counts[Severity.WARNING],
            info=counts[Severity.INFO],
            suppressed=suppressed,
            fail_on=fail_on,
            failed=failed,
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

    def counts(self) -> dict[str, int]:
        """Findings per severity, every severity present."""
        return {s.value: getattr(self.summary, s.value) for s in Severity}


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
