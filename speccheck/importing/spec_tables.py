"""Person-specification tables -> criteria, whatever columns the school chose.

A header row (the first rows that name a level, an assessment method or the
criteria) gives each grid column a role: criteria text, category, a level
column holding marks (ticks, crosses, words) or criteria (an Essential column
and a Desirable column side by side), one column holding the level (E/D), an
assessment column of codes or words, or one column per assessment method
holding marks. A row with one cell across the table, or text only in its
first cell, is a category heading; a category cell merged down several rows
is the category of each. Keys and notes are not criteria.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from speccheck.documents.model import Cell, Row, Table
from speccheck.files.role import Assessment, Category, Level
from speccheck.importing.drafts import CriterionDraft
from speccheck.importing.items import codes_at_end, conditional_level, evidence_line, items_of
from speccheck.importing.words import Words, bare, plain

_ASSESS_HEADER = re.compile(
    r"\b(?:assess|assessed|assessment|evidence|evidenced|method|how (?:identified|tested|measured|evidenced)|identified|stage|source|measured)\b",
    re.IGNORECASE,
)
_TEXT_HEADER = re.compile(
    r"\b(?:criteria|criterion|requirements?|specification|attributes?|description|details)\b", re.IGNORECASE
)
_CATEGORY_HEADER = re.compile(
    r"^(?:category|area|aspect|section|heading|attributes?|domain|competency|competencies)$", re.IGNORECASE
)
_LEVEL_VALUE_HEADER = re.compile(
    r"^(?:e\s*/\s*d|e or d|essential\s*/\s*desirable|essential or desirable|level|priority|e/d\?)$", re.IGNORECASE
)


@dataclass
class Columns:
    text: list[int] = field(default_factory=list)
    category: int | None = None
    level_marks: dict[int, Level] = field(default_factory=dict)
    level_texts: dict[int, Level] = field(default_factory=dict)
    level_value: int | None = None
    assess_value: list[int] = field(default_factory=list)
    assess_marks: dict[int, tuple[Assessment, ...]] = field(default_factory=dict)
    body_start: int = 0  # the first row under the header (and under a row of method names)

    @property
    def found_level(self) -> bool:
        return bool(self.level_marks or self.level_texts or self.level_value is not None)


@dataclass
class SpecState:
    """What carries over from one row (and one block) to the next."""

    category: Category | None = None
    heading: str | None = None
    level: Level | None = None  # from an 'Essential' heading above a list, or a row naming a level


def _header_role(text: str, words: Words) -> str | None:
    """What a header cell names; a heading broken inside a word by a narrow PDF column ('EVIDENC E') is
    read whole too."""
    t = bare(text)
    if not t or len(t.split()) > 6:
        return None  # a header cell is a few words; a longer one is a criterion
    role = _role_of(t, words)
    broken = re.fullmatch(r"([a-z]{3,}) ([a-z]{1,3})", t)
    if role in (None, "text") and broken:
        role = _role_of(broken.group(1) + broken.group(2), words) or role
    return role


def _role_of(t: str, words: Words) -> str | None:
    if words.level_of_cell(t) is not None:
        return "level"
    if _LEVEL_VALUE_HEADER.match(t):
        return "level_value"
    if _ASSESS_HEADER.search(t):
        return "assess"
    if len(t.split()) <= 3 and (words.code_meaning(t) or len(words.assessments_named(t)) == 1):
        return "assess_mark"
    if _CATEGORY_HEADER.match(t):
        return "category"
    if _TEXT_HEADER.search(t):
        return "text"
    return None


def find_header(table: Table, words: Words) -> tuple[int, Columns] | None:
    """The header row's index and the columns it names; None when no row of the first three names a level or method."""
    for index, row in enumerate(table.rows[:4]):
        roles = {c.col: _header_role(c.text, words) for c in row.cells}
        if not any(r in ("level", "level_value", "assess", "assess_mark") for r in roles.values()):
            continue
        if any(roles[c.col] is None and (len(c.text.split()) >= 3 or c.text.strip().endswith(".")) for c in row.cells):
            continue  # a criterion beside a level word: a body row, not the header
        if sum(1 for r in roles.values() if r) < 1:
            continue
        columns = _columns(table, index, row, roles, words)
        if columns.found_level or columns.text:
            return index, columns
    return None


