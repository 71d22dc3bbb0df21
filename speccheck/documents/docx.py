"""Word (.docx) -> a ``Document``: the body's paragraphs and tables in the order they stand.

python-docx opens the package; the body is walked element by element so
paragraphs and tables keep their order, content controls are read through, and
headers and footers (which are not body) are left out. Table cells are placed
on the table's grid: a cell spanning columns keeps its span, and the lower
parts of a vertically merged cell carry the merged cell's text, marked
``continued``. A line break inside a paragraph is kept as a newline in it, not
as a new paragraph. The caller has already checked the zip's limits.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from speccheck.documents.model import Block, Cell, Document, Paragraph, Place, Row, Table

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = {f"{W}t": None, f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


def read_docx(raw: bytes, shown: str) -> Document:
    """Read a .docx already checked by ``guards.zip_problem``; python-docx's errors propagate to the caller."""
    import docx

    word = docx.Document(io.BytesIO(raw))
    styles = _style_names(word)
    reader = _Reader(styles)
    for element in _body_elements(word.element.body):
        reader.add(element)
    return Document(path=shown, format="docx", blocks=tuple(reader.blocks))


def _style_names(word: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    for style in word.styles.element.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        name = style.find(f"{W}name")
        if style_id and name is not None:
            names[style_id] = (name.get(f"{W}val") or "").lower()
    return names


def _body_elements(parent: Any) -> Iterator[Any]:
    """Paragraphs and tables of a body or a content control, in order (content controls read through)."""
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}ins"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from _body_elements(content)


def paragraph_text(p: Any) -> str:
    """A paragraph's text: runs, tabs and line breaks in order; deleted text and field codes left out."""
    parts: list[str] = []
    for node in p.iter():
        if node.tag in _TEXT:
            fixed = _TEXT[node.tag]
            parts.append(str(node.text or "") if fixed is None else fixed)
    return "".join(parts)


def _is_bold(p: Any) -> bool:
    runs = [r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    if not runs:
        return False
    for run in runs:
        bold = run.find(f"{W}rPr/{W}b")
        if bold is None or bold.get(f"{W}val") in ("0", "false", "off"):
            return False
    return True


class _Reader:
    def __init__(self, styles: dict[str, str]) -> None:
        self.styles = styles
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0
        self.ordinal = 0

    def _ordinal(self) -> int:
        """The next place in reading order: each paragraph and each table row takes one."""
        self.ordinal += 1
        return self.ordinal

    def add(self, element: Any) -> None:
        if element.tag == f"{W}p":
            self._paragraph(element)
        else:
            self._table(element)

    def _paragraph(self, p: Any) -> None:
        text = paragraph_text(p)
        if not text.strip():
            return
        self.paragraphs += 1
        style_id = p.find(f"{W}pPr/{W}pStyle")
        style = self.styles.get(style_id.get(f"{W}val"), "") if style_id is not None else ""
        heading = 0
        if style.startswith("heading"):
            digits = "".join(ch for ch in style if ch.isdigit())
            heading = int(digits) if digits else 1
        elif style in ("title", "subtitle"):
            heading = 1
        level: int | None = None
        ilvl = p.find(f"{W}pPr/{W}numPr/{W}ilvl")
        if p.find(f"{W}pPr/{W}numPr") is not None:
            level = int(ilvl.get(f"{W}val") or 0) if ilvl is not None else 0
        elif "list" in style:
            level = 0
        place = Place(ordinal=self._ordinal(), paragraph=self.paragraphs)
        self.blocks.append(Paragraph(text=text, place=place, heading=heading, list_level=level, bold=_is_bold(p)))

    def _table(self, tbl: Any) -> None:
        self.tables += 1
        number = self.tables
        rows: list[Row] = []
        above: list[Cell] = []
        width = 0
        for tr in tbl.iter(f"{W}tr"):
            if tr.getparent() is not tbl:
                continue  # a row of a nested table: read as the text of its cell
            cells = self._cells(tr, above)
            if not cells:
                continue
            above = cells
            width = max(width, max(c.col + c.span for c in cells))
            place = Place(ordinal=self._ordinal(), table=number, row=len(rows) + 1)
            rows.append(Row(cells=tuple(cells), place=place))
        if rows:
            self.blocks.append(Table(rows=tuple(rows), columns=width, number=number))

    def _cells(self, tr: Any, above: list[Cell]) -> list[Cell]:
        cells: list[Cell] = []
        col = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            col = int(before.get(f"{W}val") or 0)
        for tc in _row_cells(tr):
            props = tc.find(f"{W}tcPr")
            span = 1
            merge = None
            if props is not None:
                grid = props.find(f"{W}gridSpan")
                span = max(1, int(grid.get(f"{W}val") or 1)) if grid is not None else 1
                merge = props.find(f"{W}vMerge")
            continued = merge is not None and merge.get(f"{W}val") in (None, "continue")
            if continued:
                origin = next((c for c in above if c.col == col), None)
                paragraphs = origin.paragraphs if origin else ()
                bold = origin.bold if origin else False
            else:
                paragraphs, bold = _cell_paragraphs(tc)
            cells.append(Cell(paragraphs=paragraphs, col=col, span=span, continued=continued, bold=bold))
            col += span
        return cells


def _row_cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from (c for c in content if c.tag == f"{W}tc")


def _cell_paragraphs(tc: Any) -> tuple[tuple[str, ...], bool]:
    """A cell's paragraphs (a nested table's rows read as paragraphs too) and whether all its text is bold."""
    paragraphs: list[str] = []
    bold = True
    for element in _body_elements(tc):
        if element.tag == f"{W}p":
            text = paragraph_text(element)
            if text.strip():
                paragraphs.append(_with_marker(element, text))
                bold = bold and _is_bold(element)
        else:
            for tr in element.iter(f"{W}tr"):
                texts = [t for t in (paragraph_text(p).strip() for p in tr.iter(f"{W}p")) if t]
                if texts:
                    paragraphs.append(" ".join(texts))
    return tuple(paragraphs), bold and bool(paragraphs)


def _with_marker(p: Any, text: str) -> str:
    """A list item inside a cell keeps a bullet, so the reader can tell items from wrapped text."""
    if p.find(f"{W}pPr/{W}numPr") is not None and not text.lstrip().startswith(("•", "-", "*")):
        return "• " + text
    return text
