"""An application form (Word form, PDF export, text) -> its sections: labelled details, tables, statement paragraphs.

The form is read in order; a heading (a styled or bold line, a one-cell table
row) that names a section opens it. Inside a section, 'Label: value' lines and
label | value table rows are details, a table with a header row is a list of
records (qualifications, posts, training), and paragraphs are text. A section
the vocabulary does not know is kept, with its heading, as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from speccheck.documents.model import Cell, Document, Paragraph, Place, Row, Table
from speccheck.importing.items import items_of
from speccheck.importing.words import Words, bare, plain

CANDIDATE_SECTIONS = (
    "personal_details",
    "professional_status",
    "qualifications",
    "employment",
    "training",
    "statement",
    "references",
    "declarations",
    "gaps",
)
_STRONG = {"personal_details", "employment", "statement", "references", "declarations", "professional_status"}
_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 /&'’().?-]{1,60}?)\s*[:?]\s+(.+)$")


@dataclass
class Record:
    """One row of a section's table, by header."""

    values: dict[str, str]
    place: Place


@dataclass
class Section:
    name: str  # a CANDIDATE_SECTIONS name, or "other"
    heading: str
    place: Place
    details: list[tuple[str, str, Place]] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)
    paragraphs: list[tuple[str, Place]] = field(default_factory=list)


def candidate_sections(document: Document, words: Words) -> set[str]:
    """The strong application-form sections a document's headings name (to tell a form from a role)."""
    found: set[str] = set()
    for text, _ in _headings(document):
        name = words.section_of(text, only=CANDIDATE_SECTIONS)
        if name in _STRONG:
            found.add(name)
    if any("application form" in bare(t) for t, _ in _headings(document)[:6]):
        found.add("application_form")
    return found


def _headings(document: Document) -> list[tuple[str, Place]]:
    out: list[tuple[str, Place]] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if _is_heading_paragraph(block):
                out.append((block.text, block.place))
        else:
            for row in block.rows:
                filled = [c for c in row.cells if c.text.strip() and not c.continued]
                if len(filled) == 1 and len(filled[0].text.split()) <= 8:
                    out.append((filled[0].text, row.place))
    return out


def _is_heading_paragraph(block: Paragraph) -> bool:
    text = plain(block.text)
    short = len(text.split()) <= 8 and not text.endswith((".", ","))
    return block.heading > 0 or (short and (block.bold or text.isupper() or (text.endswith(":") and "  " not in text)))


def read_form(document: Document, words: Words) -> list[Section]:
    sections: list[Section] = []
    current = Section(
        "personal_details",
        "",
        document.blocks[0].place if document.blocks and isinstance(document.blocks[0], Paragraph) else Place(ordinal=1),
    )
    sections.append(current)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            text = plain(block.text)
            if _is_heading_paragraph(block) and not _LABEL.match(text):
                current = _open(text, block.place, words, current, sections)
                continue
            label = _LABEL.match(text)
            if label and current.name not in ("statement", "other") and len(label.group(1).split()) <= 8:
                current.details.append((label.group(1), label.group(2), block.place))
            else:
                current.paragraphs.append((text, block.place))
        else:
            current = _table(block, words, current, sections)
    return [s for s in sections if s.details or s.records or s.paragraphs]


def _open(heading: str, place: Place, words: Words, current: Section, sections: list[Section]) -> Section:
    name = words.section_of(heading, only=CANDIDATE_SECTIONS)
    if name is None:
        if bare(heading) in ("", "application form") or "application form" in bare(heading):
            return current
        name = "other"
    section = Section(name, plain(heading).rstrip(":"), place)
    sections.append(section)
    return section


def _table(table: Table, words: Words, current: Section, sections: list[Section]) -> Section:
    header: list[tuple[int, str]] | None = None
    for row in table.rows:
        filled = [c for c in row.cells if c.text.strip() and not c.continued]
        if not filled:
            continue
        if len(filled) == 1:
            if _section_row(filled[0], words):
                current = _open(filled[0].text, row.place, words, current, sections)
                header = None
            else:
                _one_cell(filled[0], row, current)
            continue
        if _looks_like_header(filled, row.cells, current.name):
            if header is None:
                header = [(c.col, plain(c.text)) for c in row.cells if c.text.strip()]
                continue
            if any(c.continued for c in row.cells):  # a second header row: 'Dates' over 'From' and 'To'
                named = dict(header)
                named.update({c.col: plain(c.text) for c in row.cells if c.text.strip() and not c.continued})
                header = sorted(named.items())
                continue
        if header is not None:
            _record_row(row, header, current)
        else:
            _detail_row(row, filled, current)
    return current


def _section_row(cell: Cell, words: Words) -> bool:
    short = len(cell.paragraphs) <= 1 and len(cell.text.split()) <= 8
    return short and words.section_of(cell.text, only=CANDIDATE_SECTIONS) is not None


def _one_cell(cell: Cell, row: Row, current: Section) -> None:
    text_items = [p for p in cell.paragraphs if p.strip()]
    label = _LABEL.match(plain(cell.text)) if len(text_items) == 1 else None
    if label and current.name not in ("statement", "other"):
        current.details.append((label.group(1), label.group(2), row.place))
    else:
        current.paragraphs.extend((plain(p), row.place) for p in text_items)


def _record_row(row: Row, header: list[tuple[int, str]], current: Section) -> None:
    values = {}
    for col, name in header:
        cell = row.at(col)
        if cell is not None and cell.text.strip():
            values[name] = "\n".join(items_of(cell.paragraphs)) if len(cell.paragraphs) > 1 else plain(cell.text)
    if values:
        current.records.append(Record(values, row.place))


def _detail_row(row: Row, filled: list[Cell], current: Section) -> None:
    """Label | answer cells, or cells that each hold 'Label: answer' ('Title: Dr' | 'First name(s): ...')."""
    if all(_LABEL.match(plain(c.text)) or plain(c.text).endswith(":") for c in filled):
        for cell in filled:
            found = _LABEL.match(plain(cell.text))
            lines = [line for line in cell.text.split("\n") if line.strip()]
            if found:
                current.details.append((found.group(1), found.group(2), row.place))
            elif len(lines) > 1:  # 'Address:' and the lines under it
                current.details.append((lines[0].rstrip(":"), ", ".join(plain(x) for x in lines[1:]), row.place))
        return
    cells = [c for c in row.cells if not c.continued]
    for i in range(0, len(cells) - 1, 2):
        name, value = plain(cells[i].text).rstrip(":?"), cells[i + 1]
        if name and value.text.strip():
            current.details.append((name, "\n".join(value.paragraphs), row.place))


def _looks_like_header(filled: list, cells: tuple, section: str) -> bool:  # type: ignore[type-arg]
    if section not in ("qualifications", "employment", "training", "gaps"):
        return False
    return len(filled) >= 2 and all(len(c.text.split()) <= 5 and not re.search(r"\d{4}", c.text) for c in filled)
