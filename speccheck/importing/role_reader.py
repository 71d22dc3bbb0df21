"""A job description and person specification (one document or either) -> fields, duties and criteria drafts.

The document is read in order. Headings switch between its parts (front
matter, job description, duties, person specification); labelled lines and
two-column label tables give the fields (title, responsible to and for, salary,
dates); list items and statements under a duties heading are duties, except
standing text about the document itself; person-specification tables go to
``spec_tables``, and lists under 'Essential' / 'Desirable' headings or lead-ins
('should have', 'might have') are criteria at that level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from speccheck.documents.model import Cell, Document, Paragraph, Place, Table
from speccheck.files.role import Category
from speccheck.importing import spec_tables
from speccheck.importing.dates import parse_date
from speccheck.importing.drafts import CriterionDraft, DutyDraft, Field
from speccheck.importing.items import codes_at_end, evidence_line, has_marker, items_of, level_at_end, strip_marker
from speccheck.importing.words import Words, bare, plain

_LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z /&'’()-]{1,40}?)\s*[:–—]\s*(.*)$")
ROLE_FIELDS = (
    "title",
    "responsible_to",
    "responsible_for",
    "salary",
    "closing_date",
    "issued",
    "start_date",
    "school",
    "hours",
)
MAX_CRITERION_WORDS = 70


@dataclass
class RoleRead:
    """Everything read from a role document, in the document's words."""

    fields: dict[str, Field] = field(default_factory=dict)
    responsible_to: list[Field] = field(default_factory=list)
    responsible_for: list[Field] = field(default_factory=list)
    duties: list[DutyDraft] = field(default_factory=list)
    criteria: list[CriterionDraft] = field(default_factory=list)
    safeguarding: list[str] = field(default_factory=list)
    first_heading: Field | None = None
    loose: list[tuple[str, Place]] = field(default_factory=list)  # items under no heading, sorted out at the end
    prose: list[tuple[str, Place]] = field(default_factory=list)  # paragraphs under no heading


