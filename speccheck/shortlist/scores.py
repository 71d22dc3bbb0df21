"""Panel scores of one run: each sheet read by its format, then resolved against the role and the batch.

``resolve`` keeps the rows that name a known candidate (by id or blind code)
and a criterion of the role, with a score on its scale; every row it leaves
out is a finding. Nothing here raises for bad input.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from speccheck.core.findings import Finding, Position, Severity
from speccheck.files.loader import read_text
from speccheck.shortlist.sheets import Conflict, ModeratedRow, NoteRow, ScoreRow, Sheets, place, sheet_finding
from speccheck.shortlist.sheets_csv import parse_moderation_csv, parse_scores_csv
from speccheck.shortlist.sheets_yaml import parse_moderation_yaml, parse_scores_yaml


def read_sheets(scores: Sequence[Path], moderated: Sequence[Path]) -> Sheets:
    """Every score sheet, then every moderation file, of a run, in the order given."""
    sheets = Sheets()
    for path in scores:
        sheets.extend(read_score_sheet(path))
    for path in moderated:
        sheets.extend(read_moderation(path))
    return sheets


def read_score_sheet(path: Path, shown: str | None = None) -> Sheets:
    """A score sheet file (``.csv``, ``.xlsx``, else YAML or JSON); never raises for bad input."""
    return _read(path, shown if shown is not None else str(path), parse_scores_csv, parse_scores_yaml)


def read_moderation(path: Path, shown: str | None = None) -> Sheets:
    """A moderation file (``.csv``, else YAML or JSON); never raises for bad input."""
    return _read(path, shown if shown is not None else str(path), parse_moderation_csv, parse_moderation_yaml)


def _read(
    path: Path, shown: str, csv_parser: Callable[[str, str], Sheets], yaml_parser: Callable[[str, str], Sheets]
) -> Sheets:
    if path.suffix.lower() == ".xlsx":
        if csv_parser is parse_scores_csv:
            from speccheck.shortlist.sheets_xlsx import read_scores_xlsx  # openpyxl only for a workbook

            return read_scores_xlsx(path, shown)
        return Sheets(
            findings=[
                sheet_finding(
                    "file-kind",
                    "a moderation file is CSV or YAML, not a workbook",
                    Position(path=shown, line=1, col=1),
                    "save the moderated scores as CSV: candidate, criterion, score, reason",
                )
            ]
        )
    text, findings = read_text(path, shown)
    if text is None:
        return Sheets(findings=findings)
    parser = csv_parser if path.suffix.lower() == ".csv" else yaml_parser
    return parser(text, shown)


@dataclass(frozen=True)
class Scale:
    """The role's scoring scale: scores run from 0 to ``scale_max``; ``pass_mark`` and above is met."""

    scale_max: int
    pass_mark: int


@dataclass
class Resolved:
    """Rows that name a known candidate and criterion on the scale; keys are candidate keys."""

    scores: list[ScoreRow] = field(default_factory=list)  # candidate replaced by its key
    conflicts: list[Conflict] = field(default_factory=list)  # candidate replaced by its key
    moderated: list[ModeratedRow] = field(default_factory=list)  # candidate replaced by its key
    removed: list[ScoreRow] = field(default_factory=list)  # scores dropped for a declared conflict
    notes: list[NoteRow] = field(default_factory=list)  # candidate replaced by its key
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class _Checks:
    """What a row is checked against, and where its findings go."""

    known: frozenset[str]  # criterion ids
    choices: str  # criterion ids for a fix message
    candidates: Mapping[str, str]  # every name a sheet may use -> the candidate's key
    scale: Scale
    findings: list[Finding]
    left_out: Mapping[str, str]  # criterion id -> why the role's audit leaves it out of the decisions

    def candidate_key(self, name: str, position: Position) -> str | None:
        """The key of a named candidate, or None with a finding when the batch has no such candidate."""
        key = self.candidates.get(name)
        if key is None:
            self.findings.append(
                sheet_finding(
                    "score-unknown-candidate",
                    f'candidate "{name}" is not in this batch',
                    position,
                    "use the candidate's id (or blind code) as the shortlist shows it",
                )
            )
        return key

    def on_scale(self, row: ScoreRow | ModeratedRow) -> bool:
        """Whether a row names a criterion of the role and a score on its scale; if not, a finding says so."""
        if row.criterion not in self.known:
            self.findings.append(
                sheet_finding(
                    "score-unknown-criterion",
                    f'criterion "{row.criterion}" is not in the role',
                    row.at("criterion"),
                    f"use one of {self.choices}",
                )
            )
            return False
        if row.criterion in self.left_out:
            self.findings.append(
                sheet_finding(
                    "score-left-out-criterion",
                    f'criterion "{row.criterion}" is left out of the decisions ({self.left_out[row.criterion]}); '
                    "this score is not counted",
                    row.at("criterion"),
                    "do not score it; correct the role's person specification (speccheck audit ROLE)",
                    Severity.WARNING,
                )
            )
            return False
        if not 0 <= row.score <= self.scale.scale_max:
            self.findings.append(
                sheet_finding(
                    "score-out-of-scale",
                    f"score {row.score} is outside the scale 0-{self.scale.scale_max}",
                    row.at("score"),
                    f"give a score from 0 to {self.scale.scale_max}",
                )
            )
            return False
        return True


