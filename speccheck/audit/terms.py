"""Terms found in a statement: its sentences read once, with the words each asserts, and a term's places in them.

A term is one or more lower-case words; a word ending in ``*`` is a stem. A
statement is read through the text layer (``speccheck.text.reading``) once and
kept (``claimed_words``): its sentences with only the words it asserts, each
word's places, its words as a set, in sorted order and by their first few
characters. A group of terms (``TermGroup``) is indexed by its terms' first
words, so a sentence is asked only about the terms whose first word it holds;
``all_groups`` finds one term of each group of a set in one sentence. Used by
``speccheck.audit.coverage``'s duty matchers.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from speccheck.text.reading import read
from speccheck.text.scope import Stance
from speccheck.text.tokens import Token, Tokens
from speccheck.text.variants import Variants


@dataclass(frozen=True)
class Term:
    """One term: words, each exact or a stem."""

    written: str
    words: tuple[tuple[str, bool], ...]  # (word, is_stem)
    # What a sentence's joined words (" w1 w2 ... ") must hold for the term to be there: its first word.
    probe: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        first, stem = self.words[0] if self.words else ("", True)
        object.__setattr__(self, "probe", " " + first if stem else " " + first + " ")

    def spans(self, toks: Sequence[Token]) -> Iterator[tuple[int, int]]:
        """Each place (first token, token after the last) this term matches in a sentence."""
        joined = getattr(toks, "joined", None)
        if joined is not None and self.probe not in joined:  # most terms are absent from most sentences
            return
        size = len(self.words)
        for start in self._starts(toks, size):
            for offset, (word, stem) in enumerate(self.words):
                token = toks[start + offset].word
                if not (token.startswith(word) if stem else token == word):
                    break
            else:
                yield start, start + size

    def _starts(self, toks: Sequence[Token], size: int) -> Sequence[int]:
        """Where the term may start, in order: where its first word stands, when the sentence says."""
        places: dict[str, tuple[int, ...]] | None = getattr(toks, "places", None)
        last = len(toks) - size
        if places is None:
            return range(last + 1)
        first, stem = self.words[0]
        if not stem:
            return [i for i in places.get(first, ()) if i <= last]
        ordered: tuple[str, ...] | None = getattr(toks, "ordered", None)
        if ordered is not None:  # the words that begin with the stem stand together in sorted order
            start = bisect_left(ordered, first)
            words = itertools.takewhile(lambda word: word.startswith(first), ordered[start:])
            return sorted(i for word in words for i in places[word] if i <= last)
        return sorted(i for word, found in places.items() if word.startswith(first) for i in found if i <= last)

    def find(self, toks: Sequence[Token], text: str) -> str | None:
        """The text this term first matches in a sentence, or None."""
        for start, end in self.spans(toks):
            return text[toks[start].start : toks[end - 1].end]
        return None


@lru_cache(maxsize=16384)
def compile_term(written: str) -> Term:
    """A term as written in a rule file; words are normalised as ``tokens`` normalises text."""
    words = []
    for word in written.split():
        stem = word.endswith("*")
        word = word.rstrip("*")
        word = word.removesuffix("'s")
        words.append((word, stem))
    return Term(written, tuple(words))


class TermGroup:
    """One group of terms, indexed once per library by each term's first word: a sentence is asked only about
    the terms whose first word it holds (most groups have none of theirs in most sentences), where the terms
    each searched the sentence for their first word before."""

    __slots__ = ("by_first", "by_stem", "firsts", "heads", "stems")

    def __init__(self, terms: Iterable[Term]) -> None:
        by_first: dict[str, list[Term]] = {}
        by_stem: dict[str, list[Term]] = {}
        for term in terms:
            first, stem = term.words[0] if term.words else ("", True)
            (by_stem if stem else by_first).setdefault(first, []).append(term)
        self.by_first = {word: tuple(found) for word, found in by_first.items()}
        self.by_stem = {word: tuple(found) for word, found in by_stem.items()}
        self.firsts = frozenset(self.by_first)
        self.stems = tuple(sorted(self.by_stem))
        self.heads = frozenset(stem[:HEAD] for stem in self.stems)  # a word that a stem begins has its head

    def present(self, toks: Tokens) -> list[Term]:
        """The terms that may match in the sentence: those whose first word it holds, or whose first stem one
        of its words begins with (``claimed_words`` keeps its words as a set and in sorted order).
        ``Term.spans`` finds nothing for any other."""
        firsts = self.firsts.intersection(toks.held)
        stems = (
            [stem for stem in self.stems if begins_a_word(toks.ordered, stem)]
            if not self.heads.isdisjoint(toks.heads)
            else ()
        )
        if not firsts and not stems:
            return []
        return [term for word in firsts for term in self.by_first[word]] + [
            term for stem in stems for term in self.by_stem[stem]
        ]


HEAD = 5  # characters of a word's beginning kept as its head


def _heads(words: frozenset[str]) -> frozenset[str]:
    """Every beginning of the words up to ``HEAD`` characters, the empty one too: a stem's first ``HEAD``
    characters are among them whenever a word begins with the stem."""
    if not words:
        return frozenset()
    return frozenset(word[:size] for word in words for size in range(min(len(word), HEAD) + 1))


def begins_a_word(ordered: tuple[str, ...], stem: str) -> bool:
    """Whether a word of ``ordered`` (sorted) begins with ``stem``: the first word not before it does, if any."""
    index = bisect_left(ordered, stem)
    return index < len(ordered) and ordered[index].startswith(stem)


def all_groups(
    groups: tuple[TermGroup, ...], toks: Tokens, sentence: str, within: int | None
) -> tuple[str, ...] | None:
    """The words found for each group, in group order, or None.

    No word counts for two groups, and with ``within`` all the words found lie
    in a stretch of at most that many words (the first such choice is taken).
    """
    options = []
    for group in groups:  # most sentences lack a group's words: stop at the first such group
        spans = sorted({span for term in group.present(toks) for span in term.spans(toks)})
        if not spans:
            return None
        options.append(spans)

    def choose(index: int, used: list[tuple[int, int]]) -> list[tuple[int, int]] | None:
        if index == len(options):
            return used
        for start, end in options[index]:
            if any(start < b and end > a for a, b in used):
                continue
            if (
                within is not None
                and used
                and max(end, *(b for _, b in used)) - min(start, *(a for a, _ in used)) > within
            ):
                continue
            chosen = choose(index + 1, [*used, (start, end)])
            if chosen is not None:
                return chosen
        return None

    chosen = choose(0, [])
    if chosen is None:
        return None
    return tuple(sentence[toks[a].start : toks[b - 1].end] for a, b in chosen)


@dataclass(frozen=True)
class ReadStatement:
    """A statement's sentences with the words each asserts, and the words (and their beginnings) of them all."""

    sentences: tuple[tuple[str, Tokens], ...]
    held: frozenset[str]
    heads: frozenset[str]  # their heads (``_heads``)
    ordered: tuple[str, ...]  # the same words in sorted order