class RoleReader:
    def __init__(self, words: Words) -> None:
        self.words = words
        self.read = RoleRead()
        self.mode = "front"
        self.state = spec_tables.SpecState()
        self.collecting: str | None = None  # a field whose values are the list items that follow its label
        self.duty_heading: str | None = None
        self.pending: list[CriterionDraft] = []  # criteria since the last heading, for an 'Evidence:' line

    # ------------------------------------------------------------------ blocks

    def run(self, document: Document) -> RoleRead:
        # where criteria are list items, a paragraph of prose among them is a note, not a criterion
        self.listed = any(isinstance(b, Paragraph) and b.list_level is not None for b in document.blocks)
        # where criteria stand in tables, a paragraph between them is a subtitle or a note
        self.tabled = any(
            isinstance(b, Table) and (h := spec_tables.find_header(b, self.words)) is not None and h[1].found_level
            for b in document.blocks
        )
        for block in document.blocks:
            if isinstance(block, Table):
                self._table(block)
            else:
                self._paragraph(block)
        return self.read

    def _paragraph(self, block: Paragraph) -> None:
        text = plain(block.text)
        if not text:
            return
        if self.read.first_heading is None and (block.heading or block.bold or len(text.split()) <= 10):
            self.read.first_heading = Field(text, block.place)
            if block.list_level is None and not _LABEL.match(text) and self.words.section_of(text) is None:
                return  # the document's title, never an item
        if parse_date(text)[0] is not None and len(text.split()) <= 4:
            return  # a date line ('February 2016')
        prose = self.mode in ("duties", "jd") and block.list_level is None and len(sentences(text)) > 1
        if self.words.standing(text) and not prose:  # prose is judged sentence by sentence
            if re.search(r"safeguard", text, re.IGNORECASE):
                self.read.safeguarding.append(text)
            return
        label = _LABEL.match(text)
        if label and block.list_level is None and self._field(label.group(1), label.group(2), block.place):
            return
        lines = [plain(line) for line in block.text.split("\n") if line.strip()]
        if len(lines) > 1 and all(_LABEL.match(line) for line in lines):  # 'Salary: ...' 'Closing date: ...'
            for line in lines:
                found = _LABEL.match(line)
                if found:
                    self._field(found.group(1), found.group(2), block.place)
            return
        if self._heading(block, text):
            return
        self._item(block, text)

    def _field(self, label: str, value: str, place: Place) -> bool:
        name = self.words.field_of(label, only=ROLE_FIELDS)
        if name is None:
            return False
        if name == "title" and "title" in self.read.fields:
            return False
        value = plain(value)
        if name in ("responsible_to", "responsible_for"):
            target = self.read.responsible_to if name == "responsible_to" else self.read.responsible_for
            if value:
                target.append(Field(value, place))
                self.collecting = None
            else:
                self.collecting = name
            return True
        if not value:
            return name not in ("title",)
        self.read.fields.setdefault(name, Field(value, place))
        self.collecting = None
        return True

    def _heading(self, block: Paragraph, text: str) -> bool:
        """Apply a heading (a section, a level, a category); False when the paragraph is not one."""
        limit = 12 if block.heading or block.bold else 8
        short = len(text.split()) <= limit and not text.endswith((".", ";"))
        looks = block.heading > 0 or (block.bold and short) or (short and (text.isupper() or text.endswith(":")))
        if block.list_level is not None and not (block.bold or block.heading):
            looks = False
        if not looks and not (short and self.words.level_of_cell(text) is not None):
            return False
        self.collecting = None
        section = self.words.section_of(text, only=("person_specification", "job_description"))
        if section == "person_specification":
            self.mode = "ps"
            self.state = spec_tables.SpecState()
            return True
        if section == "job_description" and len(text.split()) <= 8:
            self.mode = "jd"
            if self.read.first_heading is not None and self.read.first_heading.place == block.place:
                pass
            return True
        level = self.words.level_of_cell(text) or (self.words.level_in(text) if text.endswith(":") else None)
        if self.mode == "ps" or (level is not None and self.mode != "duties"):
            if level is not None:
                self.mode = "ps"
                self.state.level = level
                self.pending = []
                return True
            category = self.words.category_of(text)
            if self.words.not_criterion(text):
                return True
            if category is not None or block.heading or block.bold:
                self.state.category = category or Category.OTHER
                self.state.heading = text.rstrip(":")
                self.pending = []
                return True
            return False
        return self._duties_heading(block, text)

    def _duties_heading(self, block: Paragraph, text: str) -> bool:
        """A heading over duties; in the front matter only one the vocabulary names (or the title itself)."""
        named = self.words.section_of(text, only=("duties",)) is not None
        if not (named or block.heading or block.bold or text.endswith(":")):
            return False
        if self.mode == "front" and not named:
            return self.read.first_heading is not None and self.read.first_heading.place == block.place
        self.mode = "duties"
        self.duty_heading = text.rstrip(":")
        return True

    def _item(self, block: Paragraph, text: str) -> None:
        if self.collecting is not None and (block.list_level is not None or len(text.split()) <= 12):
            target = self.read.responsible_to if self.collecting == "responsible_to" else self.read.responsible_for
            target.append(Field(strip_marker(text), block.place))
            return
        self.collecting = None
        if self.mode == "ps":
            self._criterion(block, text)
        elif self.mode == "duties":
            self._duty(block, text)
        elif self.mode == "jd":
            if block.list_level is not None or len(text.split()) >= 6:
                self._duty(block, text)
        elif evidence_line(text, self.words) is not None or level_at_end(text)[1] is not None:
            self._enter_spec()
            self._criterion(block, text)
        elif block.list_level is not None or has_marker(text):
            self.read.loose.append((strip_marker(text), block.place))
        elif len(text.split()) >= 6:
            self.read.prose.append((text, block.place))

    def _enter_spec(self) -> None:
        """Evidence lines or level marks before any heading: this is a person specification, and the items so
        far are its criteria."""
        self.mode = "ps"
        for text, place in self.read.loose:
            self._criterion(Paragraph(text=text, place=place, list_level=0), text)
        self.read.loose = []

    def _criterion(self, block: Paragraph, text: str) -> None:
        found = evidence_line(text, self.words)
        if found is not None:
            for draft in self.pending:
                if not draft.assessed_by:
                    draft.assessed_by = list(found)
            self.pending = []
            return
        if text.endswith(":") and block.list_level is None:
            level = self.words.level_in(text)
            if level is not None:
                self.state.level = level
            return
        if self.words.not_criterion(text) or len(text.split()) > MAX_CRITERION_WORDS:
            return
        label = _LABEL.match(text)
        if label and self.words.level_of_cell(label.group(1)) is not None and label.group(2).strip():
            self.state.level = self.words.level_of_cell(label.group(1))
            text = label.group(2)
        elif self._a_note(block, text):
            return
        for item in items_of([text]):
            body, marked = level_at_end(item)
            body, codes = codes_at_end(body, self.words)
            draft = CriterionDraft(
                text=body,
                place=block.place,
                category=self.state.category,
                heading=self.state.heading,
                assessed_by=codes,
            )
            spec_tables._set_level(draft, marked, "mark" if marked else "", self.state, self.words)
            self.read.criteria.append(draft)
            self.pending.append(draft)

    def _a_note(self, block: Paragraph, text: str) -> bool:
        """Prose among criteria that are listed or tabled, with no level mark: a note, not a criterion."""
        prose = block.list_level is None and not has_marker(text)
        return (self.listed or self.tabled) and prose and level_at_end(text)[1] is None

    def _duty(self, block: Paragraph, text: str) -> None:
        if text.endswith(":") and (block.list_level is None or len(text.split()) <= 12):
            self.duty_heading = text.rstrip(":")
            return
        if block.list_level is None and not has_marker(text):
            for sentence in sentences(_without_lead_in(text)):  # duties written as prose: one a sentence
                self._one_duty(sentence, block.place)
            return
        self._one_duty(_without_lead_in(strip_marker(text)), block.place)

    def _one_duty(self, text: str, place: Place) -> None:
        body = plain(text)
        if _heading_like(body):
            self.duty_heading = body.rstrip(":")
            return
        if len(body.split()) < 3 or self.words.standing(body):
            return
        self.read.duties.append(DutyDraft(text=body, place=place, heading=self.duty_heading))

    # ------------------------------------------------------------------ tables

    def _table(self, table: Table) -> None:
        header = spec_tables.find_header(table, self.words)
        if header is not None and (header[1].found_level or self.mode == "ps"):
            columns = header[1]
            self.mode = "ps"
            drafts = spec_tables.read_rows(table, columns.body_start, columns, self.words, self.state)
            self.read.criteria.extend(drafts)
            return
        if self.mode == "ps":
            self._spec_table_without_header(table)
            return
        self._label_table(table)

    def _spec_table_without_header(self, table: Table) -> None:
        columns = spec_tables.Columns(text=list(range(table.columns)))
        spec_tables.settle_text_columns(columns, list(table.rows), self.words)
        if columns.level_value is not None:
            self.read.criteria.extend(spec_tables.read_rows(table, 0, columns, self.words, self.state))
            return
        if table.columns >= 2:
            first = [r.at(0) for r in table.rows]
            short = [c for c in first if c is not None and c.text.strip()]
            if (
                short
                and sum(len(c.text.split()) for c in short) / len(short) <= 4
                and any((r.at(1) is not None and len((r.at(1) or r.cells[0]).text.split()) > 4) for r in table.rows)
            ):
                columns = spec_tables.Columns(text=list(range(1, table.columns)), category=0)
        self.read.criteria.extend(spec_tables.read_rows(table, 0, columns, self.words, self.state))

    def _label_table(self, table: Table) -> None:
        """A table of labels and values (title, responsible to, salary), or of areas and duties."""
        for row in table.rows:
            filled = [c for c in row.cells if c.text.strip() and not c.continued]
            if len(filled) == 1:
                self._one_cell_row(filled[0], row.place)
            elif filled:
                self._label_row(filled, row.place)

    def _one_cell_row(self, cell: Cell, place: Place) -> None:
        text = plain(cell.text)
        label = _LABEL.match(text)
        if label and self._field(label.group(1), label.group(2), place):
            return
        if len(cell.paragraphs) == 1 and len(text.split()) <= 8:
            if self.read.first_heading is None:
                self.read.first_heading = Field(text, place)
            section = self.words.section_of(text, only=("person_specification", "job_description", "duties"))
            if section == "person_specification":
                self.mode = "ps"
            elif section:
                self.mode = "duties" if section == "duties" else "jd"
                self.duty_heading = text.rstrip(":")
            return
        for item in items_of(cell.paragraphs):
            self._duty_or_collect(item, place)

    def _label_row(self, filled: list[Cell], place: Place) -> None:
        row_place = place
        label, rest = filled[0], filled[1:]
        if len(label.text.split()) > 10:  # no label: every cell holds duties
            for cell in filled:
                for item in items_of(cell.paragraphs):
                    self._duty_or_collect(item, row_place)
            return
        name = self.words.field_of(plain(label.text).rstrip(":"), only=ROLE_FIELDS)
        values = [item for cell in rest for item in items_of(cell.paragraphs)]
        if name in ("responsible_to", "responsible_for"):
            target = self.read.responsible_to if name == "responsible_to" else self.read.responsible_for
            target.extend(Field(v, row_place) for v in values)
        elif name is not None:
            if values:
                self.read.fields.setdefault(name, Field(" ".join(values), row_place))
        elif self.words.section_of(label.text, only=("person_specification",)):
            self.mode = "ps"
        elif values:
            self.duty_heading = plain(label.text).rstrip(":")
            for value in values:
                self._duty_or_collect(value, row_place)

    def _duty_or_collect(self, text: str, place: Place) -> None:
        body = plain(text)
        if self.words.standing(body):
            if re.search(r"safeguard", body, re.IGNORECASE):
                self.read.safeguarding.append(body)
            return
        if body.endswith(":") or _heading_like(body):
            self.duty_heading = body.rstrip(":")
            return
        self.read.duties.append(DutyDraft(text=body, place=place, heading=self.duty_heading))


