"""Excel workbook renderer of a shortlist: the layout of a school shortlisting grid, set up to print on A4.

Sheets: "Summary" (what the panel prints and signs: the role's audit, the
decisions grouped with their reasons, the criteria, a signature block;
``shortlist_xlsx_summary``), "Shortlist" (the ranked candidates x the criteria
judged at shortlisting, one symbol a cell as in the printed pack, coloured by
conditional formatting, headers and names frozen), one sheet per candidate
(each criterion's verdict, the panel's scores and the evidence, located in
words), then "Discussion", "Agreement" and "Notes". Every sheet is A4, fitted
to one page wide, with its title rows repeated and rows tall enough for their
wrapped text. The workbook's document properties carry the role's date, not
the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from speccheck.core.controls import without_controls
from speccheck.report.shortlist_parts import (
    DECISION_FILL,
    VERDICT_FILL,
    cell_label,
    decision_reason,
    judged,
    label,
    score_text,
    short_title,
)
from speccheck.report.shortlist_stream import CandidatePart, Piece, Write, whole
from speccheck.report.shortlist_xlsx_summary import summary_sheet
from speccheck.report.xlsx_layout import (
    BOLD,
    CENTRE,
    HEAD_FILL,
    WRAP,
    CellValue,
    fill,
    fit_rows,
    head_row,
    print_setup,
    put,
    set_widths,
    write_row,
)
from speccheck.results.evaluation import judged_as_at
from speccheck.results.shortlist import Cell, CellView, RankedCandidate, RankedView, ShortlistReport

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
MATRIX_WIDTHS = [5, 24, 9, 9, 8, 8, 7, 8]
HEADER_ROWS = 4  # title, notes, blank, column headings
GRID_SYMBOL = {"met": "✓", "not_met": "✗", "evidenced": "E", "no_evidence": "–", "deferred": "D"}
GRID_WIDTH = 4.5
CANDIDATE_WIDTHS = {1: 40.0, 2: 14.0, 3: 22.0, 4: 70.0}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def render(report: ShortlistReport, **_: object) -> bytes:
    out: list[str | bytes] = []
    whole(Stream(out.append), report)
    assert len(out) == 1 and isinstance(out[0], bytes)
    return out[0]


class Stream:
    """The Summary and Shortlist sheets (from the rows), a sheet a candidate as it comes, then the rest.

    openpyxl holds the whole workbook until it is saved, so this output is the
    one that grows with the batch: a sheet a candidate is what a panel opens.
    """

    wants_model = True
    piece: Piece | None = None

    def __init__(self, write: Write, **_: object) -> None:
        self.write = write
        self.workbook = Workbook()
        self.frame: ShortlistReport | None = None
        self.names: set[str] = {"Summary", "Shortlist", "Discussion", "Agreement", "Notes"}
        self.notes: list[list[CellValue]] = []  # the candidates' notes, for the Notes sheet

    def start(self, frame: ShortlistReport, rows: Sequence[RankedView]) -> None:
        self.frame = frame
        summary = self.workbook.active
        assert summary is not None
        summary.title = "Summary"
        summary_sheet(summary, frame, rows)
        _matrix(self.workbook.create_sheet("Shortlist"), frame, rows)

    def add(self, part: CandidatePart, piece: str | None) -> None:
        candidate = part.candidate
        assert candidate is not None and self.frame is not None
        _candidate(self.workbook.create_sheet(_sheet_name(candidate, self.names)), candidate, self.frame)
        self.notes += [[candidate.candidate_id, f.severity.value, f.rule_id, f.message] for f in candidate.findings]

    def finish(self) -> None:
        report = self.frame
        assert report is not None
        workbook = self.workbook
        _discussion(workbook.create_sheet("Discussion"), report)
        _agreement(workbook.create_sheet("Agreement"), report)
        _notes(workbook.create_sheet("Notes"), report, self.notes)
        stamp = dt.datetime.combine(report.as_of, dt.time())
        workbook.properties.creator = "speccheck"
        workbook.properties.title = without_controls(f"Shortlist: {report.role_title}", lines=False)
        workbook.properties.created = stamp
        workbook.properties.modified = stamp
        out = io.BytesIO()
        workbook.save(out)
        self.write(out.getvalue())


def _sheet_name(candidate: RankedCandidate, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("-", without_controls(f"{candidate.rank} {candidate.candidate_id}", lines=False))[:31]
    name, number = base, 2
    while name in used:
        suffix = f" ({number})"
        name = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(name)
    return name


def grid_text(cell: CellView) -> str:
    """A grid cell: the verdict symbol, then the panel score, then ? when the scores are to be discussed."""
    text = GRID_SYMBOL[cell.verdict.value]
    if cell.panel_score is not None:
        text += score_text(cell.panel_score)
    return text + ("?" if cell.discuss else "")


def _matrix(sheet: Worksheet, report: ShortlistReport, candidates: Sequence[RankedView]) -> None:
    put(sheet, "A1", f"Shortlist: {report.role_title}")
    sheet["A1"].font = Font(bold=True, size=14)
    notes = [judged_as_at(report.as_of, report.as_of_from), f"scale 0-{report.scale_max}, pass mark {report.pass_mark}"]
    if report.anonymised:
        notes.append("BLIND: candidates appear as codes")
    if report.provisional:
        notes.append(f"PROVISIONAL: {report.provisional_reason}")
    notes.append("✓ met, ✗ not met, E evidenced (the panel judges it), – no evidence; a number is the panel score")
    put(sheet, "A2", "; ".join(notes))
    head = HEADER_ROWS
    head_row(sheet, head, MATRIX_COLUMNS)
    criteria = judged(report)
    first = len(MATRIX_COLUMNS) + 1
    for offset, criterion in enumerate(criteria):
        col = first + offset
        essential = criterion.level.value == "essential"
        title = f"{criterion.id} {'●' if essential else '○'} {short_title(criterion.text, 32)}"
        cell = put(sheet, (head, col), title)
        cell.font = BOLD if essential else Font(italic=True)
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(text_rotation=90, horizontal="center", vertical="bottom", wrap_text=True)
        put(sheet, (head - 1, col), "E" if essential else "D").alignment = CENTRE
        sheet.column_dimensions[get_column_letter(col)].width = GRID_WIDTH
    for index, candidate in enumerate(candidates):
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
        write_row(sheet, row, values)
        by_id = {c.criterion_id: c for c in candidate.cells}
        for offset, criterion in enumerate(criteria):
            put(sheet, (row, first + offset), grid_text(by_id[criterion.id])).alignment = CENTRE
    _colour_grid(sheet, len(candidates), first, len(criteria))
    sheet.freeze_panes = sheet.cell(row=head + 1, column=3)
    set_widths(sheet, dict(enumerate(MATRIX_WIDTHS, start=1)))
    sheet.row_dimensions[head].height = 165
    fit_rows(sheet, [2], {1: sum(MATRIX_WIDTHS) + GRID_WIDTH * len(criteria)})
    sheet.merge_cells(
        start_row=2, start_column=1, end_row=2, end_column=max(len(MATRIX_COLUMNS), first + len(criteria) - 1)
    )
    sheet["A2"].alignment = WRAP
    print_setup(sheet, orientation="landscape", title_rows=f"{head}:{head}", title_columns="A:B")


def _colour_grid(sheet: Worksheet, candidates: int, first: int, count: int) -> None:
    head = HEADER_ROWS
    last_row = head + max(1, candidates)
    if count:
        last_col = get_column_letter(first + count - 1)
        grid = f"{get_column_letter(first)}{head + 1}:{last_col}{last_row}"
        for verdict, colour in VERDICT_FILL.items():
            formula = f'LEFT({get_column_letter(first)}{head + 1},1)="{GRID_SYMBOL[verdict]}"'
            sheet.conditional_formatting.add(grid, FormulaRule(formula=[formula], fill=fill(colour)))
    decisions = f"C{head + 1}:D{last_row}"
    for decision, colour in DECISION_FILL.items():
        sheet.conditional_formatting.add(
            decisions, CellIsRule(operator="equal", formula=[f'"{decision}"'], fill=fill(colour))
        )


def _candidate(sheet: Worksheet, candidate: RankedCandidate, report: ShortlistReport) -> None:
    set_widths(sheet, CANDIDATE_WIDTHS)
    whole = {1: sum(CANDIDATE_WIDTHS.values())}
    put(sheet, "A1", f"{candidate.rank}. {label(candidate)}: {candidate.decision.value.upper()}")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A1"].fill = fill(DECISION_FILL[candidate.decision.value])
    put(sheet, "A2", decision_reason(candidate, report))
    details = [
        f"essential met: {candidate.essential_met}",
        f"desirable: {candidate.desirable_score:g}",
        f"panel total: {score_text(candidate.panel_total) or 'not scored'}",
    ]
    if candidate.conflicted_panellists:
        details.append("conflict of interest (scores removed): " + ", ".join(candidate.conflicted_panellists))
    if candidate.redactions:
        details.append(f"{candidate.redactions} personal detail(s) redacted")
    details += [f"{n.panellist}'s note: {n.note}" for n in candidate.panel_notes]
    put(sheet, "A3", "; ".join(details))
    for row in (1, 2, 3):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(CANDIDATE_WIDTHS))
        sheet.cell(row=row, column=1).alignment = WRAP
    fit_rows(sheet, [1, 2, 3], whole, at_least=18)
    head_row(sheet, 5, ["Criterion", "Verdict", "Panel", "Evidence and explanation"])
    criteria = {c.id: c for c in report.criteria}
    row = 6
    later: list[str] = []
    gone: list[str] = []
    missing: list[str] = []
    for cell in candidate.cells:
        criterion = criteria[cell.criterion_id]
        scored = bool(cell.scores) or cell.moderated is not None
        if cell.left_out:
            gone.append(cell.criterion_id)
            continue
        if not criterion.application_stage and not scored:
            later.append(cell.criterion_id)
            continue
        if cell.verdict.value == "no_evidence" and not scored:
            missing.append(f"{criterion.id} {short_title(criterion.text, 48)}")
            continue
        mark = "●" if criterion.level.value == "essential" else "○"
        write_row(sheet, row, [f"{mark} {criterion.id} {criterion.text}", cell_label(cell), _panel(cell), _why(cell)])
        sheet.cell(row=row, column=2).fill = fill(VERDICT_FILL[cell.verdict.value])
        row += 1
    fit_rows(sheet, range(5, row), CANDIDATE_WIDTHS)
    for words in (
        f"No evidence found for: {'; '.join(missing)}." if missing else "",
        f"Assessed later (interview, task or reference): {', '.join(later)}." if later else "",
        f"Left out by the role's audit, not decided on: {', '.join(gone)}." if gone else "",
    ):
        if words:
            put(sheet, (row, 1), words).alignment = WRAP
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(CANDIDATE_WIDTHS))
            fit_rows(sheet, [row], whole)
            row += 1
    sheet.freeze_panes = "B6"
    print_setup(sheet, orientation="landscape", title_rows="5:5")


def _panel(cell: Cell) -> str:
    parts = [f"{s.panellist}: {s.score}" + (f" ({s.note})" if s.note else "") for s in cell.scores]
    if cell.moderated is not None:
        parts.append(f"agreed {cell.moderated.score}: {cell.moderated.reason}")
    elif cell.panel_score is not None:
        parts.append(f"panel score {score_text(cell.panel_score)}")
    if cell.discuss:
        parts.append("scores differ by 2 or more: discuss")
    return "\n".join(parts)


def _why(cell: Cell) -> str:
    lines = [cell.summary]
    lines += [f"“{q.text}” ({q.where or 'the application'})" for q in cell.evidence[:1]]
    if len(cell.evidence) > 1:
        lines.append(f"and {len(cell.evidence) - 1} more passage(s)")
    if cell.needs and cell.verdict.value in ("not_met", "no_evidence") and cell.needs not in cell.summary:
        lines.append(cell.needs)
    return "\n".join(lines)


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


def _notes(sheet: Worksheet, report: ShortlistReport, candidate_notes: list[list[CellValue]]) -> None:
    rows: list[list[CellValue]] = [[f.severity.value, "role audit", f.rule_id, f.message] for f in report.audit]
    rows += [
        [c.panellist, c.candidate, "conflict of interest: scores removed", c.reason or ""] for c in report.conflicts
    ]
    rows += [[str(f.position or ""), f.severity.value, f.rule_id, f.message] for f in report.findings]
    rows += candidate_notes
    _table(sheet, ["Where / who", "What", "Rule", "Message"], rows)


def _table(sheet: Worksheet, head: list[str], rows: list[list[CellValue]]) -> None:
    widths = {col: (18.0 if col < len(head) else 70.0) for col in range(1, len(head) + 1)}
    set_widths(sheet, widths)
    head_row(sheet, 1, head)
    for index, values in enumerate(rows):
        write_row(sheet, 2 + index, values)
    fit_rows(sheet, range(1, len(rows) + 2), widths)
    sheet.freeze_panes = "A2"
    print_setup(sheet, orientation="landscape", title_rows="1:1")
