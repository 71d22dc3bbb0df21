"""Result types shared by every command: severities, positions, sources and findings."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Severity(str, Enum):
    """How much a finding matters; ``error`` fails a lint run by default."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe, for ``--fail-on`` comparisons and sorting."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Position(BaseModel):
    """A 1-based place in a file, as people and editors count."""

    model_config = ConfigDict(frozen=True)

    path: str = Field(description="File path as given or relative to the base directory.")
    line: int = Field(ge=1, description="1-based line number.")
    col: int = Field(ge=1, description="1-based column number.")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class SourceRef(BaseModel):
    """Where a rule comes from: document, edition, paragraph and how sure we are of it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc: str = Field(description="Document title, e.g. 'STPCD' or 'Equality Act 2010'.")
    edition: str | None = Field(default=None, description="Edition or year of the document.")
    para: str | None = Field(default=None, description="Paragraph, section or page reference.")
    provenance: str = Field(description="Provenance tag from domain.md: V-PRIMARY, V-SECONDARY or UNVERIFIED.")
    note: str | None = Field(default=None, description="Anything a reader should know about the source.")

    def cite(self) -> str:
        """A short citation, e.g. ``STPCD 2023 para 48.1 [V-SECONDARY]``."""
        parts = [self.doc]
        if self.edition:
            parts.append(self.edition)
        if self.para:
            parts.append(f"para {self.para}" if self.para[:1].isdigit() else self.para)
        return " ".join(parts) + f" [{self.provenance}]"


class Finding(BaseModel):
    """One problem or observation, tied to a rule and (where known) a place in a file."""

    model_config = ConfigDict(frozen=True)

    rule_id: str = Field(description="Kebab-case id of the rule or load check that produced it.")
    severity: Severity = Field(description="error, warning or info.")
    message: str = Field(description="Lower-case message quoting the offending value.")
    position: Position | None = Field(default=None, description="Where in which file, if known.")
    fix: str | None = Field(default=None, description="What to do about it.")
    sources: tuple[SourceRef, ...] = Field(default=(), description="Documents the rule rests on.")

    def sort_key(self) -> tuple[str, int, int, int, str, str]:
        pos = self.position
        return (
            pos.path if pos else "",
            pos.line if pos else 0,
            pos.col if pos else 0,
            -self.severity.rank,
            self.rule_id,
            self.message,
        )


def sorted_findings(findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
    """Findings in the one order every renderer uses: file, line, column, severity, rule."""
    return sorted(findings, key=Finding.sort_key)