def _columns(table: Table, index: int, row: Row, roles: dict[int, str | None], words: Words) -> Columns:
    columns = Columns(body_start=index + 1)
    body = list(table.rows[index + 1 :])
    sub = _sub_header(table, index, words)
    if sub is not None:
        body = body[1:]
        columns.body_start += 1
    for cell in row.cells:
        _assign(columns, cell, roles.get(cell.col), body, sub, words)
    settle_text_columns(columns, body, words)
    return columns


def _assign(
    columns: Columns,
    cell: Cell,
    role: str | None,
    body: list[Row],
    sub: dict[int, tuple[Assessment, ...]] | None,
    words: Words,
) -> None:
    """Give one header cell's column its role."""
    if role == "level":
        level = words.level_of_cell(cell.text) or words.level_of_cell(bare(cell.text).replace(" ", ""))
        assert level is not None
        target = columns.level_marks if _mostly_marks(body, cell.col, words) else columns.level_texts
        target[cell.col] = level
    elif role == "level_value":
        columns.level_value = cell.col
    elif role == "assess":
        if sub is not None and cell.span > 1:
            columns.assess_marks.update({c: sub[c] for c in range(cell.col, cell.col + cell.span) if c in sub})
        elif not _mostly_marks(body, cell.col, words):
            columns.assess_value.append(cell.col)
    elif role == "assess_mark":
        text = bare(cell.text)
        if re.fullmatch(r"[a-z]{3,} [a-z]{1,3}", text):
            text = text.replace(" ", "")
        named = words.assessments_named(text)
        columns.assess_marks[cell.col] = words.code_meanings(text) or (named[0],)
    elif role == "category":
        columns.category = cell.col
    elif role == "text" or (role is None and cell.col not in columns.assess_marks):
        columns.text.extend(range(cell.col, cell.col + cell.span))  # 'Criteria' over category and criteria


def settle_text_columns(columns: Columns, body: list[Row], words: Words) -> None:
    """Of the columns left as text, one holding level words is the level column, and a first column of short
    texts beside longer ones is the category."""
    for col in list(columns.text):
        texts = _cells(body, col)
        levels = [t for t in texts if words.level_of_cell(t) or conditional_level(t)]
        if (
            columns.level_value is None
            and texts
            and len(levels) >= max(1, len(texts) - 1)
            and len(levels) * 2 > len(texts)
        ):
            columns.level_value = col
            columns.text.remove(col)
    if len(columns.text) > 1 and columns.category is None:
        first, *rest = columns.text
        if _short_column(body, first) and not _short_column(body, rest[0]):
            columns.category = first
            columns.text = rest
    if columns.level_texts and columns.text and not any(_has_text(body, c) for c in columns.text):
        columns.text = []
    alone = columns.level_texts and len(columns.text) == 1 and columns.category is None
    if alone and _short_column(body, columns.text[0]):
        columns.category = columns.text[0]
        columns.text = []


def _sub_header(table: Table, index: int, words: Words) -> dict[int, tuple[Assessment, ...]] | None:
    """A row under the header naming one assessment method per column (under a spanning 'Assessment' cell)."""
    if index + 1 >= len(table.rows):
        return None
    found: dict[int, tuple[Assessment, ...]] = {}
    for cell in table.rows[index + 1].cells:
        t = bare(cell.text)
        if not t or cell.continued:
            continue
        named = words.assessments_named(t) if len(t.split()) <= 3 else []
        methods = words.code_meanings(t) or tuple(named[:1])
        if not methods:
            return None
        found[cell.col] = methods
    return found or None


def _cells(rows: list[Row], col: int) -> list[str]:
    out = []
    for row in rows:
        cell = row.at(col)
        if cell is not None and cell.col == col and not cell.continued and cell.text.strip():
            out.append(cell.text)
    return out


def _mostly_marks(rows: list[Row], col: int, words: Words) -> bool:
    texts = _cells(rows, col)
    if not texts:
        return True
    marks = sum(1 for t in texts if words.mark(t) is not None or words.level_of_cell(t) is not None)
    return marks * 2 >= len(texts)


