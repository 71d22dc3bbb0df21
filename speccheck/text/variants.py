"""Abbreviations and variant spellings, read as one canonical wording before any matcher looks.

The table lives in the rule files (``variants:`` of a vocabulary file): each
canonical wording lists the forms people write for it ("assistant
headteacher": "asst head", "aht", "assistant head teacher"). A form is read
as words (case, full stops and hyphens do not matter), and the longest form at
each place wins. The canonical words keep the span of the form they replace,
so a quote is always the applicant's own text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from speccheck.text.stems import stem
from speccheck.text.tokens import Token, tokens


@dataclass(frozen=True)
class Word:
    """One word as matchers read it: canonical, its stem, and the span of the text it came from."""

    word: str
    start: int
    end: int
    written: bool = True  # False when a variant form was read as this word

    @cached_property
    def stem(self) -> str:
        """Stemmed when first asked for: evidence search reads stems, the audit's matchers only words."""
        return stem(self.word)


def _words_of(text: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokens(text))


class Variants:
    """A table of forms -> canonical words, read longest form first."""

    def __init__(self, table: Mapping[str, Sequence[str]] | None = None) -> None:
        self.forms: dict[tuple[str, ...], tuple[str, ...]] = {}
        for canonical, forms in (table or {}).items():
            words = _words_of(canonical)
            for form in forms:
                key = _words_of(form)
                if key and key != words:
                    self.forms[key] = words
        self.longest = max((len(k) for k in self.forms), default=0)
        self._firsts = frozenset(k[0] for k in self.forms)

    def read(self, toks: Sequence[Token]) -> list[Word]:
        """The tokens with every variant form replaced by its canonical words."""
        words: list[Word] = []
        index = 0
        while index < len(toks):
            token = toks[index]
            replaced = None
            if token.word in self._firsts:
                for size in range(min(self.longest, len(toks) - index), 0, -1):
                    key = tuple(t.word for t in toks[index : index + size])
                    canonical = self.forms.get(key)
                    if canonical is not None:
                        replaced = (size, canonical)
                        break
            if replaced is None:
                words.append(Word(token.word, token.start, token.end))
                index += 1
                continue
            size, canonical = replaced
            start, end = token.start, toks[index + size - 1].end
            words.extend(Word(w, start, end, written=False) for w in canonical)
            index += size
        return words


NO_VARIANTS = Variants()
