"""Text features decided in Python before the facts are asserted: which patterns a text matches, and where."""

from __future__ import annotations

from dataclasses import dataclass

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
    if variants is not None and not as_written:
        return _claimed_values(
            program, facts, variants, closed_world=closed_world, closed_texts=closed_texts, only=only
        )
    # The tests are decided once per subject, not once per test: each text is looked up in the index once, and
    # only the tests whose words some text of their fact holds are tried; every other is no match.
    index = _index(program)
    plan = index.plan(only, frozenset(facts.texts))
    hits: dict[str, tuple[TextItem, str]] = {}
    for name in plan.candidates(facts.texts, index):
        feature = index.features[name]
        tried = [i for i in facts.texts[feature.fact] if index.may_match(i.text, name)]
        hit = (
            _first_match(tried, feature.patterns, index)
            if variants is None
            else _first_asserted(tried, feature.patterns, variants, index)
        )
        if hit is not None:
            hits[name] = hit
    if closed_world:  # every test decided: false unless it matched, in the program's order
        values = dict.fromkeys(plan.names, False)
        values.update(dict.fromkeys(hits, True))
        return values, hits
    given = {fact for fact in closed_texts if facts.texts.get(fact)}
    if not given:
        return dict.fromkeys(hits, True), hits
    return {name: name in hits for name in plan.names if name in hits or index.features[name].fact in given}, hits


def _claimed_values(
    program: Program,
    facts: Facts,
    variants: Variants,
    *,
    closed_world: bool,
    closed_texts: frozenset[str],
    only: frozenset[str] | None,
) -> tuple[dict[str, bool], dict[str, tuple[TextItem, str]]]:
    """``feature_values`` read through the text layer: an abbreviation read may match where the words are not
    written, so every test of ``only`` is tried on every text of its fact."""
    values: dict[str, bool] = {}
    hits: dict[str, tuple[TextItem, str]] = {}
    for feature in program.features:
        if only is not None and feature.name not in only:
            continue
        items = facts.texts.get(feature.fact)
        if items is None:
            continue
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
        self.features = {feature.name: feature for feature in program.features}
        self.order = {feature.name: place for place, feature in enumerate(program.features)}
        self._plans: dict[tuple[frozenset[str] | None, frozenset[str]], _Plan] = {}
        # text -> the words it holds, and the tests that need one of them (None, None: not foldable)
        self._texts: dict[str, tuple[frozenset[str], frozenset[str]] | None] = {}

    def _read(self, text: str) -> tuple[frozenset[str], frozenset[str]] | None:
        if text not in self._texts:
            if len(self._texts) >= 8192:
                self._texts.clear()
            found = self.words.held(text)
            self._texts[text] = None if found is None else (found, frozenset().union(*(self.by_word[w] for w in found)))
        return self._texts[text]

    def tests(self, text: str) -> frozenset[str] | None:
        """The tests whose words the text holds (those that need none are not among them); None when it is not
        foldable (then every test may match it)."""
        read = self._read(text)
        return None if read is None else read[1]

    def plan(self, only: frozenset[str] | None, given: frozenset[str]) -> _Plan:
        """The tests to decide for a subject that gives texts of the facts ``given``, made once per pair."""
        key = (only, given)
        plan = self._plans.get(key)
        if plan is None:
            if len(self._plans) >= 1024:
                self._plans.clear()
            chosen = [f for f in self.program.features if (only is None or f.name in only) and f.fact in given]
            by_fact: dict[str, list[str]] = {}
            for feature in chosen:
                by_fact.setdefault(feature.fact, []).append(feature.name)
            plan = self._plans[key] = _Plan(
                names=tuple(f.name for f in chosen),
                by_fact=tuple(
                    (fact, frozenset(names), frozenset(self.open.intersection(names)))
                    for fact, names in by_fact.items()
                ),
                order=self.order,
            )
        return plan

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


@dataclass(frozen=True)
class _Plan:
    """The tests one kind of subject has decided: those in ``only`` on a fact it gives texts of, in the
    program's order (the order of the values), and by fact, with those of each fact that are always tried."""

    names: tuple[str, ...]
    by_fact: tuple[tuple[str, frozenset[str], frozenset[str]], ...]
    order: dict[str, int]

    def candidates(self, texts: dict[str, list[TextItem]], index: _Index) -> list[str]:
        """The tests some text of their fact may match, in the program's order: each text is looked up once,
        and every other test is no match without any work of its own (no text of its fact holds its words)."""
        found: set[str] = set()
        for fact, names, always in self.by_fact:
            items = texts[fact]
            if not items:
                continue
            found |= always
            for item in items:
                tests = index.tests(item.text)
                if tests is None:  # not foldable: every test is tried on it
                    found |= names
                    break
                found |= tests & names
        return sorted(found, key=self.order.__getitem__)


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
        key = (item.text, patterns, variants)
        if key in _ASSERTED:
            words = _ASSERTED[key]
        else:
            if len(_ASSERTED) >= ASSERTED_KEPT:
                _ASSERTED.clear()
            words = _ASSERTED[key] = _asserted_in(item.text, patterns, variants, index)
        if words is not None:
            return item, words
    return None


# (text, a test's patterns, variants) -> the words of the first match the text asserts, or None: a bounded cache,
# for the texts a role's subjects and a run's roles share (the index only rules texts out: it decides nothing)
_ASSERTED: dict[tuple[str, tuple[str, ...], Variants], str | None] = {}
ASSERTED_KEPT = 8192


def _asserted_in(text: str, patterns: tuple[str, ...], variants: Variants, index: _Index) -> str | None:
    for pattern in _tried(text, patterns, index):
        for found in _compiled(pattern).finditer(text):
            stance = stance_of_span(text, found.start(), found.end(), variants)
            if stance in (None, Stance.CLAIMED, Stance.PARTIAL):
                return found.group(0)
    return None


def _first_claimed(items: list[TextItem], patterns: tuple[str, ...], variants: Variants) -> tuple[TextItem, str] | None:
    """The first match the writer claims, read through the text layer ("no whole-school role" is no match)."""
    for item in items:
        for pattern in patterns:
            found = search(item.text, _compiled(pattern), variants)
            if found is not None and found.stance in (Stance.CLAIMED, Stance.PARTIAL):
                return item, found.text
    return None