def _short_column(rows: list[Row], col: int) -> bool:
    texts = _cells(rows, col)
    return bool(texts) and sum(len(t.split()) for t in texts) / len(texts) <= 4


def _has_text(rows: list[Row], col: int) -> bool:
    return bool(_cells(rows, col))


# --------------------------------------------------------------------------- rows


def heading_row(row: Row, columns: Columns | None, table_columns: int) -> str | None:
    """The text of a row that is a heading: one cell across the table, or text in its first cell only."""
    filled = [c for c in row.cells if c.text.strip() and not c.continued]
    if len(filled) != 1:
        return None
    cell = filled[0]
    if columns is not None and columns.category is not None and cell.col == columns.category:
        return cell.text
    spans = cell.span >= max(2, table_columns - 1) or len(row.cells) == 1
    first = cell.col == 0 and len(cell.text.split()) <= 8 and "\n" not in cell.text.strip()
    if spans or (first and (cell.bold or cell.text.strip().endswith(":"))):
        return cell.text
    return None


def read_rows(table: Table, start: int, columns: Columns, words: Words, state: SpecState) -> list[CriterionDraft]:
    drafts: list[CriterionDraft] = []
    for row in table.rows[start:]:
        heading = heading_row(row, columns, table.columns)
        if heading is not None and _is_heading(heading, words, state):
            continue
        if all(words.not_criterion(c.text) or not c.text.strip() for c in row.cells):
            continue
        if _subheading(row, columns, words, state):
            continue
        drafts.extend(_row(row, columns, words, state))
    return drafts


def _subheading(row: Row, columns: Columns, words: Words, state: SpecState) -> bool:
    """A short line in the criteria column with no level marked and no method: a heading inside the table."""
    if not columns.level_marks and columns.level_value is None:
        return False
    level_columns = [*columns.level_marks] + ([columns.level_value] if columns.level_value is not None else [])
    marked = [c for c in (row.at(col) for col in level_columns) if c is not None]
    if any(c.text.strip() for c in marked if c.col not in columns.text):
        return False
    if any((c := row.at(col)) is not None and c.text.strip() for col in columns.assess_value):
        return False
    texts = [c.text for col in columns.text if (c := row.at(col)) is not None and c.col == col and c.text.strip()]
    if len(texts) != 1 or len(texts[0].split()) > 8 or texts[0].strip().endswith("."):
        return False
    state.heading = plain(texts[0]).rstrip(":")
    state.category = words.category_of(texts[0]) or state.category
    return True


def _is_heading(text: str, words: Words, state: SpecState) -> bool:
    """Apply a heading row (a category, or a level over the rows below); False when it is really a criterion."""
    level = words.level_of_cell(text)
    if level is not None:
        state.level = level
        return True
    if words.not_criterion(text):
        return True
    clean = plain(text).rstrip(":")
    category = words.category_of(clean)
    starts_like_criterion = re.match(
        r"^(?:ability|able|experience|knowledge|understanding|commitment|evidence|willingness|proven|successful|a|an|has|have|good|excellent|strong|clear|effective)\s+(?:to|of|in|that|and|record|understanding|knowledge)\b",
        clean,
        re.IGNORECASE,
    )
    if clean.isupper() and len(clean.split()) <= 10:  # 'APPLICATION FORM AND SUPPORTING STATEMENT'
        state.category = category or Category.OTHER
        state.heading = clean
        return True
    if category is not None and len(clean.split()) <= 7 and not starts_like_criterion:
        state.category = category
        state.heading = clean
        return True
    if len(clean.split()) <= 4 and not clean.endswith("."):
        state.category = category or Category.OTHER
        state.heading = clean
        return True
    return False


