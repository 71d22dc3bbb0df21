"""Panel score sheets and moderation files -> score rows, conflicts and findings with positions.

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

Parsing needs no role: it checks the shape of each row. ``resolve`` then
checks rows against the role (criterion ids, the scoring scale) and the batch
(candidate ids or blind codes); every row it leaves out is a finding.
Nothing here raises for bad input.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from speccheck.core.findings import Finding, Position, Severity
from speccheck.files.loader import Loaded, parse_text, read_text, validation_findings

SCORE_COLUMNS = ("panellist", "candidate", "criterion", "score", "note")
MODERATION_COLUMNS = ("candidate", "criterion", "score", "reason")
CONFLICT_WORD = "conflict"

# --------------------------------------------------------------------------- YAML file models


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SheetScore(_Strict):
    """One score in a YAML sheet."""

    panellist: str | None = Field(default=None, min_length=1, description="Overrides the sheet's panellist.")
    candidate: str = Field(min_length=1, description="Candidate id, or blind code in anonymised panels.")
    criterion: str = Field(min_length=1, description="Criterion id in the role.")
    score: int = Field(description="Score on the role's scale (0 to scoring.scale_max).")
    note: str | None = Field(default=None, description="The panellist's note.")


class SheetConflict(_Strict):
    """A declared conflict of interest with one candidate."""

    panellist: str | None = Field(default=None, min_length=1, description="Overrides the sheet's panellist.")
    candidate: str = Field(min_length=1, description="Candidate id or blind code.")
    reason: str | None = Field(default=None, description="Why, e.g. 'former colleague'.")


class ScoreSheet(_Strict):
    """A panellist's score sheet."""

    kind: Literal["scores"] = Field(description="Always 'scores'.")
    version: Literal[1] = Field(description="File format version.")
    panellist: str | None = Field(default=None, min_length=1, description="Whose sheet this is.")
    conflicts: list[SheetConflict] = Field(default_factory=list, description="Declared conflicts of interest.")
    scores: list[SheetScore] = Field(default_factory=list, description="The scores.")


class SheetModerated(_Strict):
    candidate: str = Field(min_length=1, description="Candidate id or blind code.")
    criterion: str = Field(min_length=1, description="Criterion id in the role.")
    score: int = Field(description="The agreed score.")
    reason: str = Field(min_length=1, description="Why the panel agreed this score.")


class ModerationFile(_Strict):
    """The panel's moderated scores."""

    kind: Literal["moderation"] = Field(description="Always 'moderation'.")
    version: Literal[1] = Field(description="File format version.")
    moderated: list[SheetModerated] = Field(default_factory=list, description="Agreed scores with reasons.")


# --------------------------------------------------------------------------- parsed rows


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
    panellist: str
    candidate: str
    reason: str | None
    position: Position


@dataclass(frozen=True)
class ModeratedRow:
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


def _finding(
    rule_id: str, message: str, position: Position, fix: str | None = None, severity: Severity = Severity.ERROR
) -> Finding:
    return Finding(rule_id=rule_id, severity=severity, message=message, position=position, fix=fix)


# --------------------------------------------------------------------------- CSV


