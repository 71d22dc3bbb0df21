"""What every workbook speccheck writes needs: the one text-safe way to write a cell, A4 page setup, print
titles, row heights that show wrapped text, and the few styles the sheets share.

Every cell of every workbook is written through ``put``: text from files (a
panellist's name, a candidate's evidence) is always text, never a formula, and
holds no control characters (issue 13, docs/hardening.md).

openpyxl never measures text, and Excel and LibreOffice do not grow a row for
wrapped text in a file they did not lay out themselves, so a row's height is
set here from its longest cell: the characters that fit a column's width
(about one per unit of width at 11 point), line breaks counted.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from speccheck.core.controls import without_controls

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
STRUCK = Font(strike=True)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="top", wrap_text=True)
HEAD_FILL = PatternFill("solid", start_color="E6E6E6", end_color="E6E6E6")
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
LINE_POINTS = 15.0  # one line of 11 point text
CHARS_PER_UNIT = 1.1  # characters of ordinary text per unit of column width

CellValue = str | int | float | None  # what a worksheet cell holds here


def put(sheet: Worksheet, where: str | tuple[int, int], value: CellValue) -> Cell:
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


def fill(hex_rgb: str) -> PatternFill:
    return PatternFill("solid", start_color=hex_rgb, end_color=hex_rgb, bgColor=hex_rgb, fgColor=hex_rgb)


def print_setup(
    sheet: Worksheet,
    *,
    orientation: Literal["portrait", "landscape"] = "portrait",
    title_rows: str | None = None,
    title_columns: str | None = None,
    footer: str = "Confidential — shortlisting",
) -> None:
    """A4, fitted to one page wide and as many pages tall as it needs, with repeated titles and a footer."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = False
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if title_rows:
        sheet.print_title_rows = title_rows
    if title_columns:
        sheet.print_title_cols = title_columns
    sheet.oddFooter.left.text = footer
    sheet.oddFooter.right.text = "Page &P of &N"
    sheet.oddHeader.left.text = "&A"


def lines_needed(text: object, width: float) -> int:
    """Lines a value takes in a wrapped cell of ``width`` units."""
    if text is None or text == "":
        return 1
    per_line = max(1, int(width * CHARS_PER_UNIT))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def fit_rows(sheet: Worksheet, rows: Iterable[int], widths: dict[int, float], *, at_least: float = LINE_POINTS) -> None:
    """Set each row's height to show its longest wrapped cell; ``widths`` gives each column's (merged) width."""
    for row in rows:
        lines = max((lines_needed(sheet.cell(row=row, column=col).value, w) for col, w in widths.items()), default=1)
        sheet.row_dimensions[row].height = max(at_least, lines * LINE_POINTS + 2)


def set_widths(sheet: Worksheet, widths: dict[int, float]) -> None:
    for col, width in widths.items():
        sheet.column_dimensions[get_column_letter(col)].width = width


def write_row(
    sheet: Worksheet, row: int, values: list[CellValue], *, style: Alignment = WRAP, boxed: bool = True
) -> None:
    for col, value in enumerate(values, start=1):
        cell = put(sheet, (row, col), value)
        cell.alignment = style
        if boxed:
            cell.border = BOX


def head_row(sheet: Worksheet, row: int, titles: list[str]) -> None:
    for col, title in enumerate(titles, start=1):
        cell = put(sheet, (row, col), title)
        cell.font, cell.fill, cell.alignment, cell.border = BOLD, HEAD_FILL, WRAP, BOX
