"""A text as every matcher reads it: sentences of canonical words, each with its stem and stance.

``read(text, variants)`` cuts a text into sentences (``tokens``), reads
abbreviations and variants as their canonical words (``variants``), stems each
word (``stems``) and marks what the writer denies or only hopes for
(``scope``). A pattern is searched in a sentence's canonical wording
(``Sentence.search``), and what it found is reported in the writer's own words
with its stance, so "Asst. Head" is found by "assistant head" and "no QTS" is
never QTS.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from speccheck.core.literals import may_match, needed
from speccheck.core.patterns import Pattern
from speccheck.text.scope import Stance, opens_with_cue, stances
from speccheck.text.tokens import sentence_spans, tokens
from speccheck.text.variants import NO_VARIANTS, Variants, Word


@dataclass(frozen=True)
class Found:
    """What a pattern found: the writer's words, where they stand, and whether they are claimed."""

    text: str
    start: int  # in the whole text read
    end: int
    stance: Stance


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text, read."""

    text: str  # as written
    start: int  # where it starts in the whole text
    words: tuple[Word, ...]  # spans relative to ``text``
    stances: tuple[Stance, ...]
    canonical: str  # the canonical words joined by single spaces
    offsets: tuple[int, ...]  # where each word starts in ``canonical``

    def search(self, pattern: Pattern) -> Found | None:
        """The first match of a pattern in the canonical wording; claimed matches before others."""
        if not may_match(self.canonical, needed(pattern.pattern)):  # it lacks every word a match needs
            return None
        first: Found | None = None
        for match in pattern.finditer(self.canonical):
            found = self._found(match.start(), match.end())
            if found is None:
                continue
            if found.stance is Stance.CLAIMED:
                return found
            first = first or found
        return first

    def _found(self, start: int, end: int) -> Found | None:
        indexes = [i for i, at in enumerate(self.offsets) if at < end and at + len(self.words[i].word) > start]
        if not indexes:
            return None
        words = [self.words[i] for i in indexes]
        a, b = min(w.start for w in words), max(w.end for w in words)
        found = {self.stances[i] for i in indexes}
        stance = next(s for s in (Stance.DENIED, Stance.HOPED, Stance.PARTIAL, Stance.CLAIMED) if s in found)
        return Found(self.text[a:b], self.start + a, self.start + b, stance)

    def stance_of(self, start: int, end: int) -> Stance | None:
        """The stance of the words a span of the written sentence covers (relative to ``text``), as a pattern
        written on the raw text found them; None when it covers no word. A span that opens with its own cue
        ("no older than 45") says what it says: only a cue before it can deny it."""
        indexes = [i for i, w in enumerate(self.words) if w.start < end and w.end > start]
        if not indexes:
            return None
        if opens_with_cue(self.words, indexes[0]):
            return Stance.CLAIMED
        found = {self.stances[i] for i in indexes}
        return next(s for s in (Stance.DENIED, Stance.HOPED, Stance.PARTIAL, Stance.CLAIMED) if s in found)

    def claimed(self) -> bool:
        """Whether the sentence claims anything (some word is neither denied nor only hoped for)."""
        return any(s in (Stance.CLAIMED, Stance.PARTIAL) for s in self.stances)


def _sentence(text: str, start: int, end: int, variants: Variants) -> Sentence:
    part = text[start:end]
    words = tuple(variants.read(tokens(part)))
    offsets = []
    at = 0
    for word in words:
        offsets.append(at)
        at += len(word.word) + 1
    return Sentence(
        text=part,
        start=start,
        words=words,
        stances=tuple(stances(words, part)),
        canonical=" ".join(w.word for w in words),
        offsets=tuple(offsets),
    )


@lru_cache(maxsize=16384)
def read(text: str, variants: Variants = NO_VARIANTS) -> tuple[Sentence, ...]:
    """A text's sentences, read with a table of variants."""
    return tuple(_sentence(text, a, b, variants) for a, b in sentence_spans(text))


def stance_of_span(text: str, start: int, end: int, variants: Variants = NO_VARIANTS) -> Stance | None:
    """The stance of the words a span of ``text`` covers, for a pattern matched on the text as written (with
    its punctuation): ``Sentence.stance_of`` in the sentence the span starts in."""
    for sentence in read(text, variants):
        if sentence.start <= start < sentence.start + len(sentence.text):
            return sentence.stance_of(start - sentence.start, end - sentence.start)
    return None


def search(text: str, pattern: Pattern, variants: Variants = NO_VARIANTS) -> Found | None:
    """The first claimed match of a pattern in a text, else the first match in any stance, else None."""
    first: Found | None = None
    for sentence in read(text, variants):
        found = sentence.search(pattern)
        if found is not None and found.stance is Stance.CLAIMED:
            return found
        first = first or found
    return first
