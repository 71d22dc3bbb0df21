"""PDF -> a ``Document``: tables found by their ruling lines, and the text outside them as paragraphs.

pdfplumber finds each page's tables (``find_tables``); every word is placed in
the cell it stands in or in the running text. Inside a cell, lines that wrap
join into one paragraph and a line that starts with a bullet, or follows a
short line ending a sentence, starts a new one. Lines repeated at the top or
bottom of the pages (running headers and footers) and page numbers are left
out. A table that runs on to the next page continues (a repeated header row is
dropped). The caller has checked the size; the page cap and encryption are
checked here, before any page is read.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from speccheck.documents import guards
from speccheck.documents.model import Block, Cell, Document, Paragraph, Place, Row, Table

_BULLET_GLYPHS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf076": "❖", "\uf0d8": "➢", "\uf0fc": "✓", "\uf0a8": "•", "●": "•"}
_BULLET_START = re.compile(r"^(?:[•·▪■◦○➢➤►❖✓✔\-–*o]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,3})?$", re.IGNORECASE)
_PAGE_IN_LINE = re.compile(r"\bpage\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.IGNORECASE)
HEADER_ZONE = 0.075  # where Word puts headers and footers, outside the body's one-inch margins
MARGIN = 0.09  # the top and bottom share of a page where running headers and footers stand


class PdfProblem(Exception):
    """A PDF that is over a limit or encrypted."""

    def __init__(self, problem: guards.Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    size: float
    last_x1: float = -1.0  # for a paragraph: where its last line ends, and that line's bottom and words
    last_bottom: float = -1.0
    last_text: str = ""


def read_pdf(raw: bytes, shown: str) -> Document:
    """Read a PDF; raises ``PdfProblem`` for a limit, and pdfplumber's own errors for a damaged file."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(raw))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PdfProblem(guards.ENCRYPTED_PDF) from exc
    except Exception as exc:  # pdfplumber wraps pdfminer's errors; an encrypted file is told by its cause
        cause = exc.args[0] if exc.args else exc.__cause__
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or b"/Encrypt" in raw[-4096:]:
            raise PdfProblem(guards.ENCRYPTED_PDF) from exc
        raise
    with pdf:
        if getattr(pdf.doc, "encryption", None) and not _readable(pdf):
            raise PdfProblem(guards.ENCRYPTED_PDF)
        problem = guards.too_many_pages(len(pdf.pages))
        if problem:
            raise PdfProblem(problem)
        pages = [_read_page(page) for page in pdf.pages]
    return _assemble(pages, shown)


def _readable(pdf: Any) -> bool:
    try:
        return bool(pdf.pages)
    except Exception:
        return False


@dataclass
class _PageTable:
    rows: list[list[Cell]]
    columns: int
    top: float
    bottom: float


@dataclass
class _Page:
    number: int
    height: float
    items: list[tuple[float, _Line | _PageTable]]  # by top


def _read_page(page: Any) -> _Page:
    words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
    for word in words:
        word["text"] = "".join(_BULLET_GLYPHS.get(ch, ch) for ch in word["text"])
    tables = [t for t in page.find_tables() if len(t.rows) >= 1]
    used: set[int] = set()
    items: list[tuple[float, _Line | _PageTable]] = []
    for table in tables:
        read, taken = _table(table, words)
        used |= taken
        if read.rows:
            items.append((read.top, read))
    free = [w for i, w in enumerate(words) if i not in used]
    for key, line in _in_columns(_lines(free), float(page.width)):
        items.append((key, line))
    items.sort(key=lambda item: item[0])
    return _Page(number=page.page_number, height=float(page.height), items=items)


