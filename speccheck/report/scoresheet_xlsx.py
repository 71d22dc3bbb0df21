"""Blank panel score sheets as an Excel workbook: one sheet per panellist, to fill in and give back.

Each sheet names its panellist beside "Panellist", then has a row per
candidate (by id, or blind code; in id order, not the machine's ranking, so a
panellist scores without it) and a column per criterion judged at
shortlisting (the id, with a short title under it); each score cell is a
drop-down of the role's scale. A "Conflict of interest" column takes
``conflict`` and the "Notes" column its reason, or the panellist's note on
the candidate. ``speccheck shortlist --scores FILE.xlsx`` reads the sheets
back (``speccheck.shortlist.sheets_xlsx``), with findings at the cell.
Criteria left out by the role's audit, and those assessed later, have no
column. A4 landscape, fitted to the width, header rows repeated.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from speccheck.core.controls import without_controls
from speccheck.report.shortlist_parts import judged, short_title
from speccheck.report.xlsx_layout import BOLD, BOX, CENTRE, HEAD_FILL, TITLE, WRAP, fill, fit_rows, print_setup, put
from speccheck.results.shortlist import CriterionInfo, ShortlistReport

SHEET_TITLE = "Score sheet"  # the first cell of every score sheet begins so
PANELLIST_LABEL = "Panellist"
CANDIDATE_HEADER = "Candidate"
CONFLICT_HEADER = "Conflict of interest"
NOTES_HEADER = "Notes"
CONFLICT_VALUE = "conflict"
HEAD_ROW = 5  # the ids; the row under it holds the short titles; candidates follow
SCORE_WIDTH = 6.5
INPUT_FILL = "FFF7D6"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def render(report: ShortlistReport, **_: object) -> bytes:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    used: set[str] = set()
    for index, panellist in enumerate(report.panel or [""], start=1):
        sheet = workbook.create_sheet(_sheet_name(panellist or f"Panellist {index}", used))
        _sheet(sheet, report, panellist)
    stamp = dt.datetime.combine(report.as_of, dt.time())
    workbook.properties.creator = "speccheck"
    workbook.properties.title = without_controls(f"Score sheets: {report.role_title}", lines=False)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", without_controls(name, lines=False)).strip() or "Panellist"
    base, candidate, number = base[:31], base[:31], 2
    while candidate in used:
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(candidate)
    return candidate


def _sheet(sheet: Worksheet, report: ShortlistReport, panellist: str) -> None:
    criteria = judged(report)
    conflict_col = len(criteria) + 2
    notes_col = conflict_col + 1
    put(sheet, "A1", f"{SHEET_TITLE}: {report.role_title}")
    sheet["A1"].font = TITLE
    put(sheet, "A2", PANELLIST_LABEL)
    sheet["A2"].font = BOLD
    name = put(sheet, (2, 2), panellist or None)
    name.border, name.fill, name.font = BOX, fill(INPUT_FILL), BOLD
    sheet.merge_cells(start_row=2, start_column=2, end_row=2, end_column=min(notes_col, 8))
    put(
        sheet,
        "A3",
        f"Score each candidate on each criterion from 0 to {report.scale_max} ({report.pass_mark} or more meets it), "
        "from the application alone; leave a cell empty if you do not score it. If you know a candidate, write "
        f"{CONFLICT_VALUE} in their Conflict of interest cell and the reason in Notes: your scores for them are "
        "then not counted. Give the sheet back as it is: speccheck shortlist --scores reads it.",
    )
    sheet["A3"].alignment = WRAP
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=notes_col)
    _head(sheet, criteria, conflict_col, notes_col)
    candidates = sorted(report.candidates, key=lambda c: c.candidate_id)
    first_row = HEAD_ROW + 2
    for index, candidate in enumerate(candidates):
        row = first_row + index
        put(sheet, (row, 1), candidate.candidate_id).border = BOX
        for col in range(2, notes_col + 1):
            cell = sheet.cell(row=row, column=col)
            cell.border, cell.fill = BOX, fill(INPUT_FILL)
            cell.alignment = WRAP if col == notes_col else CENTRE
        sheet.row_dimensions[row].height = 30
    last_row = first_row + max(0, len(candidates) - 1)
    _validation(sheet, report, criteria, first_row, last_row, conflict_col)
    widths = {1: 16.0, **{col: SCORE_WIDTH for col in range(2, conflict_col)}, conflict_col: 11.0, notes_col: 44.0}
    for col, width in widths.items():
        sheet.column_dimensions[get_column_letter(col)].width = width
    fit_rows(sheet, [3], {1: sum(widths.values())})
    sheet.freeze_panes = sheet.cell(row=first_row, column=2)
    print_setup(sheet, orientation="landscape", title_rows=f"{HEAD_ROW}:{HEAD_ROW + 1}", title_columns="A:A")


def _head(sheet: Worksheet, criteria: list[CriterionInfo], conflict_col: int, notes_col: int) -> None:
    titles = HEAD_ROW + 1
    for col, text in ((1, CANDIDATE_HEADER), (conflict_col, CONFLICT_HEADER), (notes_col, NOTES_HEADER)):
        cell = put(sheet, (HEAD_ROW, col), text)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEAD_FILL, BOX, WRAP
    put(sheet, (titles, conflict_col), f"write {CONFLICT_VALUE}").alignment = WRAP
    put(sheet, (titles, notes_col), "the reason for a conflict, or your note").alignment = WRAP
    for offset, criterion in enumerate(criteria):
        col = 2 + offset
        essential = criterion.level.value == "essential"
        cell = put(sheet, (HEAD_ROW, col), criterion.id)
        cell.font, cell.fill, cell.border, cell.alignment = BOLD, HEAD_FILL, BOX, CENTRE
        words = f"{'●' if essential else '○'} {short_title(criterion.text, 48)}"
        title = put(sheet, (titles, col), words)
        title.alignment = Alignment(text_rotation=90, vertical="bottom", horizontal="center", wrap_text=True)
        title.font = Font(size=9, bold=essential)
        title.border = BOX
    sheet.row_dimensions[titles].height = 150


def _validation(
    sheet: Worksheet,
    report: ShortlistReport,
    criteria: list[CriterionInfo],
    first_row: int,
    last_row: int,
    conflict_col: int,
) -> None:
    scale = ",".join(str(n) for n in range(report.scale_max + 1))
    scores = DataValidation(
        type="list",
        formula1=f'"{scale}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Score",
        error=f"Choose a score from 0 to {report.scale_max}, or leave the cell empty.",
        promptTitle="Score",
        prompt=f"0 to {report.scale_max}; {report.pass_mark} or more meets the criterion",
        showInputMessage=True,
    )
    conflict = DataValidation(
        type="list",
        formula1=f'"{CONFLICT_VALUE}"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Conflict of interest",
        error=f"Write {CONFLICT_VALUE}, or leave the cell empty.",
    )
    if criteria:
        scores.add(f"B{first_row}:{get_column_letter(conflict_col - 1)}{last_row}")
        sheet.add_data_validation(scores)
    conflict.add(f"{get_column_letter(conflict_col)}{first_row}:{get_column_letter(conflict_col)}{last_row}")
    sheet.add_data_validation(conflict)
