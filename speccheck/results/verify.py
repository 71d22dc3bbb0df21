"""What rules verify returns: the outcome of every example of every rule."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from speccheck.core.findings import Finding, Severity, sorted_findings
from speccheck.results.report import any_at_or_above, count_by_severity


class ExampleOutcome(BaseModel):
    """One example of one rule, run through the engine."""

    model_config = ConfigDict(frozen=True)

    rule_id: str = Field(description="Rule id.")
    kind: str = Field(description="pass (must not fire) or fail (must fire).")
    name: str = Field(description="The example's name.")
    ok: bool = Field(description="Whether the rule did what the example expects.")
    expected: Any = Field(default=None, description="What the example expects.")
    got: Any = Field(default=None, description="What the engine gave.")
    detail: str = Field(default="", description="Messages of the findings raised, or why the example is invalid.")
    path: str | None = Field(default=None, description="The rule file.")


class VerifyReport(BaseModel):
    """The outcome of ``speccheck rules verify``."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(default="verify", description="Always 'verify'.")
    rules: list[str] = Field(description="Rule ids verified.")
    examples: list[ExampleOutcome] = Field(description="One outcome per example, by rule id.")
    findings: list[Finding] = Field(
        default_factory=list, description="Rule files that did not load, and rules without examples."
    )

    def all_findings(self) -> list[Finding]:
        """Rule files that did not load and rules without examples, sorted."""
        return sorted_findings(self.findings)

    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.all_findings())

    def fails_at(self, threshold: Severity) -> bool:
        """Whether an example did not do what it expects, or a rule file has a finding at or above ``threshold``."""
        return not all(example.ok for example in self.examples) or any_at_or_above(self.findings, threshold)
