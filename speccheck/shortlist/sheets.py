"""What panel score sheets and moderation files say, as read: score rows, conflicts, moderated scores.

A sheet is one panellist's scores, as CSV or YAML (JSON accepted):

* CSV: a header row naming the columns ``panellist, candidate, criterion,
  score, note`` (any order, any case; ``note`` may be left out), then one row
  per score. A row whose score is ``conflict`` (criterion empty or ``*``)
  declares a conflict of interest with that candidate; its note is the reason.
  Positions are ``path:row:column``, both 1-based, the header being row 1.
* YAML: ``kind: scores``, ``version: 1``, an optional sheet-wide
  ``panellist:``, ``conflicts: [{candidate, reason}]`` and ``scores:
  [{candidate, criterion, score, note}]`` (a row may name its own panellist).

A moderation file records the panel's agreed scores, each with a reason: CSV
columns ``candidate, criterion, score, reason``, or YAML ``kind: moderation``,
``version: 1``, ``moderated: [{candidate, criterion, score, reason}]``.

Reading needs no role: it checks the shape of each row (``sheets_csv``,
``sheets_yaml``). ``scores.resolve`` then checks rows against the role and the
batch. Nothing here raises for bad input.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from speccheck.core.findings import Finding, Position, Severity

SCORE_COLUMNS = ("panellist", "candidate", "criterion", "score", "note")
MODERATION_COLUMNS = ("candidate", "criterion", "score", "reason")
CONFLICT_WORD = "conflict"


@dataclass(frozen=True)
class ScoreRow:
    """One score as read; ``where`` gives each field's position."""

    panellist: str
    candidate: str
    criterion: str
    score: int
    note: str | None
    position: Position
    where: Mapping[str, Position] = field(default_factory=dict)

    def at(self, name: str) -> Position:
        return self.where.get(name, self.position)


@dataclass(frozen=True)
class Conflict:
    """A panellist's declared conflict of interest with one candidate."""

    panellist: str
    candidate: str
    reason: str | None
    position: Position


@dataclass(frozen=True)
class ModeratedRow:
    """One score the panel agreed, with its reason; ``where`` gives each field's position."""

    candidate: str
    criterion: str
    score: int
    reason: str
    position: Position
    where: Mapping[str, Position] = field(default_factory=dict)

    def at(self, name: str) -> Position:
        return self.where.get(name, self.position)


@dataclass
class Sheets:
    """Everything read from the score sheets and moderation files of one run."""

    scores: list[ScoreRow] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    moderated: list[ModeratedRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def extend(self, other: Sheets) -> None:
        self.scores.extend(other.scores)
        self.conflicts.extend(other.conflicts)
        self.moderated.extend(other.moderated)
        self.findings.extend(other.findings)


def sheet_finding(
    rule_id: str, message: str, position: Position, fix: str | None = None, severity: Severity = Severity.ERROR
) -> Finding:
    """A finding about a score sheet or moderation file (an error unless told)."""
    return Finding(rule_id=rule_id, severity=severity, message=message, position=position, fix=fix)
