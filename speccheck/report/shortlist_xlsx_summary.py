"""The workbook's Summary sheet: what a panel prints and signs, on A4 portrait.

The post, the meeting date and the panel; the role's audit errors and
warnings, with the criteria it leaves out struck through and why; the
decisions grouped (shortlist, review, reject) with each reason in words; every
criterion with its title and whether it is judged at shortlisting, assessed
later or left out; and a signature block.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from speccheck.report.shortlist_parts import (
    DECISION_FILL,
    DECISION_HEADING,
    DECISION_MEANING,
    counted_essentials,
    decision_reason,
    label,
    score_text,
)
from speccheck.report.xlsx_layout import (
    BOLD,
    BOX,
    TITLE,
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
from speccheck.results.shortlist import RankedView, ShortlistReport

# Rank or severity, candidate or criterion, three numbers, the reason: about 170 units, one A4 page wide.
WIDTHS = {1: 9.0, 2: 30.0, 3: 11.0, 4: 10.0, 5: 9.0, 6: 62.0}
WHOLE = sum(WIDTHS.values())
SIGNATURE_LINES = 3


class _Writer:
    """Rows written top to bottom; a row across the whole width is merged and fitted to its text."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 1

    def line(self, text: str, *, font: Font | None = None, shade: str | None = None, height: float = 0) -> None:
        cell = put(self.sheet, (self.row, 1), text)
        self.sheet.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=len(WIDTHS))
        cell.alignment = WRAP
        if font is not None:
            cell.font = font
        if shade is not None:
            cell.fill = fill(shade)
        fit_rows(self.sheet, [self.row], {1: WHOLE}, at_least=height or 15)
        self.row += 1

    def cells(self, values: list[CellValue], *, merge_from: int | None = None) -> None:
        """A boxed row; with ``merge_from``, columns from there to the last are one cell (the first value)."""
        write_row(self.sheet, self.row, values)
        widths = dict(WIDTHS)
        if merge_from is not None:
            self.sheet.merge_cells(
                start_row=self.row, start_column=merge_from, end_row=self.row, end_column=len(WIDTHS)
            )
            widths = {c: w for c, w in WIDTHS.items() if c < merge_from}
            widths[merge_from] = sum(w for c, w in WIDTHS.items() if c >= merge_from)
        fit_rows(self.sheet, [self.row], widths)
        self.row += 1

    def head(self, titles: list[str]) -> None:
        head_row(self.sheet, self.row, titles)
        fit_rows(self.sheet, [self.row], WIDTHS)
        self.row += 1

    def gap(self) -> None:
        self.row += 1


def summary_sheet(sheet: Worksheet, report: ShortlistReport, rows: Sequence[RankedView]) -> None:
    out = _Writer(sheet)
    set_widths(sheet, WIDTHS)
    out.line(f"Shortlisting summary: {report.role_title}", font=TITLE, height=22)
    meeting = str(report.meeting_date) if report.meeting_date else "________________"
    out.line(f"Meeting date: {meeting}.  Panel: {', '.join(report.panel) or 'not named'}.")
    out.line(
        f"{len(rows)} applications, {judged_as_at(report.as_of, report.as_of_from)}; panel scores 0 to "
        f"{report.scale_max}, {report.pass_mark} or more meets a criterion."
    )
    if report.anonymised:
        out.line("Blind shortlisting: candidates appear as codes; personal details are withheld.", font=BOLD)
    if report.provisional:
        out.line(f"Provisional: {report.provisional_reason}.", font=BOLD)
    _audit(out, report)
    _decisions(out, report, rows)
    _criteria(out, report)
    _signatures(out, report)
    print_setup(sheet, orientation="portrait")