def _score_problem(row: Any, known: set[str] | frozenset[str], choices: str, scale_max: int) -> Finding | None:
    """A score row naming a criterion the role lacks, or off the scale (score sheets and moderation alike)."""
    if row.criterion not in known:
        return _finding(
            "score-unknown-criterion",
            f'criterion "{row.criterion}" is not in the role',
            row.at("criterion"),
            f"use one of {choices}",
        )
    if not 0 <= row.score <= scale_max:
        return _finding(
            "score-out-of-scale",
            f"score {row.score} is outside the scale 0-{scale_max}",
            row.at("score"),
            f"give a score from 0 to {scale_max}",
        )
    return None


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """CSV records with the 1-based line each starts on (a quoted field may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for record in reader:
        rows.append((start, record))
        start = reader.line_num + 1
    return rows


def _header(
    rows: list[tuple[int, list[str]]], shown: str, wanted: tuple[str, ...], optional: frozenset[str]
) -> tuple[dict[str, int] | None, list[Finding]]:
    if not rows:
        return None, [
            _finding(
                "score-sheet-empty",
                "the sheet is empty",
                Position(path=shown, line=1, col=1),
                "add a header row: " + ", ".join(wanted),
            )
        ]
    line, names = rows[0]
    columns: dict[str, int] = {}
    findings: list[Finding] = []
    for index, name in enumerate(names):
        key = name.strip().lower()
        if not key:
            continue
        if key not in wanted:
            findings.append(
                _finding(
                    "score-sheet-column",
                    f'unknown column "{name.strip()}"; it is ignored',
                    Position(path=shown, line=line, col=index + 1),
                    "the columns are " + ", ".join(wanted),
                    Severity.WARNING,
                )
            )
        elif key in columns:
            findings.append(
                _finding(
                    "score-sheet-column",
                    f'column "{key}" appears twice',
                    Position(path=shown, line=line, col=index + 1),
                    "keep one",
                )
            )
            return None, findings
        else:
            columns[key] = index
    missing = [name for name in wanted if name not in columns and name not in optional]
    if missing:
        findings.append(
            _finding(
                "score-sheet-header",
                "the header row lacks the column(s) " + ", ".join(f'"{m}"' for m in missing),
                Position(path=shown, line=line, col=1),
                "the first row names the columns: " + ", ".join(wanted),
            )
        )
        return None, findings
    return columns, findings


def _cells(
    record: list[str], columns: dict[str, int], line: int, shown: str
) -> tuple[dict[str, str], dict[str, Position]]:
    values: dict[str, str] = {}
    where: dict[str, Position] = {}
    for name, index in columns.items():
        values[name] = record[index].strip() if index < len(record) else ""
        where[name] = Position(path=shown, line=line, col=index + 1)
    return values, where


def _parse_score(raw: str, position: Position) -> tuple[int | None, Finding | None]:
    try:
        number = float(raw)
    except ValueError:
        return None, _finding(
            "score-not-a-number", f'score "{raw}" is not a number', position, "give a whole number on the role's scale"
        )
    if number != number or not number.is_integer():
        return None, _finding(
            "score-not-a-number",
            f'score "{raw}" is not a whole number',
            position,
            "give a whole number on the role's scale",
        )
    return int(number), None


def parse_scores_csv(text: str, shown: str) -> Sheets:
    """One CSV score sheet."""
    sheets = Sheets()
    rows = _csv_rows(text)
    columns, findings = _header(rows, shown, SCORE_COLUMNS, frozenset({"note"}))
    sheets.findings.extend(findings)
    if columns is None:
        return sheets
    for line, record in rows[1:]:
        if not any(cell.strip() for cell in record):
            continue
        values, where = _cells(record, columns, line, shown)
        position = Position(path=shown, line=line, col=1)
        empty = [name for name in ("panellist", "candidate") if not values[name]]
        if values["score"].lower() == CONFLICT_WORD:
            if empty:
                sheets.findings.append(
                    _finding(
                        "score-missing-field",
                        f"conflict row has no {empty[0]}",
                        where[empty[0]],
                        f"give the {empty[0]}",
                    )
                )
                continue
            if values["criterion"] not in ("", "*"):
                sheets.findings.append(
                    _finding(
                        "score-conflict-criterion",
                        f'a conflict is declared for the whole candidate; criterion "{values["criterion"]}" is ignored',
                        where["criterion"],
                        "leave the criterion empty or write *",
                        Severity.WARNING,
                    )
                )
            sheets.conflicts.append(
                Conflict(values["panellist"], values["candidate"], values.get("note") or None, position)
            )
            continue
        empty += [name for name in ("criterion", "score") if not values[name]]
        if empty:
            sheets.findings.append(
                _finding(
                    "score-missing-field",
                    f"row has no {empty[0]}",
                    where[empty[0]],
                    f"give the {empty[0]}, or delete the row",
                )
            )
            continue
        score, problem = _parse_score(values["score"], where["score"])
        if problem is not None or score is None:
            sheets.findings.append(problem)  # type: ignore[arg-type]
            continue
        sheets.scores.append(
            ScoreRow(
                values["panellist"],
                values["candidate"],
                values["criterion"],
                score,
                values.get("note") or None,
                position,
                where,
            )
        )
    return sheets


def parse_moderation_csv(text: str, shown: str) -> Sheets:
    """One CSV moderation file."""
    sheets = Sheets()
    rows = _csv_rows(text)
    columns, findings = _header(rows, shown, MODERATION_COLUMNS, frozenset())
    sheets.findings.extend(findings)
    if columns is None:
        return sheets
    for line, record in rows[1:]:
        if not any(cell.strip() for cell in record):
            continue
        values, where = _cells(record, columns, line, shown)
        empty = [name for name in MODERATION_COLUMNS if not values[name]]
        if empty:
            fix = (
                "a moderated score needs the reason the panel agreed it"
                if empty[0] == "reason"
                else f"give the {empty[0]}"
            )
            sheets.findings.append(
                _finding("moderation-missing-field", f"moderated score has no {empty[0]}", where[empty[0]], fix)
            )
            continue
        score, problem = _parse_score(values["score"], where["score"])
        if problem is not None or score is None:
            sheets.findings.append(problem)  # type: ignore[arg-type]
            continue
        sheets.moderated.append(
            ModeratedRow(
                values["candidate"],
                values["criterion"],
                score,
                values["reason"],
                Position(path=shown, line=line, col=1),
                where,
            )
        )
    return sheets


# --------------------------------------------------------------------------- YAML


def _validated(
    text: str, shown: str, model: type[BaseModel], kind: str
) -> tuple[Any, Loaded[Any] | None, list[Finding]]:
    located, findings = parse_text(text, shown)
    if located is None:
        return None, None, findings
    loaded: Loaded[Any] = Loaded(path=shown, model=None, located=located)
    found = located.data.get("kind")
    if found != kind:
        return (
            None,
            None,
            [
                _finding(
                    "file-kind",
                    f'expected a {kind} file; found kind "{found}"'
                    if found is not None
                    else f"file has no kind: (expected {kind})",
                    loaded.position(("kind",)),
                    f"start the file with kind: {kind} and version: 1",
                )
            ],
        )
    try:
        return model.model_validate(located.data), loaded, []
    except ValidationError as exc:
        return None, None, validation_findings(exc, loaded)


def parse_scores_yaml(text: str, shown: str) -> Sheets:
    """One YAML score sheet."""
    sheets = Sheets()
    sheet, loaded, findings = _validated(text, shown, ScoreSheet, "scores")
    sheets.findings.extend(findings)
    if sheet is None or loaded is None:
        return sheets
    for index, item in enumerate(sheet.conflicts):
        panellist = item.panellist or sheet.panellist
        position = loaded.position(("conflicts", index))
        if panellist is None:
            sheets.findings.append(
                _finding(
                    "score-missing-field",
                    "conflict has no panellist",
                    position,
                    "give panellist: at the top of the sheet",
                )
            )
            continue
        sheets.conflicts.append(Conflict(panellist, item.candidate, item.reason, position))
    for index, item in enumerate(sheet.scores):
        panellist = item.panellist or sheet.panellist
        position = loaded.position(("scores", index))
        if panellist is None:
            sheets.findings.append(
                _finding(
                    "score-missing-field", "score has no panellist", position, "give panellist: at the top of the sheet"
                )
            )
            continue
        where = {name: loaded.position(("scores", index, name)) for name in ("candidate", "criterion", "score", "note")}
        sheets.scores.append(
            ScoreRow(panellist, item.candidate, item.criterion, item.score, item.note, position, where)
        )
    return sheets


def parse_moderation_yaml(text: str, shown: str) -> Sheets:
    """One YAML moderation file."""
    sheets = Sheets()
    data, loaded, findings = _validated(text, shown, ModerationFile, "moderation")
    sheets.findings.extend(findings)
    if data is None or loaded is None:
        return sheets
    for index, item in enumerate(data.moderated):
        where = {name: loaded.position(("moderated", index, name)) for name in MODERATION_COLUMNS}
        sheets.moderated.append(
            ModeratedRow(
                item.candidate, item.criterion, item.score, item.reason, loaded.position(("moderated", index)), where
            )
        )
    return sheets


# --------------------------------------------------------------------------- files


def _read(
    path: Path, shown: str, csv_parser: Callable[[str, str], Sheets], yaml_parser: Callable[[str, str], Sheets]
) -> Sheets:
    text, findings = read_text(path, shown)
    if text is None:
        return Sheets(findings=findings)
    parser = csv_parser if path.suffix.lower() == ".csv" else yaml_parser
    return parser(text, shown)


def read_score_sheet(path: Path, shown: str | None = None) -> Sheets:
    """A score sheet file (``.csv``, else YAML or JSON); never raises for bad input."""
    return _read(path, shown if shown is not None else str(path), parse_scores_csv, parse_scores_yaml)


def read_moderation(path: Path, shown: str | None = None) -> Sheets:
    """A moderation file (``.csv``, else YAML or JSON); never raises for bad input."""
    return _read(path, shown if shown is not None else str(path), parse_moderation_csv, parse_moderation_yaml)


# --------------------------------------------------------------------------- resolving against the role and the batch


@dataclass(frozen=True)
class Scale:
    scale_max: int
    pass_mark: int


@dataclass
class Resolved:
    """Rows that name a known candidate and criterion on the scale; keys are candidate keys."""

    scores: list[ScoreRow] = field(default_factory=list)  # candidate replaced by its key
    conflicts: list[Conflict] = field(default_factory=list)  # candidate replaced by its key
    moderated: list[ModeratedRow] = field(default_factory=list)  # candidate replaced by its key
    removed: list[ScoreRow] = field(default_factory=list)  # scores dropped for a declared conflict
    findings: list[Finding] = field(default_factory=list)


def resolve(sheets: Sheets, criteria: list[str], candidates: Mapping[str, str], scale: Scale) -> Resolved:
    """Check rows against the role and batch.

    ``candidates`` maps every name a sheet may use for a candidate (its id, its
    blind code) to the candidate's key. A row naming an unknown candidate or
    criterion, a score off the scale, or a second score for the same
    panellist, candidate and criterion is a finding and is left out. Scores by
    a panellist with a declared conflict are removed (and reported as info).
    """
    known = set(criteria)
    out = Resolved(findings=list(sheets.findings))
    choices = ", ".join(criteria[:12]) + (" ..." if len(criteria) > 12 else "")

    def candidate_key(name: str, position: Position) -> str | None:
        key = candidates.get(name)
        if key is None:
            out.findings.append(
                _finding(
                    "score-unknown-candidate",
                    f'candidate "{name}" is not in this batch',
                    position,
                    "use the candidate's id (or blind code) as the shortlist shows it",
                )
            )
        return key

    for conflict in sheets.conflicts:
        key = candidate_key(conflict.candidate, conflict.position)
        if key is not None:
            out.conflicts.append(Conflict(conflict.panellist, key, conflict.reason, conflict.position))
    conflicted = {(c.panellist, c.candidate) for c in out.conflicts}
    seen: dict[tuple[str, str, str], Position] = {}
    for row in sheets.scores:
        key = candidate_key(row.candidate, row.at("candidate"))
        if key is None:
            continue
        problem = _score_problem(row, known, choices, scale.scale_max)
        if problem is not None:
            out.findings.append(problem)
            continue
        ident = (row.panellist, key, row.criterion)
        if ident in seen:
            first = seen[ident]
            out.findings.append(
                _finding(
                    "score-duplicate",
                    f'{row.panellist} already scored "{row.candidate}" on {row.criterion} (line {first.line}); this score is left out',
                    row.position,
                    "keep one score per panellist, candidate and criterion",
                )
            )
            continue
        seen[ident] = row.position
        resolved = ScoreRow(row.panellist, key, row.criterion, row.score, row.note, row.position, row.where)
        if (row.panellist, key) in conflicted:
            out.removed.append(resolved)
        else:
            out.scores.append(resolved)
    for (panellist, first), count in _count_removed(out.removed).items():
        out.findings.append(
            _finding(
                "score-conflict-removed",
                f"{count} score(s) by {panellist} removed: conflict of interest declared",
                first,
                severity=Severity.INFO,
            )
        )
    seen_moderated: set[tuple[str, str]] = set()
    for moderated in sheets.moderated:
        key = candidate_key(moderated.candidate, moderated.at("candidate"))
        if key is None:
            continue
        problem = _score_problem(moderated, known, choices, scale.scale_max)
        if problem is not None:
            out.findings.append(problem)
            continue
        if (key, moderated.criterion) in seen_moderated:
            out.findings.append(
                _finding(
                    "score-duplicate",
                    f'a moderated score for "{moderated.candidate}" on {moderated.criterion} is already recorded; this one is left out',
                    moderated.position,
                    "keep one",
                )
            )
            continue
        seen_moderated.add((key, moderated.criterion))
        out.moderated.append(
            ModeratedRow(
                key, moderated.criterion, moderated.score, moderated.reason, moderated.position, moderated.where
            )
        )
    return out


def _count_removed(removed: list[ScoreRow]) -> dict[tuple[str, Position], int]:
    """Removed scores counted per panellist and the first position of each sheet's removal."""
    counts: dict[tuple[str, Position], int] = {}
    firsts: dict[tuple[str, str, str], Position] = {}
    for row in removed:
        ident = (row.panellist, row.position.path, row.candidate)
        position = firsts.setdefault(ident, row.position)
        counts[(row.panellist, position)] = counts.get((row.panellist, position), 0) + 1
    return counts
