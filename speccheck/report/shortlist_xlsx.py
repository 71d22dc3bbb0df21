"""Excel workbook renderer of a shortlist: the layout of a school shortlisting grid.

Sheets: "Shortlist" (the ranked candidates x criteria matrix, verdicts
coloured by conditional formatting, headers and names frozen), one sheet per
candidate (each criterion's verdict, machine verdict, panel scores,
moderated score and evidence), then "Discussion", "Agreement" and "Notes".
The workbook's document properties carry the role's date, not the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from speccheck.core.controls import without_controls
from speccheck.report.shortlist_parts import (
    DECISION_FILL,
    VERDICT_FILL,
    VERDICT_LABEL,
    label,
    score_text,
)
from speccheck.results.evaluation import judged_as_at
from speccheck.results.shortlist import RankedCandidate, ShortlistReport

BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
HEAD_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
ESSENTIAL_FILL = PatternFill("solid", start_color="E1E1E1", end_color="E1E1E1")
MATRIX_COLUMNS = [
    "Rank",
    "Candidate",
    "Decision",
    "Machine decision",
    "Essential met",
    "Desirable",
    "Panel total",
    "Provisional",
]
HEADER_ROWS = 4  # title, notes, blank, column headings
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

CellValue = str | int | float | None  # what a worksheet cell holds here


def _put(sheet: Worksheet, where: str | tuple[int, int], value: CellValue) -> Cell:
    """Write one cell. Text is always text: never a formula (a panellist named "=HYPERLINK(...)" stays a
    name), with the control characters a workbook cannot hold, or a reader should not see, removed."""
    cell = sheet[where] if isinstance(where, str) else sheet.cell(row=where[0], column=where[1])
    assert isinstance(cell, Cell)
    if isinstance(value, str):
        cell.value = without_controls(value)
        cell.data_type = "s"  # openpyxl reads a leading "=" as a formula; this cell holds the text as written
    else:
        cell.value = value
    return cell


def _fill(hex_rgb: str) -> PatternFill:
    return PatternFill("solid", start_color=hex_rgb, end_color=hex_rgb, bgColor=hex_rgb, fgColor=hex_rgb)


def render(report: ShortlistReport, **_: object) -> bytes:
    workbook = Workbook()
    matrix = workbook.active
    assert matrix is not None
    matrix.title = "Shortlist"
    _matrix(matrix, report)
    names: set[str] = {"Shortlist", "Discussion", "Agreement", "Notes"}
    for candidate in report.candidates:
        _candidate(workbook.create_sheet(_sheet_name(candidate, names)), candidate, report)
    _discussion(workbook.create_sheet("Discussion"), report)
    _agreement(workbook.create_sheet("Agreement"), report)
    _notes(workbook.create_sheet("Notes"), report)
    stamp = dt.datetime.combine(report.as_of, dt.time())
    workbook.properties.creator = "speccheck"
    workbook.properties.title = without_controls(f"Shortlist: {report.role_title}", lines=False)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _sheet_name(candidate: RankedCandidate, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", f"{candidate.rank} {candidate.candidate_id}")[:31]
    name, number = base, 2
    while name in used:
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(name)
    return name


def _matrix(sheet: Worksheet, report: ShortlistReport) -> None:
    _put(sheet, "A1", f"Shortlist: {report.role_title}")
    sheet["A1"].font = Font(bold=True, size=14)
    notes = [judged_as_at(report.as_of, report.as_of_from), f"scale 0-{report.scale_max}, pass mark {report.pass_mark}"]
    if report.anonymised:
        notes.append("BLIND: candidates appear as codes")
    if report.provisional:
        notes.append(f"PROVISIONAL: {report.provisional_reason}")
    _put(sheet, "A2", "; ".join(notes))
    head = HEADER_ROWS
    for col, title in enumerate(MATRIX_COLUMNS, start=1):
        cell = _put(sheet, (head, col), title)
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
    first = len(MATRIX_COLUMNS) + 1
    for offset, criterion in enumerate(report.criteria):
        col = first + offset
        cell = _put(sheet, (head, col), criterion.id)
        cell.font = BOLD
        cell.fill = ESSENTIAL_FILL if criterion.level.value == "essential" else HEAD_FILL
        cell.alignment = Alignment(text_rotation=90, horizontal="center", vertical="bottom")
        _put(sheet, (head - 1, col), "E" if criterion.level.value == "essential" else "D").alignment = Alignment(
            horizontal="center"
        )
        sheet.column_dimensions[get_column_letter(col)].width = 11
    for index, candidate in enumerate(report.candidates):
        row = head + 1 + index
        values: list[CellValue] = [
            candidate.rank,
            label(candidate),
            candidate.decision.value,
            candidate.machine_decision.value,
            candidate.essential_met,
            candidate.desirable_score,
            candidate.panel_total,
            "yes" if candidate.provisional else "no",
        ]
        for col, value in enumerate(values, start=1):
            _put(sheet, (row, col), value)
        for offset, grid_cell in enumerate(candidate.cells):
            text = VERDICT_LABEL[grid_cell.verdict.value]
            if grid_cell.panel_score is not None:
                text += f" ({score_text(grid_cell.panel_score)})"
            _put(sheet, (row, first + offset), text).alignment = Alignment(horizontal="center")
    last_row = head + max(1, len(report.candidates))
    last_col = get_column_letter(first + max(0, len(report.criteria) - 1))
    grid = f"{get_column_letter(first)}{head + 1}:{last_col}{last_row}"
    for verdict, fill in VERDICT_FILL.items():
        # "met (2.5)" as well as "met": match the label at the start of the cell.
        formula = f'LEFT({get_column_letter(first)}{head + 1},{len(VERDICT_LABEL[verdict])})="{VERDICT_LABEL[verdict]}"'
        sheet.conditional_formatting.add(grid, FormulaRule(formula=[formula], fill=_fill(fill)))
    decisions = f"C{head + 1}:D{last_row}"
    for decision, fill in DECISION_FILL.items():
        sheet.conditional_formatting.add(
            decisions, CellIsRule(operator="equal", formula=[f'"{decision}"'], fill=_fill(fill))
        )
    sheet.freeze_panes = sheet.cell(row=head + 1, column=3)
    widths = {"A": 6, "B": 32, "C": 11, "D": 11, "E": 10, "F": 10, "G": 10, "H": 11}
    for letter, width in widths.items():
        sheet.column_dimensions[letter].width = width
    sheet.row_dimensions[head].height = 48
    sheet.print_title_rows = f"{head}:{head}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _candidate(sheet: Worksheet, candidate: RankedCandidate, report: ShortlistReport) -> None:
    _put(sheet, "A1", f"{candidate.rank}. {label(candidate)}: {candidate.decision.value.upper()}")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A1"].fill = _fill(DECISION_FILL[candidate.decision.value])
    _put(sheet, "A2", candidate.decision_reason)
    details = [
        f"essential met: {candidate.essential_met}",
        f"desirable: {candidate.desirable_score:g}",
        f"panel total: {score_text(candidate.panel_total) or 'not scored'}",
    ]
    if candidate.conflicted_panellists:
        details.append("conflict of interest (scores removed): " + ", ".join(candidate.conflicted_panellists))
    if candidate.redactions:
        details.append(f"{candidate.redactions} personal detail(s) redacted")
    _put(sheet, "A3", "; ".join(details))
    panellists = list(report.panellists)
    head = [
        "Criterion",
        "Level",
        "Criterion text",
        "Verdict",
        "Machine verdict",
        "Panel score",
        "Moderated",
        *panellists,
        "Evidence",
        "Explanation",
    ]
    for col, title in enumerate(head, start=1):
        cell = _put(sheet, (5, col), title)
        cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP
    criteria = {c.id: c for c in report.criteria}
    for index, cell_data in enumerate(candidate.cells):
        row = 6 + index
        criterion = criteria[cell_data.criterion_id]
        by_panellist = {s.panellist: s for s in cell_data.scores}
        moderated = (
            f"{cell_data.moderated.score}: {cell_data.moderated.reason}"
            if cell_data.moderated
            else ("discuss" if cell_data.discuss else "")
        )
        values: list[CellValue] = [
            criterion.id,
            criterion.level.value,
            criterion.text,
            VERDICT_LABEL[cell_data.verdict.value],
            VERDICT_LABEL[cell_data.machine_verdict.value],
            cell_data.panel_score,
            moderated,
        ]
        for name in panellists:
            score = by_panellist.get(name)
            values.append(None if score is None else (f"{score.score}: {score.note}" if score.note else score.score))
        values.append("\n".join(f"“{q.text}” (line {q.line})" for q in cell_data.evidence))
        values.append(
            cell_data.summary
            + (
                f"\n{cell_data.needs}"
                if cell_data.needs and cell_data.verdict.value in ("not_met", "no_evidence")
                else ""
            )
        )
        for col, value in enumerate(values, start=1):
            _put(sheet, (row, col), value).alignment = WRAP
        sheet.cell(row=row, column=4).fill = _fill(VERDICT_FILL[cell_data.verdict.value])
    widths = [10, 10, 40, 12, 12, 8, 20, *([14] * len(panellists)), 60, 40]
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "B6"
    sheet.page_setup.orientation = "landscape"


def _discussion(sheet: Worksheet, report: ShortlistReport) -> None:
    _table(
        sheet,
        ["Candidate", "Criterion", "Scores", "Spread", "Moderated score", "Reason"],
        [
            [
                item.candidate,
                item.criterion_id,
                ", ".join(f"{s.panellist}: {s.score}" for s in item.scores),
                item.spread,
                item.moderated.score if item.moderated else None,
                item.moderated.reason if item.moderated else "not yet moderated",
            ]
            for item in report.discussion
        ],
    )


def _agreement(sheet: Worksheet, report: ShortlistReport) -> None:
    agreement = report.agreement
    rows: list[list[CellValue]] = [["(all criteria)", agreement.alpha, agreement.units, agreement.note or ""]]
    rows += [[c.criterion_id, c.alpha, c.units, c.note or ""] for c in agreement.criteria]
    _table(sheet, ["Criterion", f"Krippendorff's alpha ({agreement.metric})", "Candidates scored", "Note"], rows)


def _notes(sheet: Worksheet, report: ShortlistReport) -> None:
    rows: list[list[CellValue]] = [
        [c.panellist, c.candidate, "conflict of interest: scores removed", c.reason or ""] for c in report.conflicts
    ]
    rows += [[str(f.position or ""), f.severity.value, f.rule_id, f.message] for f in report.findings]
    rows += [[c.candidate_id, f.severity.value, f.rule_id, f.message] for c in report.candidates for f in c.findings]
    _table(sheet, ["Where / who", "What", "Rule", "Message"], rows)


def _table(sheet: Worksheet, head: list[str], rows: list[list[CellValue]]) -> None:
    for col, title in enumerate(head, start=1):
        cell = _put(sheet, (1, col), title)
        cell.font, cell.fill = BOLD, HEAD_FILL
        sheet.column_dimensions[get_column_letter(col)].width = 18 if col < len(head) else 70
    for index, values in enumerate(rows):
        for col, value in enumerate(values, start=1):
            _put(sheet, (2 + index, col), value).alignment = WRAP
    sheet.freeze_panes = "A2"
