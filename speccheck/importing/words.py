"""The vocabulary's ``documents:`` wordings, compiled, and the small table-driven readers built on them.

Each function answers one question about a piece of text (is this cell a
level mark? which assessment methods does this code name? which category does
this heading name?) from the wordings in ``rules/vocabulary/documents.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from speccheck.files.document_words import DocumentWords
from speccheck.files.role import Assessment, Category, Level, PostType

_SPACE = re.compile(r"\s+")
_EDGE = re.compile(r"^[\s:;.,()\[\]*•·\-–—]+|[\s:;.,()\[\]*•·\-–—]+$")


def plain(text: str) -> str:
    """Whitespace collapsed, trimmed."""
    return _SPACE.sub(" ", text).strip()


def bare(text: str) -> str:
    """Lower case, whitespace collapsed, punctuation at the edges removed: how a whole cell is compared."""
    return _EDGE.sub("", plain(text).lower())


def _any(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _words(patterns: list[str]) -> re.Pattern[str] | None:
    """Wordings as whole words: '\\b' around plain ones."""
    return _any([p if "\\b" in p or "^" in p else rf"(?<![a-z]){p}" for p in patterns])


@dataclass(frozen=True)
class Words:
    """The document wordings of a rule library, compiled once."""

    table: DocumentWords
    key: tuple[tuple[str, tuple[Assessment, ...]], ...] = ()  # this document's own key to its codes

    @cached_property
    def _level_cells(self) -> dict[str, Level]:
        return {bare(w): level for level, forms in self.table.levels.items() for w in forms}

    @cached_property
    def _level_phrases(self) -> list[tuple[Level, re.Pattern[str]]]:
        return [(lvl, p) for lvl, forms in self.table.level_phrases.items() if (p := _any(forms)) is not None]

    @cached_property
    def _marks(self) -> dict[str, str]:
        return {bare(w.replace("\\", "")): kind for kind, forms in self.table.marks.items() for w in forms}

    @cached_property
    def _codes(self) -> dict[str, tuple[Assessment, ...]]:
        codes: dict[str, tuple[Assessment, ...]] = {c.upper(): (how,) for c, how in self.table.assessment_codes.items()}
        codes.update({code.upper(): hows for code, hows in self.key})
        return codes

    @cached_property
    def _assessment_words(self) -> list[tuple[Assessment, re.Pattern[str]]]:
        return [(a, p) for a, forms in self.table.assessment_words.items() if (p := _words(forms)) is not None]

    @cached_property
    def _categories(self) -> list[tuple[Category, re.Pattern[str]]]:
        return [(c, p) for c, forms in self.table.categories.items() if (p := _words(forms)) is not None]

    @cached_property
    def _sections(self) -> dict[str, re.Pattern[str]]:
        return {name: p for name, forms in self.table.sections.items() if (p := _words(forms)) is not None}

    @cached_property
    def _fields(self) -> dict[str, re.Pattern[str]]:
        return {
            name: re.compile("|".join(f"(?:{f})" for f in forms), re.IGNORECASE)
            for name, forms in self.table.fields.items()
            if forms
        }

    @cached_property
    def _post_types(self) -> list[tuple[PostType, re.Pattern[str]]]:
        return [(t, p) for t, forms in self.table.post_types.items() if (p := _any(forms)) is not None]

    @cached_property
    def _standing(self) -> re.Pattern[str] | None:
        return _any(self.table.standing_text)

    @cached_property
    def _not_criteria(self) -> re.Pattern[str] | None:
        return _any(self.table.not_criteria)

    # ------------------------------------------------------------------ questions

    def level_of_cell(self, text: str) -> Level | None:
        """The level a whole cell or heading names ('Essential', 'E', 'Desirable criteria')."""
        return self._level_cells.get(bare(text))

    def level_in(self, text: str) -> Level | None:
        """The level a phrase inside a criterion or a lead-in says ('should have', 'would be an advantage')."""
        found = [(m.start(), level) for level, p in self._level_phrases if (m := p.search(text))]
        return min(found)[1] if found else None

    def mark(self, text: str) -> str | None:
        """tick, cross or none for a cell of a level column; None when the cell holds something else."""
        return self._marks.get(bare(text)) if len(text) < 12 else None

    def codes(self, text: str) -> list[Assessment] | None:
        """Assessment methods a cell of codes names ('A/I', 'AF, I, R', 'I T'); None unless every part is a code."""
        parts = [p for p in re.split(r"[\s,/;&+]+|\band\b", text.strip().upper().replace(".", "")) if p]
        if not parts or len(parts) > 8:
            return None
        found: list[Assessment] = []
        for part in parts:
            hows = self._codes.get(part)
            if hows is None:
                return None
            found.extend(how for how in hows if how not in found)
        return found

    def code_meaning(self, code: str) -> Assessment | None:
        hows = self._codes.get(code.upper())
        return hows[0] if hows else None

    def code_meanings(self, code: str) -> tuple[Assessment, ...]:
        """Every method a code stands for (a key may say 'I = interview and references')."""
        return self._codes.get(code.upper(), ())

    def assessments_named(self, text: str) -> list[Assessment]:
        """Assessment methods a text names in words ('Application form / interview'), in the order named."""
        found = [(m.start(), a) for a, p in self._assessment_words if (m := p.search(text))]
        return [a for _, a in sorted(found)]

    def category_of(self, heading: str) -> Category | None:
        """The category a person-specification heading names, by its first wording."""
        found = [(m.start(), c) for c, p in self._categories if (m := p.search(heading))]
        return min(found)[1] if found else None

    def section_of(self, heading: str, *, only: tuple[str, ...] | None = None) -> str | None:
        """Which section a heading opens (person_specification, job_description, duties, employment ...)."""
        text = bare(heading)
        for name, pattern in self._sections.items():
            if only is not None and name not in only:
                continue
            if pattern.search(text):
                return name
        return None

    def field_of(self, label: str, *, only: tuple[str, ...] | None = None) -> str | None:
        """Which field a label names ('Reports to' -> responsible_to); the whole label must be the wording."""
        text = bare(re.sub(r"\(s\)", "s", label))  # 'First name(s)'
        for name, pattern in self._fields.items():
            if only is not None and name not in only:
                continue
            if pattern.fullmatch(text):
                return name
        return None

    def post_types_in(self, title: str) -> list[PostType]:
        """Post types a title names, in the vocabulary's order (the first is the most specific)."""
        return [t for t, p in self._post_types if p.search(plain(title))]

    def standing(self, text: str) -> bool:
        """Text about the document itself ('this job description will be reviewed annually')."""
        return bool(self._standing and self._standing.search(plain(text)))

    def not_criterion(self, text: str) -> bool:
        """A key, a heading, a note or a footer: never a criterion."""
        return bool(self._not_criteria and self._not_criteria.search(bare(text)))
