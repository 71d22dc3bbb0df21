"""A document as the importer reads it: paragraphs and tables in reading order, each with its place.

A ``Place`` says where a block stands in the source as a person would find it
(page 2, table 1, row 4; paragraph 12; line 30 of a text file); its ``ordinal``
is the block's position in reading order, which findings use as their line
when the source has no lines of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """Where a block stands in its document."""

    ordinal: int  # 1-based position of the block in reading order
    page: int | None = None
    table: int | None = None
    row: int | None = None
    paragraph: int | None = None
    line: int | None = None  # a text file's own line

    def words(self) -> str:
        """The place as a person looks for it: 'page 2, table 1, row 4', 'paragraph 3', 'line 12'."""
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
            if self.row is not None:
                parts.append(f"row {self.row}")
        elif self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.line is not None and self.table is None:
            parts = [p for p in parts if not p.startswith("paragraph")] + [f"line {self.line}"]
        return ", ".join(parts) or f"block {self.ordinal}"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text, a heading or a list item."""

    text: str
    place: Place
    heading: int = 0  # 1.. for a heading (by style, markdown #, or a short bold line); 0 otherwise
    list_level: int | None = None  # 0-based level of a bulleted or numbered list item; None for prose
    bold: bool = False  # every run is bold


@dataclass(frozen=True)
class Cell:
    """One cell of a table row: its paragraphs (a line break inside a paragraph is not a new one)."""

    paragraphs: tuple[str, ...]
    col: int  # first grid column it covers, 0-based
    span: int = 1  # grid columns it covers
    continued: bool = False  # the lower part of a vertically merged cell (its text is the merged cell's)
    bold: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Row:
    """A table row: its cells left to right."""

    cells: tuple[Cell, ...]
    place: Place

    def at(self, col: int) -> Cell | None:
        """The cell covering grid column ``col``."""
        for cell in self.cells:
            if cell.col <= col < cell.col + cell.span:
                return cell
        return None

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(frozen=True)
class Table:
    """A table: rows of cells over a grid of ``columns`` columns."""

    rows: tuple[Row, ...]
    columns: int
    number: int  # 1-based table number in the document


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    """The blocks of one document in reading order."""

    path: str  # as findings show it
    format: str  # docx, pdf, txt, md
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    pages: int | None = None

    @property
    def has_text(self) -> bool:
        for block in self.blocks:
            if isinstance(block, Paragraph) and block.text.strip():
                return True
            if isinstance(block, Table) and any(c.text.strip() for r in block.rows for c in r.cells):
                return True
        return False