def _row(row: Row, columns: Columns, words: Words, state: SpecState) -> list[CriterionDraft]:
    if columns.category is not None:
        cell = row.at(columns.category)
        if cell is not None and cell.text.strip():
            clean = plain(cell.text).rstrip(":")
            state.category = words.category_of(clean) or Category.OTHER
            state.heading = clean
    level, level_from, conditional_text = _row_level(row, columns, words)
    assessed = _row_assessment(row, columns, words)
    drafts: list[CriterionDraft] = []
    text_columns: list[tuple[int, Level | None]] = [(c, None) for c in columns.text]
    text_columns += list(columns.level_texts.items())
    for col, column_level in text_columns:
        cell = row.at(col)
        if cell is None or cell.col != col or not cell.text.strip():
            continue
        for item in items_of(cell.paragraphs):
            if words.not_criterion(item) or words.standing(item):
                continue
            if evidence_line(item, words) is not None:
                found = evidence_line(item, words) or []
                for draft in drafts:
                    draft.assessed_by = draft.assessed_by or list(found)
                continue
            text, codes = codes_at_end(item, words)
            draft = CriterionDraft(
                text=text,
                place=row.place,
                category=state.category,
                heading=state.heading,
                assessed_by=codes or list(assessed),
            )
            _set_level(draft, column_level or level, "column" if column_level else level_from, state, words)
            if conditional_text and draft.conditional is None:
                draft.conditional = conditional_level(conditional_text)
            drafts.append(draft)
    return drafts


def _set_level(draft: CriterionDraft, level: Level | None, level_from: str, state: SpecState, words: Words) -> None:
    draft.conditional = conditional_level(draft.text)
    if draft.conditional is not None:
        draft.level, draft.level_from = draft.conditional.first, "conditional"
    elif level is not None:
        draft.level, draft.level_from = level, level_from
    elif (inside := words.level_in(draft.text)) is not None:
        draft.level, draft.level_from = inside, "wording"
    elif state.level is not None:
        draft.level, draft.level_from = state.level, "heading"


def _row_level(row: Row, columns: Columns, words: Words) -> tuple[Level | None, str, str | None]:
    """The level a row's level columns give, how, and any conditional wording in them."""
    if columns.level_value is not None:
        cell = row.at(columns.level_value)
        text = cell.text if cell else ""
        if conditional_level(text):
            return None, "column", text
        level = words.level_of_cell(text)
        if level is None and bare(text)[:1] in ("e", "d") and len(bare(text)) <= 12:
            level = Level.ESSENTIAL if bare(text).startswith("e") else Level.DESIRABLE
        return level, "column", None
    ticks: list[Level] = []
    crosses: list[Level] = []
    for col, level in columns.level_marks.items():
        cell = row.at(col)
        if cell is None or (cell.continued and cell.col != col):
            continue
        text = cell.text
        if conditional_level(text):
            return None, "column", text
        mark = words.mark(text) if text.strip() else None
        if mark == "tick" or (mark is None and text.strip() and words.level_of_cell(text) is not None):
            ticks.append(level)
        elif mark == "cross":
            crosses.append(level)
    chosen = ticks or crosses
    if chosen:
        return (Level.ESSENTIAL if Level.ESSENTIAL in chosen else chosen[0]), "column", None
    return None, "", None


def _row_assessment(row: Row, columns: Columns, words: Words) -> list[Assessment]:
    found: list[Assessment] = []
    for col in columns.assess_value:
        cell = row.at(col)
        if cell is None or not cell.text.strip():
            continue
        text = cell.text
        named = words.codes(text) or words.assessments_named(text)
        if not named:
            parts = re.split(r"[\s,/;&+]+", text)
            named = [m for p in parts if (m := words.code_meaning(p.strip(".").upper()))]
        for method in named:
            if method not in found:
                found.append(method)
    for col, methods in columns.assess_marks.items():
        cell = row.at(col)
        if cell is not None and cell.text.strip() and words.mark(cell.text) in ("tick", "cross"):
            found.extend(m for m in methods if m not in found)
    return found


def cell_is_level_pair(row: Row, words: Words) -> bool:
    """A row of two or three cells naming the levels: 'Essential | Desirable' over criteria cells."""
    levels = [words.level_of_cell(c.text) for c in row.cells if c.text.strip()]
    return len(levels) >= 2 and all(levels) and len(set(levels)) == 2


__all__ = ["Cell", "Columns", "SpecState", "cell_is_level_pair", "find_header", "heading_row", "read_rows"]
