"""What audit returns: findings per role and the coverage of statutory duties and standards."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from speccheck.core.findings import Finding, Position, Severity, SourceRef, sorted_findings
from speccheck.results.report import any_at_or_above, count_by_severity


class CoveringStatement(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str = Field(description="duty (job description) or criterion (person specification).")
    id: str = Field(description="Statement id.")
    text: str = Field(description="The statement, whitespace folded, cut at 200 characters.")
    method: str = Field(
        description="covers (named in covers:), terms (its words matched) or pattern (a regular expression matched)."
    )
    matched: list[str] = Field(default_factory=list, description="The words that matched, one per group of terms.")
    position: Position | None = Field(default=None, description="Where the statement is.")


class CoverageRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    duty_id: str = Field(description="Statutory duty id.")
    text: str = Field(description="The statutory duty.")
    source: SourceRef = Field(description="Where it is set out.")
    status: str = Field(description="covered or missing.")
    covered_by: list[str] = Field(default_factory=list, description="Job description statement ids that cover it.")
    how: str | None = Field(default=None, description="'covers:' or the words that matched.")
    method: str | None = Field(
        default=None, description="covers, terms or pattern: how the first covering statement was found."
    )
    matched: list[str] = Field(
        default_factory=list, description="The words of the first covering statement that matched."
    )
    statements: list[CoveringStatement] = Field(
        default_factory=list, description="Every covering statement, with how it matched."
    )


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True)

    catalogue_id: str = Field(description="Duty catalogue id.")
    framework: str = Field(description="Framework name.")
    rows: list[CoverageRow] = Field(description="One row per duty.")
    kind: str = Field(
        default="statutory", description="statutory (duties of the post) or standard (a professional standard)."
    )
    severity: str = Field(default="warning", description="Severity of a missing row, after the profile.")
    covered: int = Field(default=0, description="Rows covered.")
    total: int = Field(default=0, description="Rows in the table.")
    note: str | None = Field(
        default=None, description="How the post type is mapped onto the framework, where it needs saying."
    )
    sources: list[SourceRef] = Field(default_factory=list, description="The framework document(s).")


class NotRun(BaseModel):
    """A check or coverage table that did not run on a role, for want of what it reads."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Rule or duty catalogue id.")
    name: str = Field(description="What it checks, in words (the rule's title or the framework).")
    kind: str = Field(description="check (a check rule) or coverage (a duty or standards table).")
    reason: str = Field(description="Why it did not run, e.g. 'the role has no job description'.")


class RoleAudit(BaseModel):
    model_config = ConfigDict(frozen=True)

    role_id: str = Field(description="Role id.")
    title: str = Field(description="Post title.")
    path: str = Field(description="Role file.")
    post_type: str = Field(description="Post type.")
    as_of: dt.date | None = Field(
        default=None, description="Date guidance is judged at: --as-of, else the role's issued date."
    )
    coverage: list[Coverage] = Field(default_factory=list, description="Statutory duty coverage tables.")
    findings: list[Finding] = Field(default_factory=list, description="Audit findings.")
    issued: dt.date | None = Field(default=None, description="The role's issued date.")
    job_roles: list[str] = Field(default_factory=list, description="DfE Teaching Vacancies job roles of the post.")
    standards: list[Coverage] = Field(
        default_factory=list, description="Professional standards coverage tables (information)."
    )
    severity_counts: dict[str, int] = Field(default_factory=dict, description="Findings per severity.")
    not_run: list[NotRun] = Field(
        default_factory=list,
        description="Checks and coverage tables that need a job description and did not run because there is none.",
    )


class AuditReport(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: str = Field(default="audit", description="Always 'audit'.")
    roles: list[RoleAudit] = Field(description="One entry per role that could be loaded.")
    findings: list[Finding] = Field(
        default_factory=list, description="Load findings of files that could not be audited."
    )
    profile: str | None = Field(default=None, description="Profile applied (id).")
    as_of: dt.date | None = Field(default=None, description="--as-of, when given.")
    severity_counts: dict[str, int] = Field(
        default_factory=dict, description="Findings per severity, all roles and files."
    )

    def all_findings(self) -> list[Finding]:
        """Findings of files that could not be audited and of every role, sorted."""
        return sorted_findings([*self.findings, *(finding for role in self.roles for finding in role.findings)])

    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.all_findings())

    def fails_at(self, threshold: Severity) -> bool:
        """Whether any finding, of a role or of a file not audited, is at or above ``threshold``."""
        return any_at_or_above(self.all_findings(), threshold)


LABEL_LIMIT = 70  # characters of a duty's words in a list of them


def duty_label(text: str) -> str:
    """A duty or standard in a few words, for a list: its heading before a colon, else its words cut short."""
    flat = " ".join(text.split())
    head = flat.split(":", 1)[0]
    if head != flat and len(head) <= LABEL_LIMIT:
        return head
    return flat if len(flat) <= LABEL_LIMIT else flat[: LABEL_LIMIT - 3].rstrip(" ,;-") + "..."


def severity_summary(findings: list[Finding]) -> dict[str, int]:
    """Findings per severity as the JSON report writes them: every severity present, most severe first."""
    return {severity.value: count for severity, count in count_by_severity(findings).items()}