def _in_columns(lines: list[_Line], width: float) -> list[tuple[float, _Line]]:
    """Running text set in two newspaper columns read column by column: between lines that cross the middle,
    the left column's lines come before the right's (each keyed just after the band's first line)."""
    middle = width / 2
    left = [ln for ln in lines if ln.x1 <= middle + 6]
    right = [ln for ln in lines if ln.x0 >= middle - 6]
    if len(left) < 3 or len(right) < 3:
        return [(ln.top, ln) for ln in lines]
    keyed: list[tuple[float, _Line]] = []
    band: list[_Line] = []

    def close() -> None:
        if not band:
            return
        start = min(ln.top for ln in band)
        ordered = sorted(band, key=lambda ln: (ln.x0 >= middle - 6, ln.top))
        keyed.extend((start + i * 1e-3, ln) for i, ln in enumerate(ordered))
        band.clear()

    for line in sorted(lines, key=lambda ln: ln.top):
        if line.x0 < middle - 6 and line.x1 > middle + 6:
            close()
            keyed.append((line.top, line))
        else:
            band.append(line)
    close()
    return keyed


def _inside(word: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return bool(box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1)


def _table(table: Any, words: list[dict[str, Any]]) -> tuple[_PageTable, set[int]]:
    """The table's rows on its grid of columns; vertically merged cells continue with their text."""
    edges = sorted({round(c[0]) for row in table.rows for c in row.cells if c} | {round(table.bbox[2])})
    columns = max(1, len(edges) - 1)
    taken: set[int] = set()
    rows: list[list[Cell]] = []
    origins: dict[int, tuple[Cell, float]] = {}  # column -> the cell above and its bottom, for vertical merges
    for row in table.rows:
        cells: list[Cell] = []
        row_top = min((c[1] for c in row.cells if c), default=0.0)
        for box in row.cells:
            if box is None:
                continue
            col = _column(edges, box[0])
            span = 1 + sum(1 for e in edges if box[0] + 2 < e < box[2] - 2)
            mine = [i for i, w in enumerate(words) if i not in taken and _inside(w, box)]
            taken.update(mine)
            for part_col, part_span, part_box, part in _split_spanning(edges, col, span, box, [words[i] for i in mine]):
                paragraphs, bold = _cell_paragraphs(part, part_box)
                cell = Cell(paragraphs=paragraphs, col=part_col, span=part_span, bold=bold)
                cells.append(cell)
                origins[part_col] = (cell, box[3])
        covered = {c.col + k for c in cells for k in range(c.span)}
        for col, (origin, bottom) in list(origins.items()):
            if col not in covered and bottom > row_top + 1:
                cells.append(
                    Cell(paragraphs=origin.paragraphs, col=col, span=origin.span, continued=True, bold=origin.bold)
                )
        cells.sort(key=lambda c: c.col)
        if cells:
            rows.append(cells)
    return _PageTable(rows=rows, columns=columns, top=table.bbox[1], bottom=table.bbox[3]), taken


def _split_spanning(
    edges: list[int], col: int, span: int, box: tuple[float, float, float, float], words: list[dict[str, Any]]
) -> list[tuple[int, int, tuple[float, float, float, float], list[dict[str, Any]]]]:
    """A cell found across several columns whose words stand in separate columns (a ruling line the PDF did not
    draw) is split back into its columns; a real merged cell keeps its span."""
    if span == 1 or not words:
        return [(col, span, box, words)]
    groups: dict[int, list[dict[str, Any]]] = {}
    for word in words:
        groups.setdefault(_column(edges, word["x0"]), []).append(word)
    fits = all(max(w["x1"] for w in group) <= edges[c + 1] + 2 for c, group in groups.items() if c + 1 < len(edges))
    if len(groups) < 2 or not fits:
        return [(col, span, box, words)]
    return [
        (c, 1, (edges[c], box[1], edges[c + 1] if c + 1 < len(edges) else box[2], box[3]), group)
        for c, group in sorted(groups.items())
    ]


def _column(edges: list[int], x: float) -> int:
    index = 0
    for i, edge in enumerate(edges[:-1]):
        if x >= edge - 2:
            index = i
    return index


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    """Words grouped into lines by their top, left to right; a wide gap splits a line (side-by-side text)."""
    lines: list[_Line] = []
    for group in _by_top(words):
        group.sort(key=lambda w: w["x0"])
        start = 0
        for i in range(1, len(group) + 1):
            if i == len(group) or group[i]["x0"] - group[i - 1]["x1"] > 3 * max(group[i - 1]["size"], 6):
                part = group[start:i]
                lines.append(
                    _Line(
                        text=" ".join(w["text"] for w in part),
                        x0=part[0]["x0"],
                        x1=part[-1]["x1"],
                        top=min(w["top"] for w in part),
                        bottom=max(w["bottom"] for w in part),
                        bold=all("bold" in str(w.get("fontname", "")).lower() for w in part),
                        size=max(float(w.get("size") or 0) for w in part),
                    )
                )
                start = i
    return lines


def _by_top(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    groups: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if groups and abs(groups[-1][0]["top"] - word["top"]) <= 2.5:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _cell_paragraphs(
    words: list[dict[str, Any]], box: tuple[float, float, float, float]
) -> tuple[tuple[str, ...], bool]:
    lines = [line for line in _lines(words)]
    lines.sort(key=lambda line: (line.top, line.x0))
    merged: list[_Line] = []
    for line in lines:  # a wide gap inside a cell is still one line of it
        if merged and abs(merged[-1].top - line.top) <= 2.5:
            last = merged[-1]
            merged[-1] = _Line(
                f"{last.text} {line.text}",
                last.x0,
                line.x1,
                last.top,
                max(last.bottom, line.bottom),
                last.bold and line.bold,
                max(last.size, line.size),
            )
        else:
            merged.append(line)
    paragraphs = _paragraphs(merged, right=box[2] - 4, in_cell=True)
    return tuple(p.text for p in paragraphs), bool(merged) and all(line.bold for line in merged)


def _paragraphs(lines: list[_Line], *, right: float, in_cell: bool = False) -> list[_Line]:
    """Lines joined into paragraphs: a wrapped line goes on; a bullet, a gap, or a sentence ended short starts anew."""
    out: list[_Line] = []
    left = min((line.x0 for line in lines), default=0.0)
    for line in lines:
        if out and _continues(out[-1], line, right=right, in_cell=in_cell):
            last = out[-1]
            broken = " " not in last.last_text and last.last_x1 > right - 0.6 * line.size and last.last_x1 - left > 20
            text = last.text + line.text if broken and line.text[:1].islower() else _join(last.text, line.text)
            out[-1] = _Line(
                text,
                last.x0,
                max(last.x1, line.x1),
                last.top,
                line.bottom,
                last.bold and line.bold,
                last.size,
                line.x1,
                line.bottom,
                line.text,
            )
        else:
            out.append(
                _Line(
                    line.text,
                    line.x0,
                    line.x1,
                    line.top,
                    line.bottom,
                    line.bold,
                    line.size,
                    line.x1,
                    line.bottom,
                    line.text,
                )
            )
    return out


def _join(before: str, after: str) -> str:
    """Two wrapped lines as one text: a word broken after its hyphen ('whole-' 'school') is joined without a space."""
    if re.search(r"[A-Za-z]-$", before) and after[:1].islower():
        return before + after
    return f"{before} {after}"


def _continues(paragraph: _Line, line: _Line, *, right: float, in_cell: bool) -> bool:
    last_x1, last_bottom = paragraph.last_x1, paragraph.last_bottom
    height = max(line.bottom - line.top, 6.0)
    if line.top - last_bottom > 0.9 * height:
        return False  # a gap: paragraph spacing
    if line.text.startswith(("-", "–", "—")):
        return in_cell  # a typed dash after a line break inside a cell goes on; in running text it is a list item
    if _BULLET_START.match(line.text):
        return False
    if line.bold != paragraph.bold and len(paragraph.text) < 80:
        return False
    first_word = line.text.split(" ", 1)[0]
    room = right - last_x1
    fits = room > len(first_word) * line.size * 0.5 + line.size
    if not fits:
        return True  # the previous line was full: this one is its wrap
    if line.text[:1].islower():
        return True
    return not paragraph.text.rstrip().endswith((".", ":", ";", "?", "!")) and not fits


def _assemble(pages: list[_Page], shown: str) -> Document:
    """Blocks of every page in order, running headers, footers and page numbers left out, tables continued."""
    assembler = _Assembler(_running_lines(pages))
    for page in pages:
        assembler.page(page)
    return Document(path=shown, format="pdf", blocks=tuple(assembler.blocks), pages=len(pages))


class _Assembler:
    def __init__(self, repeated: set[str]) -> None:
        self.repeated = repeated
        self.blocks: list[Block] = []
        self.ordinal = 0
        self.paragraphs = 0
        self.tables = 0
        self.last_table: tuple[Table, list[str]] | None = None
        self.lines: list[_Line] = []

    def page(self, page: _Page) -> None:
        first_on_page = True
        for _, item in page.items:
            if isinstance(item, _Line):
                if not _running(item, page, self.repeated):
                    self.lines.append(item)
                    first_on_page = False
                continue
            self.flush(page.number)
            self.table(item, page.number, continuing=first_on_page)
            first_on_page = False
        self.flush(page.number)

    def flush(self, page_number: int) -> None:
        """The running text gathered so far, as paragraphs (a bullet's indent gives its list level)."""
        lines = self.lines
        if not lines:
            return
        left = min(line.x0 for line in lines)
        body = [line for line in lines if not line.bold] or lines
        size = Counter(round(line.size) for line in body).most_common(1)[0][0]
        for para in _paragraphs(lines, right=max(line.x1 for line in lines) - 2):
            self.ordinal += 1
            self.paragraphs += 1
            level = max(0, round((para.x0 - left) / 18)) if _BULLET_START.match(para.text) else None
            heading = 1 if para.size > size + 1.5 else 0
            place = Place(ordinal=self.ordinal, page=page_number, paragraph=self.paragraphs)
            self.blocks.append(
                Paragraph(text=para.text, place=place, heading=heading, list_level=level, bold=para.bold)
            )
        self.lines = []

    def table(self, item: _PageTable, page_number: int, *, continuing: bool) -> None:
        """A table, or the rest of the last page's table when it runs on (its repeated header row dropped)."""
        header = [c.text for c in item.rows[0]] if item.rows else []
        rows_in = item.rows
        last = self.last_table
        if (
            continuing
            and last is not None
            and last[0].columns == item.columns
            and self.blocks
            and self.blocks[-1] is last[0]
        ):
            table, first_header = last
            if header == first_header:
                rows_in = rows_in[1:]
            number = table.number
            rows = list(table.rows)
            self.blocks.pop()
        else:
            self.tables += 1
            number = self.tables
            rows = []
            first_header = header
        for cells in rows_in:
            self.ordinal += 1
            place = Place(ordinal=self.ordinal, page=page_number, table=number, row=len(rows) + 1)
            rows.append(Row(cells=tuple(cells), place=place))
        table = Table(rows=tuple(rows), columns=item.columns, number=number)
        self.blocks.append(table)
        self.last_table = (table, first_header)


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _running_lines(pages: list[_Page]) -> set[str]:
    """Texts that stand in the top or bottom margin of more than one page."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        texts = {
            _norm(item.text)
            for _, item in page.items
            if isinstance(item, _Line) and (item.top < page.height * MARGIN or item.bottom > page.height * (1 - MARGIN))
        }
        seen.update(texts)
    return {text for text, count in seen.items() if count >= 2}


def _running(line: _Line, page: _Page, repeated: set[str]) -> bool:
    if line.bottom < page.height * HEADER_ZONE or line.top > page.height * (1 - HEADER_ZONE):
        return True  # above or below the body's margins: a page header or footer, even on a one-page document
    in_margin = line.top < page.height * MARGIN or line.bottom > page.height * (1 - MARGIN)
    if not in_margin:
        return False
    text = line.text.strip()
    return _norm(text) in repeated or bool(PAGE_NUMBER.match(text) or _PAGE_IN_LINE.search(text))
