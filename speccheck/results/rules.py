"""What a rule is, as every report and format describes it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from speccheck.core.findings import (
    Severity,
    SourceRef,
)


class RuleInfo(BaseModel):
    """One rule as documentation and tools see it."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Rule id, as findings carry it.")
    title: str = Field(description="One line saying what it checks.")
    kind: str = Field(description="check, duties, derivation or built-in.")
    category: str = Field(description="Category (rule folder), e.g. equality; built-ins: file, suppression, config.")
    severity: Severity | None = Field(default=None, description="Default severity; none for derivations.")
    applies_to: list[str] = Field(default_factory=list, description="Post types it applies to (rule files).")
    scope: str | None = Field(default=None, description="role, criterion or duty (checks).")
    rationale: str = Field(description="Why it matters.")
    fix: str | None = Field(default=None, description="What to do about a finding.")
    sources: tuple[SourceRef, ...] = Field(default=(), description="Documents the rule rests on.")
    path: str | None = Field(default=None, description="The rule file, for rule files.")
