"""Result types shared by every command: severities, positions, sources and findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer


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
    place: str | None = Field(
        default=None,
        description=(
            "In a Word, PDF or text document read by the importer, where a person finds it: 'page 2, table 1, row 4', "
            "'paragraph 12'; line is then the block's place in reading order."
        ),
    )

    @model_serializer(mode="wrap")
    def _without_empty_place(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if self.place is None and isinstance(data, dict):
            data.pop("place", None)
        return data

    def __str__(self) -> str:
        if self.place is not None:
            return f"{self.path} ({self.place})"
        return f"{self.path}:{self.line}:{self.col}"


class SourceRef(BaseModel):
    """Where a rule comes from: document, edition, paragraph and how sure we are of it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    doc: str = Field(description="Document title, e.g. 'STPCD' or 'Equality Act 2010'.")
    edition: str | None = Field(default=None, description="Edition or year of the document.")
    para: str | None = Field(default=None, description="Paragraph, section or page reference.")
    provenance: str = Field(description="Provenance tag from domain.md: V-PRIMARY, V-SECONDARY or UNVERIFIED.")
    note: str | None = Field(default=None, description="Anything a reader should know about the source.")
    # When this edition was in force. A finding cites, of each document's dated editions, the one in force on
    # the day the role is judged at; the dates choose the citation and are not themselves shown.
    in_force_from: dt.date | None = Field(
        default=None, exclude=True, description="The edition is in force from this day (e.g. 1 September)."
    )
    in_force_until: dt.date | None = Field(
        default=None, exclude=True, description="The edition is in force until the day before this one."
    )

    @property
    def dated(self) -> bool:
        return self.in_force_from is not None or self.in_force_until is not None

    def in_force_on(self, day: dt.date | None) -> bool:
        """Whether this edition is in force on ``day``; with no day, whether it is the current edition."""
        if day is None:
            return self.in_force_until is None
        return (self.in_force_from is None or day >= self.in_force_from) and (
            self.in_force_until is None or day < self.in_force_until
        )

    def cite(self) -> str:
        """A short citation, e.g. ``STPCD 2023 para 48.1 [V-SECONDARY]``."""
        parts = [self.doc]
        if self.edition:
            parts.append(self.edition)
        if self.para:
            parts.append(f"para {self.para}" if self.para[:1].isdigit() else self.para)
        return " ".join(parts) + f" [{self.provenance}]"


def sources_in_force(sources: Sequence[SourceRef], day: dt.date | None) -> tuple[SourceRef, ...]:
    """The sources a finding on a role judged at ``day`` cites, in their order: every undated source, and of each
    document's dated editions the one in force (before the first edition, the first; after the last, the last)."""
    editions: dict[str, list[SourceRef]] = {}
    for source in sources:
        if source.dated:
            editions.setdefault(source.doc, []).append(source)
    chosen: set[int] = set()
    for dated in editions.values():
        now = [s for s in dated if s.in_force_on(day)]
        if not now:
            first = min(dated, key=lambda s: s.in_force_from or dt.date.min)
            before = day is not None and first.in_force_from is not None and day < first.in_force_from
            now = [first if before else max(dated, key=lambda s: s.in_force_from or dt.date.min)]
        chosen.update(id(s) for s in now)
    return tuple(s for s in sources if not s.dated or id(s) in chosen)


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
