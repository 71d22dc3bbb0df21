"""Score sheets written as Excel workbooks (``speccheck scoresheet``) -> rows and findings at ``path:'Sheet'!C7``.

A workbook may hold several panellists' sheets; a sheet counts when its
first cell begins "Score sheet". Each gives its panellist beside
"Panellist", a header row beginning "Candidate" (criterion ids, then
"Conflict of interest" and "Notes"), and a row per candidate. A score is a
whole number (typed, or chosen from the drop-down); an empty cell is no
score. The findings are the CSV sheet's, at the cell. The file is read with a
size cap, its unpacked size is checked before it is opened, and formulas are
never evaluated (a cell's saved value is read).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

from speccheck.core.findings import Finding, Position, Severity
from speccheck.files.loader import read_bytes
from speccheck.report.scoresheet_xlsx import (
    CANDIDATE_HEADER,
    CONFLICT_HEADER,
    NOTES_HEADER,
    PANELLIST_LABEL,
    SHEET_TITLE,
)
from speccheck.shortlist.sheets import (
    CONFLICT_WORD,
    CellPosition,
    Conflict,
    NoteRow,
    ScoreRow,
    Sheets,
    sheet_finding,
)
from speccheck.shortlist.sheets_csv import parse_score

MAX_UNPACKED_BYTES = 64 * 1024 * 1024  # a score sheet is small; a bigger archive is a mistake or a zip bomb
_LOOK = 20  # rows searched for the panellist and the header
_YES = {CONFLICT_WORD, "yes", "y", "x"}
_NO = {"", "no", "n", "none", "-"}


def read_scores_xlsx(path: Path, shown: str) -> Sheets:
    """A workbook of score sheets; never raises for bad input."""
    data, findings = read_bytes(path, shown)  # a regular file only, the cap enforced while reading
    if data is None:
        return Sheets(findings=findings)
    return parse_scores_xlsx(data, shown)


def parse_scores_xlsx(data: bytes, shown: str) -> Sheets:
    at = Position(path=shown, line=1, col=1)
    fix = "give the .xlsx file speccheck scoresheet wrote, saved by Excel or LibreOffice"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile:
        return _failed("score-sheet-workbook", "not an Excel workbook (.xlsx)", at, fix)
    if unpacked > MAX_UNPACKED_BYTES:
        return _failed("score-sheet-workbook", f"the workbook unpacks to {unpacked} bytes; too large", at, fix)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it drops (the drop-down lists)
            book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        return _failed("score-sheet-workbook", f"the workbook cannot be read ({type(exc).__name__})", at, fix)
    sheets = Sheets()
    found = False
    for sheet in book.worksheets:
        first = sheet.cell(row=1, column=1).value
        if isinstance(first, str) and first.strip().startswith(SHEET_TITLE):
            found = True
            sheets.extend(_sheet(sheet, shown))
    if not found:
        sheets.findings.append(
            sheet_finding(
                "score-sheet-empty",
                f'the workbook has no score sheet (a sheet whose first cell begins "{SHEET_TITLE}")',
                at,
                "make the score sheets with speccheck scoresheet ROLE CANDIDATES... -o FILE.xlsx",
            )
        )
    return sheets


def _failed(rule_id: str, message: str, at: Position, fix: str) -> Sheets:
    return Sheets(findings=[sheet_finding(rule_id, message, at, fix)])


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _sheet(sheet: object, shown: str) -> Sheets:
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    out = Sheets()
    title = sheet.title

    def cell(row: int, col: int) -> CellPosition:
        return CellPosition(path=shown, line=row, col=col, sheet=title)

    label_row = next(
        (r for r in range(1, _LOOK) if _text(sheet.cell(row=r, column=1).value).lower() == PANELLIST_LABEL.lower()),
        None,
    )
    panellist = _text(sheet.cell(row=label_row, column=2).value) if label_row else ""
    if not panellist:
        out.findings.append(
            sheet_finding(
                "score-missing-field",
                "the sheet has no panellist",
                cell(label_row or 2, 2),
                f"write your name beside {PANELLIST_LABEL}",
            )
        )
        return out
    head = next(
        (r for r in range(1, _LOOK) if _text(sheet.cell(row=r, column=1).value).lower() == CANDIDATE_HEADER.lower()),
        None,
    )
    if head is None:
        out.findings.append(
            sheet_finding(
                "score-sheet-header",
                f'the sheet has no header row beginning "{CANDIDATE_HEADER}"',
                cell(1, 1),
                "keep the rows speccheck scoresheet wrote",
            )
        )
        return out
    criteria: dict[int, str] = {}
    conflict_col = notes_col = None
    for col in range(2, sheet.max_column + 1):
        name = _text(sheet.cell(row=head, column=col).value)
        if name.lower() == CONFLICT_HEADER.lower():
            conflict_col = col
        elif name.lower() == NOTES_HEADER.lower():
            notes_col = col
        elif name:
            criteria[col] = name.split()[0]
    for row in range(head + 1, sheet.max_row + 1):
        candidate = _text(sheet.cell(row=row, column=1).value)
        if not candidate:
            continue
        note = _text(sheet.cell(row=row, column=notes_col).value) if notes_col else ""
        conflict = _text(sheet.cell(row=row, column=conflict_col).value).lower() if conflict_col else ""
        if conflict in _YES:
            assert conflict_col is not None
            out.conflicts.append(Conflict(panellist, candidate, note or None, cell(row, conflict_col)))
        elif conflict not in _NO:
            assert conflict_col is not None
            out.findings.append(
                sheet_finding(
                    "score-sheet-column",
                    f'conflict of interest cell holds "{conflict}"; it is ignored',
                    cell(row, conflict_col),
                    f"write {CONFLICT_WORD}, or leave the cell empty",
                    Severity.WARNING,
                )
            )
        elif note and notes_col is not None:
            out.notes.append(NoteRow(panellist, candidate, note, cell(row, notes_col)))
        for col, criterion in criteria.items():
            _score(out, panellist, candidate, criterion, sheet.cell(row=row, column=col).value, cell, row, col, head)
    return out


def _score(
    out: Sheets,
    panellist: str,
    candidate: str,
    criterion: str,
    value: object,
    cell: object,
    row: int,
    col: int,
    head: int,
) -> None:
    assert callable(cell)
    if value is None or (isinstance(value, str) and not value.strip()):
        return
    position: CellPosition = cell(row, col)
    score = parse_score(_text(value), position)
    if isinstance(score, Finding):
        out.findings.append(score)
        return
    where = {"candidate": cell(row, 1), "criterion": cell(head, col), "score": position}
    out.scores.append(ScoreRow(panellist, candidate, criterion, score, None, position, where))