def _audit(out: _Writer, report: ShortlistReport) -> None:
    gone = [c for c in report.criteria if c.left_out is not None]
    if not report.audit and not gone:
        return
    out.gap()
    errors = sum(1 for f in report.audit if f.severity.value == "error")
    out.line("Before you shortlist: the role's audit", font=TITLE, height=20)
    out.line(
        f"The audit of this role found {errors} error(s) and {len(report.audit) - errors} warning(s). "
        "Criteria struck through are left out of every decision, count and score: do not shortlist on them."
    )
    for finding in report.audit:
        out.cells([finding.severity.value, finding.message], merge_from=2)
    for criterion in gone:
        assert criterion.left_out is not None
        out.cells(["left out", f"{criterion.id} {criterion.text}", None, None, None, criterion.left_out.reason])
        out.sheet.merge_cells(start_row=out.row - 1, start_column=2, end_row=out.row - 1, end_column=5)
        out.sheet.cell(row=out.row - 1, column=2).font = Font(strike=True)


def _decisions(out: _Writer, report: ShortlistReport, rows: Sequence[RankedView]) -> None:
    total = counted_essentials(report)
    out.gap()
    out.line("Decisions", font=TITLE, height=20)
    for decision in ("shortlist", "review", "reject"):
        group = [c for c in rows if c.decision.value == decision]
        out.line(
            f"{DECISION_HEADING[decision]} ({len(group)}): {DECISION_MEANING[decision]}",
            font=BOLD,
            shade=DECISION_FILL[decision],
        )
        if not group:
            out.line("None.")
            continue
        out.head(["Rank", "Candidate", f"Essential (of {total})", "Desirable", "Panel", "Reason"])
        for candidate in group:
            out.cells(
                [
                    candidate.rank,
                    label(candidate),
                    candidate.essential_met,
                    candidate.desirable_score,
                    score_text(candidate.panel_total) or "-",
                    decision_reason(candidate, report),
                ]
            )
    out.line(f"Ranked by {report.tie_order}.")


def _criteria(out: _Writer, report: ShortlistReport) -> None:
    out.gap()
    out.line("Criteria", font=TITLE, height=20)
    out.line("● essential, ○ desirable.")
    out.head(["Criterion", "What it asks", "", "", "", "At shortlisting"])
    out.sheet.merge_cells(start_row=out.row - 1, start_column=2, end_row=out.row - 1, end_column=5)
    for criterion in report.criteria:
        mark = "●" if criterion.level.value == "essential" else "○"
        if criterion.left_out is not None:
            when = f"left out: {criterion.left_out.reason}"
        elif criterion.application_stage:
            when = "judged from the application"
        else:
            when = "assessed later: " + ", ".join(criterion.assessed_by)
        out.cells([f"{mark} {criterion.id}", criterion.text, None, None, None, when])
        out.sheet.merge_cells(start_row=out.row - 1, start_column=2, end_row=out.row - 1, end_column=5)
        fit_rows(out.sheet, [out.row - 1], {1: WIDTHS[1], 2: 60.0, 6: WIDTHS[6]})
        if criterion.left_out is not None:
            out.sheet.cell(row=out.row - 1, column=2).font = Font(strike=True)


def _signatures(out: _Writer, report: ShortlistReport) -> None:
    out.gap()
    out.line("Agreed by the panel", font=TITLE, height=20)
    out.line(
        "We agreed the decisions above on the evidence in the applications, against the person specification, "
        "and each of us declared any conflict of interest."
    )
    out.head(["Name", "", "Signature", "", "", "Date"])
    out.sheet.merge_cells(start_row=out.row - 1, start_column=1, end_row=out.row - 1, end_column=2)
    out.sheet.merge_cells(start_row=out.row - 1, start_column=3, end_row=out.row - 1, end_column=5)
    for name in list(report.panel) or [""] * SIGNATURE_LINES:
        row = out.row
        for col in range(1, len(WIDTHS) + 1):
            out.sheet.cell(row=row, column=col).border = BOX
        put(out.sheet, (row, 1), name or None).alignment = Alignment(vertical="bottom")
        out.sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        out.sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=5)
        out.sheet.row_dimensions[row].height = 32
        out.row += 1
