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
* Excel (``.xlsx``), as ``speccheck scoresheet`` writes it: one sheet per
  panellist (the panellist's name beside "Panellist"), a row per candidate, a
  column per criterion, a "Conflict of interest" column (``conflict``) and a
  "Notes" column (the conflict's reason, else the panellist's note on the
  candidate). Positions are ``path:'Sheet'!C7``.

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

from pydantic import Field

from speccheck.core.findings import Finding, Position, Severity

SCORE_COLUMNS = ("panellist", "candidate", "criterion", "score", "note")
MODERATION_COLUMNS = ("candidate", "criterion", "score", "reason")
CONFLICT_WORD = "conflict"


class CellPosition(Position):
    """A cell of a workbook: ``line`` is its row and ``col`` its column, shown as a spreadsheet names it
    (``scores.xlsx:'J Okafor'!C7``); machine formats keep the file, row and column."""

    sheet: str = Field(exclude=True, description="The worksheet's name.")

    def __str__(self) -> str:
        return f"{self.path}:{quoted_sheet(self.sheet)}!{column_letter(self.col)}{self.line}"


def quoted_sheet(name: str) -> str:
    """A sheet name as a formula writes it: quoted when it is not a plain word."""
    return name if name.replace("_", "").isalnum() else "'" + name.replace("'", "''") + "'"


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def place(position: Position) -> str:
    """Where a row is, for a message: 'line 3', or a workbook's cell ('J Okafor'!C7)."""
    if isinstance(position, CellPosition):
        return f"{quoted_sheet(position.sheet)}!{column_letter(position.col)}{position.line}"
    return f"line {position.line}"


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


@dataclass(frozen=True)
class NoteRow:
    """A panellist's note on a candidate as a whole (a workbook's Notes column)."""

    panellist: str
    candidate: str
    note: str
    position: Position


@dataclass
class Sheets:
    """Everything read from the score sheets and moderation files of one run."""

    scores: list[ScoreRow] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    moderated: list[ModeratedRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def extend(self, other: Sheets) -> None:
        self.scores.extend(other.scores)
        self.conflicts.extend(other.conflicts)
        self.moderated.extend(other.moderated)
        self.notes.extend(other.notes)
        self.findings.extend(other.findings)


def sheet_finding(
    rule_id: str, message: str, position: Position, fix: str | None = None, severity: Severity = Severity.ERROR
) -> Finding:
    """A finding about a score sheet or moderation file (an error unless told)."""
    return Finding(rule_id=rule_id, severity=severity, message=message, position=position, fix=fix)