@lru_cache(maxsize=8192)
def claimed_words(text: str, variants: Variants) -> ReadStatement:
    """A statement's sentences as the text layer reads them (variants read as their canonical words), keeping
    only the words the statement asserts: "will not line manage staff" does not cover managing staff."""
    prepared_ = []
    for sentence in read(text, variants):
        toks = Tokens(
            Token(w.word, w.start, w.end)
            for w, stance in zip(sentence.words, sentence.stances, strict=True)
            if stance in (Stance.CLAIMED, Stance.PARTIAL)
        )
        toks.joined = " " + " ".join(t.word for t in toks) + " "
        places: dict[str, list[int]] = {}
        for index, token in enumerate(toks):
            places.setdefault(token.word, []).append(index)
        toks.places = {word: tuple(found) for word, found in places.items()}
        toks.held = frozenset(toks.places)
        toks.heads = _heads(toks.held)
        toks.ordered = tuple(sorted(toks.held))
        prepared_.append((sentence.text, toks))
    return ReadStatement(
        sentences=tuple(prepared_),
        held=frozenset().union(*(toks.held for _, toks in prepared_)),
        heads=frozenset().union(*(toks.heads for _, toks in prepared_)),
        ordered=tuple(sorted(frozenset().union(*(toks.held for _, toks in prepared_)))),
    )
