"""Plain text and Markdown -> a ``Document``: paragraphs, list items, headings and tables, with their lines.

Hard-wrapped lines join into one paragraph; a line that starts with a bullet or
a number is a list item; ``#`` lines are headings. Tables come in two forms:
Markdown pipes (``| Essential | Desirable |``), and the form Word gives when a
table is saved as text, one cell a line led by a tab, a blank line between rows
(consecutive tab-led lines are one row).
"""

from __future__ import annotations

import re

from speccheck.documents.model import Block, Cell, Document, Paragraph, Place, Row, Table

BULLET = re.compile(r"^\s*(?:[•·▪■●◦○➢➤►✓✔\-*–—o](?=\s)|\(?\d{1,2}[.)](?!\d)|\(?[a-z][.)](?=\s)|\([ivx]+\))\s*")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
WRAP_WIDTH = 60  # a line this long that does not end a sentence was most likely wrapped


def read_text_document(text: str, shown: str, fmt: str) -> Document:
    reader = _TextReader(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"))
    reader.run()
    return Document(path=shown, format=fmt, blocks=tuple(reader.blocks))


class _TextReader:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.blocks: list[Block] = []
        self.ordinal = 0
        self.paragraphs = 0
        self.tables = 0
        self.i = 0

    def _place(self, line: int, **more: int) -> Place:
        self.ordinal += 1
        return Place(ordinal=self.ordinal, line=line + 1, **more)

    def run(self) -> None:
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not line.strip():
                self.i += 1
            elif line.lstrip(" ").startswith("|"):
                self._markdown_table()
            elif line.startswith("\t") or ("\t" in line.strip() and line.strip().count("\t") >= 1):
                self._tab_table()
            else:
                self._paragraph()

    def _paragraph(self) -> None:
        start = self.i
        line = self.lines[self.i]
        self.i += 1
        heading = _MD_HEADING.match(line)
        if heading:
            self._add(heading.group(2), start, heading=len(heading.group(1)))
            return
        marker = BULLET.match(line)
        level = (len(line) - len(line.lstrip())) // 2 if marker else None
        text = line.strip()
        previous = text
        while self.i < len(self.lines):
            nxt = self.lines[self.i]
            if not nxt.strip() or nxt.startswith("\t") or nxt.lstrip(" ").startswith("|") or BULLET.match(nxt):
                break
            if _MD_HEADING.match(nxt):
                break
            if not _continues(previous, nxt.strip()):
                break
            previous = nxt.strip()
            text = f"{text} {previous}"
            self.i += 1
        bold = text.startswith("**") and text.endswith("**") and len(text) > 4
        if bold:
            text = text[2:-2]
        self._add(text, start, list_level=level, bold=bold)

    def _add(
        self, text: str, line: int, *, heading: int = 0, list_level: int | None = None, bold: bool = False
    ) -> None:
        self.paragraphs += 1
        place = self._place(line, paragraph=self.paragraphs)
        self.blocks.append(Paragraph(text=text, place=place, heading=heading, list_level=list_level, bold=bold))

    def _markdown_table(self) -> None:
        self.tables += 1
        rows: list[Row] = []
        while self.i < len(self.lines) and self.lines[self.i].lstrip(" ").startswith("|"):
            line = self.lines[self.i].strip()
            if not _MD_RULE.match(line):
                texts = [c.strip() for c in line.strip("|").split("|")]
                cells = tuple(_cell(t, col) for col, t in enumerate(texts))
                rows.append(Row(cells=cells, place=self._place(self.i, table=self.tables, row=len(rows) + 1)))
            self.i += 1
        if rows:
            self.blocks.append(Table(rows=tuple(rows), columns=max(len(r.cells) for r in rows), number=self.tables))

    def _tab_table(self) -> None:
        self.tables += 1
        rows: list[Row] = []
        while self.i < len(self.lines):
            line = self.lines[self.i]
            if not line.strip() and not line.startswith("\t"):
                # a blank line ends a row; the table goes on while tab-led lines follow
                ahead = self.i + 1
                while (
                    ahead < len(self.lines) and not self.lines[ahead].strip() and not self.lines[ahead].startswith("\t")
                ):
                    ahead += 1
                if ahead < len(self.lines) and _tabbed(self.lines[ahead]):
                    self.i = ahead
                    continue
                break
            if not _tabbed(line):
                break
            start = self.i
            texts: list[str] = []
            while self.i < len(self.lines) and _tabbed(self.lines[self.i]):
                texts.extend(part.strip() for part in self.lines[self.i].lstrip("\t").split("\t"))
                self.i += 1
            cells = tuple(_cell(t, col) for col, t in enumerate(texts))
            rows.append(Row(cells=cells, place=self._place(start, table=self.tables, row=len(rows) + 1)))
        if rows:
            self.blocks.append(Table(rows=tuple(rows), columns=max(len(r.cells) for r in rows), number=self.tables))
        else:
            self.i += 1


def _tabbed(line: str) -> bool:
    return line.startswith("\t") or "\t" in line.strip()


def _cell(text: str, col: int) -> Cell:
    text = text.replace("<br>", "\n").replace("<br/>", "\n")
    parts = tuple(p.strip() for p in re.split(r"\s*(?=(?:^|\s)[•·▪●]\s)", text) if p.strip())
    return Cell(paragraphs=parts or ((text,) if text else ()), col=col)


def _continues(previous: str, nxt: str) -> bool:
    """Whether line ``nxt`` goes on the paragraph whose last line is ``previous`` (a wrapped line)."""
    if nxt[:1].islower() or previous.endswith(
        (",", "-", "–", " and", " or", " of", " the", " to", " in", " for", " with")
    ):
        return True
    return len(previous) >= WRAP_WIDTH and not previous.endswith((".", ":", ";", "!", "?"))
