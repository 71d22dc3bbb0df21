"""Which statements of a role cover a statutory duty or a standard, and by which words.

A job description rarely copies the STPCD word for word, so a duty is found by
meaning-bearing words rather than by its sentence. Each duty in a catalogue
(``rules/duties/``, ``rules/standards/``) lists groups of terms: one sentence of
one statement covers the duty when every group has a term in it and no
``unless`` term is there. A term is one or more lower-case words; a word ending
in ``*`` is a stem (``monitor*`` matches monitoring, monitored); ``@name``
stands for the catalogue's synonym list of that name. The words and synonyms
live in the rule files, not here; sentences and words come from the text layer
(``speccheck.text.reading``): abbreviations read as their canonical words, and
words a statement denies left out.

Explicit ``covers:`` always wins: a duty that some statement names is covered
by exactly those statements, and a statement that names duties of a catalogue
is taken at its word for that catalogue (it is not matched against the others).
A catalogue's ``match`` regular expressions are tried last, for older files.
All of this is Python text matching; the engine never sees a pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from speccheck.files.role import Role
from speccheck.files.rules import DutyCatalogue, StatutoryDuty
from speccheck.text.reading import read
from speccheck.text.scope import Stance
from speccheck.text.tokens import Token, Tokens
from speccheck.text.variants import NO_VARIANTS, Variants

Method = Literal["covers", "terms", "pattern"]


@dataclass(frozen=True)
class Term:
    """One term: words, each exact or a stem."""

    written: str
    words: tuple[tuple[str, bool], ...]  # (word, is_stem)

    def spans(self, toks: Sequence[Token]) -> Iterator[tuple[int, int]]:
        """Each place (first token, token after the last) this term matches in a sentence."""
        joined = getattr(toks, "joined", None)
        if joined is not None:  # most terms are absent from most sentences: say so at C speed
            first, stem = self.words[0]
            if (" " + first) not in joined if stem else (" " + first + " ") not in joined:
                return
        size = len(self.words)
        for start in range(len(toks) - size + 1):
            for offset, (word, stem) in enumerate(self.words):
                token = toks[start + offset].word
                if not (token.startswith(word) if stem else token == word):
                    break
            else:
                yield start, start + size

    def find(self, toks: Sequence[Token], text: str) -> str | None:
        """The text this term first matches in a sentence, or None."""
        for start, end in self.spans(toks):
            return text[toks[start].start : toks[end - 1].end]
        return None


def compile_term(written: str) -> Term:
    """A term as written in a rule file; words are normalised as ``tokens`` normalises text."""
    words = []
    for word in written.split():
        stem = word.endswith("*")
        word = word.rstrip("*")
        word = word.removesuffix("'s")
        words.append((word, stem))
    return Term(written, tuple(words))


def _expand(terms: Iterable[str], synonyms: dict[str, list[str]]) -> tuple[Term, ...]:
    out: list[Term] = []
    for term in terms:
        for written in synonyms.get(term[1:], []) if term.startswith("@") else [term]:
            out.append(compile_term(written))
    return tuple(out)


@dataclass(frozen=True)
class TextMatch:
    """What a matcher found in one statement: how, and the words."""

    method: Method
    words: tuple[str, ...]


@dataclass(frozen=True)
class DutyMatcher:
    """A duty's terms and patterns, compiled."""

    sets: tuple[tuple[tuple[Term, ...], ...], ...]  # sets of groups; one set matching is enough
    unless: tuple[Term, ...]
    patterns: tuple[re.Pattern[str], ...]
    within: int | None = None
    variants: Variants = NO_VARIANTS

    def match(self, text: str) -> TextMatch | None:
        """Whether ``text`` covers the duty, and the words that show it."""
        if self.sets:
            for sentence, toks in _claimed_words(text, self.variants):
                if any(term.find(toks, sentence) for term in self.unless):
                    continue
                for groups in self.sets:
                    found = _all_groups(groups, toks, sentence, self.within)
                    if found is not None:
                        return TextMatch("terms", found)
        for pattern in self.patterns:
            hit_re = pattern.search(text)
            if hit_re:
                return TextMatch("pattern", (hit_re.group(0),))
        return None


def _all_groups(
    groups: tuple[tuple[Term, ...], ...], toks: Sequence[Token], sentence: str, within: int | None
) -> tuple[str, ...] | None:
    """The words found for each group, in group order, or None.

    No word counts for two groups, and with ``within`` all the words found lie
    in a stretch of at most that many words (the first such choice is taken).
    """
    options = [sorted({span for term in group for span in term.spans(toks)}) for group in groups]
    if not all(options):
        return None

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


@lru_cache(maxsize=8192)
def _claimed_words(text: str, variants: Variants) -> tuple[tuple[str, Tokens], ...]:
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
        prepared_.append((sentence.text, toks))
    return tuple(prepared_)


def matcher_for(duty: StatutoryDuty, synonyms: dict[str, list[str]], variants: Variants = NO_VARIANTS) -> DutyMatcher:
    """A duty's term sets, unless terms and patterns compiled, with ``@name`` synonyms expanded."""
    return DutyMatcher(
        sets=tuple(tuple(_expand(group, synonyms) for group in groups) for groups in duty.term_sets()),
        unless=_expand(duty.unless, synonyms),
        patterns=tuple(re.compile(p, re.IGNORECASE) for p in duty.match),
        within=duty.within,
        variants=variants,
    )


@dataclass(frozen=True)
class Statement:
    """A job description duty or a person specification criterion, as coverage sees it."""

    kind: Literal["duty", "criterion"]
    index: int
    id: str
    text: str
    covers: tuple[str, ...] = ()

    @property
    def loc(self) -> tuple[str | int, ...]:
        return ("duties" if self.kind == "duty" else "criteria", self.index, "text")


@dataclass(frozen=True)
class Hit:
    """One statement covering one duty."""

    statement: Statement
    method: Method
    words: tuple[str, ...]


def statements(role: Role, search: Iterable[str]) -> list[Statement]:
    """The statements a catalogue searches: the duties, the criteria, or both (in that order)."""
    found: list[Statement] = []
    if "duties" in search:
        found.extend(Statement("duty", i, d.id, d.text, tuple(d.covers)) for i, d in enumerate(role.duties))
    if "criteria" in search:
        found.extend(Statement("criterion", i, c.id, c.text) for i, c in enumerate(role.criteria))
    return found


class CatalogueMatcher:
    """Every duty of one catalogue, compiled once, matched against a role's statements."""

    def __init__(self, catalogue: DutyCatalogue, *, use_covers: bool = True, variants: Variants = NO_VARIANTS) -> None:
        self.catalogue = catalogue
        self.use_covers = use_covers
        self.matchers = {d.id: matcher_for(d, catalogue.synonyms, variants) for d in catalogue.duties}
        self._ids = frozenset(self.matchers)

    def hits(self, duty: StatutoryDuty, found: list[Statement]) -> list[Hit]:
        """The statements covering ``duty``: named in covers: if any are, else matched by words."""
        if self.use_covers:
            explicit = [Hit(s, "covers", ()) for s in found if duty.id in s.covers]
            if explicit:
                return explicit
        hits = []
        for statement in found:
            if self.use_covers and self._ids.intersection(statement.covers):
                continue  # the statement says what it covers in this catalogue
            result = self.matchers[duty.id].match(statement.text)
            if result is not None:
                hits.append(Hit(statement, result.method, result.words))
        return hits
