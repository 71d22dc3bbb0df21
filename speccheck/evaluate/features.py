"""Text features decided in Python before the facts are asserted: which patterns a text matches, and where."""

from __future__ import annotations

import regex

from speccheck.conditions.compiler import Program
from speccheck.core.literals import Words, needed, needed_by_any
from speccheck.core.patterns import Pattern, compile_pattern
from speccheck.facts.values import Facts, TextItem
from speccheck.text.reading import search, stance_of_span
from speccheck.text.scope import Stance
from speccheck.text.variants import Variants


def feature_values(
    program: Program,
    facts: Facts,
    *,
    closed_world: bool,
    variants: Variants | None = None,
    closed_texts: frozenset[str] = frozenset(),
    as_written: bool = False,
    only: frozenset[str] | None = None,
) -> tuple[dict[str, bool], dict[str, tuple[TextItem, str]]]:
    """Decide each text feature in Python: the values to assert and the first match of each.

    Open world (candidates): a text that does not match says nothing, so the
    feature is left absent; with ``variants`` the text is read through the text
    layer (abbreviations read, and a match the writer denies or only hopes for
    is no match). Closed world (role audits): the role is the whole text, so no
    match is decided false. ``closed_texts`` are texts the subject gives in
    full, such as the list of qualifications: when given, no match in them is
    decided false even in the open world. ``as_written`` (role audits) matches the patterns on the text as
    written, punctuation and all, and with ``variants`` drops a match whose words the text denies or only
    hopes for ("there is no upper age limit"). ``only`` names the features to decide (the others are left
    absent).
    """
    values: dict[str, bool] = {}
    hits: dict[str, tuple[TextItem, str]] = {}
    index = _index(program)
    for feature in program.features:
        if only is not None and feature.name not in only:
            continue
        items = facts.texts.get(feature.fact)
        if items is None:
            continue
        if variants is None or as_written:  # the patterns run on the text as written: its words decide
            tried = [i for i in items if index.may_match(i.text, feature.name)]
            if variants is None:
                hit = _first_match(tried, feature.patterns, index)
            else:
                hit = _first_asserted(tried, feature.patterns, variants, index)
        else:
            hit = _first_claimed(items, feature.patterns, variants)
        if hit is not None:
            values[feature.name] = True
            hits[feature.name] = hit
        elif closed_world or (feature.fact in closed_texts and items):
            values[feature.name] = False
    return values, hits


def _compiled(pattern: str) -> Pattern:
    return compile_pattern(pattern)


_ANY_CACHE: dict[tuple[str, ...], Pattern | None] = {}


def _any(patterns: tuple[str, ...]) -> Pattern | None:
    """All of a test's patterns as one alternation (on the same time budget), to pass over a text none of them
    matches in one search (None when they cannot be joined, e.g. a pattern with inline flags: then each is
    tried)."""
    if patterns not in _ANY_CACHE:
        try:
            _ANY_CACHE[patterns] = compile_pattern("|".join(f"(?:{p})" for p in patterns))
        except regex.error:
            _ANY_CACHE[patterns] = None
    return _ANY_CACHE[patterns]


def _may_match(text: str, patterns: tuple[str, ...]) -> bool:
    joined = _any(patterns) if len(patterns) > 1 else None
    return joined is None or joined.search(text) is not None


class _Index:
    """A program's text tests by the words their patterns need (``core.literals``): each text is searched for
    every word once, and which tests may match it is decided once per text, not once per test and subject."""

    def __init__(self, program: Program) -> None:
        self.program = program  # kept, so that the id it is cached under is not reused meanwhile
        by_word: dict[str, set[str]] = {}
        self.open: set[str] = set()  # tests with a pattern whose words are not known: always tried
        for feature in program.features:
            needs = needed_by_any(feature.patterns)
            if needs is None:
                self.open.add(feature.name)
            for word in needs or ():
                by_word.setdefault(word, set()).add(feature.name)
        self.words = Words(by_word)
        self.by_word = {word: frozenset(names) for word, names in by_word.items()}
        # text -> the words it holds, and the tests that need one of them (None, None: not foldable)
        self._texts: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {}

    def _read(self, text: str) -> tuple[frozenset[str], frozenset[str]] | None:
        if text not in self._texts:
            if len(self._texts) >= 8192:
                self._texts.clear()
            found = self.words.held(text)
            self._texts[text] = None if found is None else (found, frozenset().union(*(self.by_word[w] for w in found)))
        return self._texts[text]

    def may_match(self, text: str, feature: str) -> bool:
        """False only when ``text`` holds none of the words the test ``feature`` needs."""
        if feature in self.open:
            return True
        read = self._read(text)
        return read is None or feature in read[1]

    def held(self, text: str) -> frozenset[str] | None:
        """The words the text holds; None when it is not foldable."""
        read = self._read(text)
        return None if read is None else read[0]


_INDEXES: dict[int, _Index] = {}


def _index(program: Program) -> _Index:
    index = _INDEXES.get(id(program))
    if index is None or index.program is not program:
        if len(_INDEXES) >= 64:
            _INDEXES.clear()
        index = _INDEXES[id(program)] = _Index(program)
    return index


def _tried(text: str, patterns: tuple[str, ...], index: _Index) -> tuple[str, ...]:
    """The patterns worth searching ``text`` with, in order: those it holds the words of (``core.literals``).

    When every pattern has such words, the text is searched with only the patterns it holds words of, and
    no pattern is compiled for a text that holds none; otherwise with all of them, after one joined search
    has said some may match."""
    needs = needed_by_any(patterns)
    if needs is None:
        return patterns if _may_match(text, patterns) else ()
    found = index.held(text)
    if found is None:  # a text whose case is not plain: searched with every pattern
        return patterns
    if needs.isdisjoint(found):
        return ()
    return patterns if len(patterns) == 1 else tuple(p for p in patterns if not _needs(p).isdisjoint(found))


def _needs(pattern: str) -> frozenset[str]:
    needs = needed(pattern)
    assert needs is not None  # the patterns of a test that needs words each need some
    return needs


def _first_match(items: list[TextItem], patterns: tuple[str, ...], index: _Index) -> tuple[TextItem, str] | None:
    for item in items:
        for pattern in _tried(item.text, patterns, index):
            found = _compiled(pattern).search(item.text)
            if found:
                return item, found.group(0)
    return None


def _first_asserted(
    items: list[TextItem], patterns: tuple[str, ...], variants: Variants, index: _Index
) -> tuple[TextItem, str] | None:
    """The first match on the text as written whose words the text does not deny or only hope for."""
    for item in items:
        for pattern in _tried(item.text, patterns, index):
            for found in _compiled(pattern).finditer(item.text):
                stance = stance_of_span(item.text, found.start(), found.end(), variants)
                if stance in (None, Stance.CLAIMED, Stance.PARTIAL):
                    return item, found.group(0)
    return None


def _first_claimed(items: list[TextItem], patterns: tuple[str, ...], variants: Variants) -> tuple[TextItem, str] | None:
    """The first match the writer claims, read through the text layer ("no whole-school role" is no match)."""
    for item in items:
        for pattern in patterns:
            found = search(item.text, _compiled(pattern), variants)
            if found is not None and found.stance in (Stance.CLAIMED, Stance.PARTIAL):
                return item, found.text
    return None