def resolve(
    sheets: Sheets,
    criteria: list[str],
    candidates: Mapping[str, str],
    scale: Scale,
    *,
    left_out: Mapping[str, str] | None = None,
) -> Resolved:
    """Check rows against the role and batch.

    ``candidates`` maps every name a sheet may use for a candidate (its id, its
    blind code) to the candidate's key. A row naming an unknown candidate or
    criterion, a score off the scale, or a second score for the same
    panellist, candidate and criterion is a finding and is left out; so is a
    score for a criterion the role's audit leaves out (``left_out``: criterion
    id -> why). Scores by a panellist with a declared conflict are removed
    (and reported as info).
    """
    out = Resolved(findings=list(sheets.findings))
    choices = ", ".join(criteria[:12]) + (" ..." if len(criteria) > 12 else "")
    checks = _Checks(frozenset(criteria), choices, candidates, scale, out.findings, left_out or {})
    for conflict in sheets.conflicts:
        key = checks.candidate_key(conflict.candidate, conflict.position)
        if key is not None:
            out.conflicts.append(Conflict(conflict.panellist, key, conflict.reason, conflict.position))
    _resolve_scores(sheets.scores, checks, out)
    for note in sheets.notes:
        key = checks.candidate_key(note.candidate, note.position)
        if key is not None:
            out.notes.append(NoteRow(note.panellist, key, note.note, note.position))
    for (panellist, first), count in _count_removed(out.removed).items():
        out.findings.append(
            sheet_finding(
                "score-conflict-removed",
                f"{count} score(s) by {panellist} removed: conflict of interest declared",
                first,
                severity=Severity.INFO,
            )
        )
    _resolve_moderated(sheets.moderated, checks, out)
    return out


def _resolve_scores(rows: list[ScoreRow], checks: _Checks, out: Resolved) -> None:
    """Panellists' scores that count go to ``out.scores``; those of a conflicted panellist to ``out.removed``."""
    conflicted = {(c.panellist, c.candidate) for c in out.conflicts}
    seen: dict[tuple[str, str, str], Position] = {}
    for row in rows:
        key = checks.candidate_key(row.candidate, row.at("candidate"))
        if key is None or not checks.on_scale(row):
            continue
        ident = (row.panellist, key, row.criterion)
        if ident in seen:
            first = seen[ident]
            out.findings.append(
                sheet_finding(
                    "score-duplicate",
                    f'{row.panellist} already scored "{row.candidate}" on {row.criterion} ({place(first)}); this score is left out',
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


def _resolve_moderated(rows: list[ModeratedRow], checks: _Checks, out: Resolved) -> None:
    """One moderated score per candidate and criterion goes to ``out.moderated``."""
    seen: set[tuple[str, str]] = set()
    for moderated in rows:
        key = checks.candidate_key(moderated.candidate, moderated.at("candidate"))
        if key is None or not checks.on_scale(moderated):
            continue
        if (key, moderated.criterion) in seen:
            out.findings.append(
                sheet_finding(
                    "score-duplicate",
                    f'a moderated score for "{moderated.candidate}" on {moderated.criterion} is already recorded; this one is left out',
                    moderated.position,
                    "keep one",
                )
            )
            continue
        seen.add((key, moderated.criterion))
        out.moderated.append(
            ModeratedRow(
                key, moderated.criterion, moderated.score, moderated.reason, moderated.position, moderated.where
            )
        )


def _count_removed(removed: list[ScoreRow]) -> dict[tuple[str, Position], int]:
    """Removed scores counted per panellist and the first position of each sheet's removal."""
    counts: dict[tuple[str, Position], int] = {}
    firsts: dict[tuple[str, str, str], Position] = {}
    for row in removed:
        ident = (row.panellist, row.position.path, row.candidate)
        position = firsts.setdefault(ident, row.position)
        counts[(row.panellist, position)] = counts.get((row.panellist, position), 0) + 1
    return counts