_SENTENCE_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\betc)(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<=[.!?])\s+(?=[A-Z“\"‘'(])"
)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences as written, each with its full stop."""
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


_LEAD_IN = re.compile(r"^([A-Z][A-Za-z&' -]{2,40}):\s+(?=\S)")


def _without_lead_in(text: str) -> str:
    """'Curriculum: Teach mainly ...' -> 'Teach mainly ...' (a label of up to four words before a colon)."""
    match = _LEAD_IN.match(text)
    if match and len(match.group(1).split()) <= 4:
        return text[match.end() :]
    return text


def _heading_like(text: str) -> bool:
    """A short label over duties ('Pupils and staff', 'Curriculum'), not a duty: no verb, no full stop."""
    words = text.rstrip(":").split()
    return (
        len(words) <= 5
        and not text.endswith((".", ";"))
        and not re.match(
            r"^(?:to|lead|ensure|develop|support|manage|promote|work|take|monitor|plan|deliver|contribute|maintain|provide|be|keep|act|attend|undertake|carry|teach|line|liaise|oversee|set|review|help|create|establish)\b",
            text,
            re.IGNORECASE,
        )
    )


def read_role(document: Document, words: Words) -> RoleRead:
    read = RoleReader(words).run(document)
    _sort_prose(read, words)
    _sort_loose(read, words)
    return read


_DUTY_SENTENCE = re.compile(
    r"\b(?:will|must|shall|is responsible for|are responsible for|is expected to|are expected to|is required to)\b|^to\s",
    re.IGNORECASE,
)


def _sort_prose(read: RoleRead, words: Words) -> None:
    """A document of prose with no headings and no lists: its sentences that assign work are the duties."""
    if read.criteria or read.duties or read.loose:
        return
    for text, place in read.prose:
        for sentence in sentences(_without_lead_in(text)):
            body = plain(sentence)
            if len(body.split()) >= 3 and _DUTY_SENTENCE.search(body) and not words.standing(body):
                read.duties.append(DutyDraft(text=body, place=place))


def _sort_loose(read: RoleRead, words: Words) -> None:
    """Items under no heading: criteria when the document has no duties and they read like criteria, else duties."""
    if not read.loose:
        return
    if read.criteria and not read.duties:
        for text, place in read.loose:
            if not words.not_criterion(text):
                draft = CriterionDraft(text=text, place=place)
                draft.level = words.level_in(text)
                read.criteria.append(draft)
        return
    for text, place in read.loose:
        if not words.standing(text) and len(text.split()) >= 3:
            read.duties.append(DutyDraft(text=text, place=place))


__all__ = ["ROLE_FIELDS", "RoleRead", "bare", "read_role"]
