"""Ranking an application's sentences against a criterion: BM25-style weights over the text layer.

A criterion becomes a ``Query``: one slot per idea it names (a content word of
its text, a keyword the role gives, or a group of domain synonyms it touches),
each slot a set of stemmed wordings, weighted by how rare its words are among
the role's own statements (inverse document frequency, so "school" and
"pupils" weigh little in a school's person specification). A sentence scores
the slots it holds in words the writer claims (never in negation or
aspiration scope), with BM25's saturation and length normalisation. It is
evidence when it holds enough of the criterion's weight (``EVIDENCE_SHARE``,
calibrated on the labelled set in ``tests/bench/judgement``) and more than one
idea or a wording of several words: one word, and never a generic one, is not
enough.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from speccheck.text.reading import Sentence, read
from speccheck.text.scope import Stance
from speccheck.text.stems import stem
from speccheck.text.tokens import tokens
from speccheck.text.variants import NO_VARIANTS, Variants

# Words that carry no idea of their own (stop words), and the words of a criterion's frame.
_STOP_TEXT = """a about above across after again against all along also am among an and any are as at be been being both
    but by can could did do does doing done during each eg etc for from further had has have having he her here
    hers him his how i ie if in including into is it its itself just may me might more most must my myself no nor
    not of off on once only or other our ours out over own per same she should so some such than that the their
    them then there these they this those through to too under until up upon us very via was we were what when
    where which while who whom why will with within without would you your yours
    able ability abilities appropriate clear demonstrate demonstrated demonstrating desirable effective
    effectively essential evidence excellent experience experienced good great high ideally knowledge proven
    range record relevant show strong successful successfully track understanding wide"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
STOP_STEMS = frozenset(stem(w) for w in STOP_WORDS)

K1 = 1.2
B = 0.75
AVERAGE_LENGTH = 14.0  # claimed content words in a sentence of an application, about
EVIDENCE_SHARE = 0.3  # share of the criterion's weight a sentence must hold (calibrated)
TELLING_WEIGHT = 2.5  # a synonym group the criterion names in a word at least this rare is telling alone (calibrated)


@dataclass(frozen=True)
class Slot:
    """One idea of a criterion: the wordings that show it, as stems, and its weight."""

    label: str  # as the criterion or the role wrote it
    wordings: tuple[tuple[str, ...], ...]
    weight: float
    generic: bool = False
    telling: bool = False  # a keyword the role gives: telling on its own


@dataclass(frozen=True)
class Query:
    """A criterion as the ranking reads it: its ideas, and the scopes a sentence must show (each a set of wordings)."""

    slots: tuple[Slot, ...]
    scopes: tuple[tuple[tuple[str, ...], ...], ...] = ()

    @cached_property
    def total(self) -> float:
        return sum(s.weight for s in self.slots if not s.generic)

    @cached_property
    def first_stems(self) -> frozenset[str]:
        """The stems a sentence must hold for the query to match anything in it (each wording's first)."""
        return frozenset(self.by_first_stem)

    @cached_property
    def by_first_stem(self) -> dict[str, tuple[tuple[int, tuple[str, ...], bool], ...]]:
        """Each wording of the (not generic) slots under its first stem: the slot's index, the wording, and
        whether a match of it is telling (a keyword's, or a wording of several content words)."""
        found: dict[str, list[tuple[int, tuple[str, ...], bool]]] = {}
        for index, slot in enumerate(self.slots):
            if slot.generic:
                continue
            for wording in slot.wordings:
                if wording:
                    telling = slot.telling or len([s for s in wording if s not in STOP_STEMS]) >= 2
                    found.setdefault(wording[0], []).append((index, wording, telling))
        return {stem_: tuple(entries) for stem_, entries in found.items()}

    @cached_property
    def scopes_by_first_stem(self) -> tuple[dict[str, tuple[tuple[str, ...], ...]], ...]:
        """Each scope's wordings under their first stems, so a sentence is tried only on wordings that can match."""
        indexed = []
        for wordings in self.scopes:
            found: dict[str, list[tuple[str, ...]]] = {}
            for wording in wordings:
                if wording:
                    found.setdefault(wording[0], []).append(wording)
            indexed.append({stem_: tuple(entries) for stem_, entries in found.items()})
        return tuple(indexed)

    @cached_property
    def numbered(self) -> dict[str, tuple[tuple[int, int, tuple[str, ...], int, bool], ...]]:
        """``by_first_stem`` as ``Queries`` holds a role's queries, this one numbered 0: each wording with the
        query's number, its slot's, its length and whether it is telling."""
        return {
            stem_: tuple((0, slot, wording, len(wording), tells) for slot, wording, tells in entries)
            for stem_, entries in self.by_first_stem.items()
        }

    def hints(self, limit: int = 6) -> list[str]:
        """Words a panel could look for: the role's keywords and the synonym groups the criterion touches, else
        its rarest words (words as written, never stems)."""
        return list(self._hint_words[:limit])

    @cached_property
    def _hint_words(self) -> tuple[str, ...]:
        telling = [s for s in self.slots if s.telling and not s.generic]
        others = sorted((s for s in self.slots if not s.telling and not s.generic), key=lambda s: -s.weight)
        return tuple(dict.fromkeys(s.label.lower() for s in (telling or others)))


@dataclass(frozen=True)
class Scored:
    """How well one sentence addresses a criterion."""

    score: float
    share: float  # of the criterion's weight
    matched: tuple[str, ...]  # the sentence's own words that matched, in order
    slots: int  # ideas matched
    telling: bool  # some match was a keyword, a synonym or a wording of several words
    partial: bool  # every match was in "working towards" scope
    about_writer: bool  # the sentence speaks of the writer (not "Our school was rated Good")
    in_scope: bool  # the sentence shows every scope the criterion names

    @property
    def is_evidence(self) -> bool:
        return (
            self.about_writer
            and self.in_scope
            and self.slots > 0
            and (self.telling or (self.slots >= 2 and self.share >= EVIDENCE_SHARE))
        )


def stems_of(text: str, variants: Variants = NO_VARIANTS) -> tuple[str, ...]:
    """A wording as stems, read with the variants table (so "SLT" and "senior leadership team" agree)."""
    return tuple(w.stem for s in read(text, variants) for w in s.words)


class Weights:
    """Inverse document frequency of stems among a role's statements (criteria and duties)."""

    def __init__(self, documents: Iterable[str], variants: Variants = NO_VARIANTS) -> None:
        counts: Counter[str] = Counter()
        size = 0
        for document in documents:
            size += 1
            counts.update(set(stems_of(document, variants)))
        self.size = size
        self.counts = counts

    def idf(self, stem_: str) -> float:
        df = self.counts.get(stem_, 0)
        return math.log(1 + (self.size - df + 0.5) / (df + 0.5))

    def of(self, wording: Sequence[str]) -> float:
        content = [s for s in wording if s not in STOP_STEMS]
        return max((self.idf(s) for s in content), default=0.0)


def stemmed_groups(
    synonyms: Mapping[str, Sequence[str]], variants: Variants = NO_VARIANTS
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each group of domain synonyms as its distinct wordings in stems: read once for a library, not once for
    every criterion of every role."""
    return {name: tuple(dict.fromkeys(stems_of(w, variants) for w in group)) for name, group in synonyms.items()}


def build_query(
    text: str,
    keywords: Sequence[str],
    weights: Weights,
    *,
    variants: Variants = NO_VARIANTS,
    synonyms: Mapping[str, Sequence[tuple[str, ...]]] | None = None,
    generic: frozenset[str] = frozenset(),
    scopes: Mapping[str, tuple[Sequence[str], Sequence[str]]] | None = None,
) -> Query:
    """A criterion's slots: its keywords, the synonym groups it touches (each a list of wordings as stems,
    ``stemmed_groups``), then its other content words."""
    generic_stems = frozenset(stem(w) for w in generic)
    slots: list[Slot] = []
    covered: set[str] = set()
    criterion_stems = stems_of(" ".join([text, *keywords]), variants)
    for keyword in keywords:
        wording = stems_of(keyword, variants)
        content = [s for s in wording if s not in STOP_STEMS]
        if not content:
            continue
        is_generic = all(s in generic_stems for s in content)
        slots.append(Slot(keyword.strip(), (wording,), weights.of(wording), generic=is_generic, telling=True))
        covered.update(content)
    for name, group in (synonyms or {}).items():
        wordings = tuple(group)
        triggers = [w for w in wordings if w and _holds(criterion_stems, w)]
        if triggers:
            # Telling on its own when the criterion names the idea in a rare word of the role ("governors"),
            # not when a common one only brushes it ("standards" in "CPD Standards").
            trigger = max(weights.of(w) for w in triggers)
            slots.append(
                Slot(
                    name.replace("_", " "),
                    wordings,
                    max(weights.of(w) for w in wordings),
                    telling=trigger >= TELLING_WEIGHT,
                )
            )
            covered.update(s for w in wordings if len(w) == 1 for s in w)
    for token in tokens(text):
        word = token.word
        stem_ = stem(word)
        if stem_ in STOP_STEMS or stem_ in covered or len(word) < 3 or word.isdigit():
            continue
        covered.add(stem_)
        slots.append(Slot(word, ((stem_,),), weights.idf(stem_), generic=stem_ in generic_stems))
    required = []
    for in_criterion, in_sentence in (scopes or {}).values():
        if any(_holds(criterion_stems, stems_of(w, variants)) for w in in_criterion):
            required.append(tuple(dict.fromkeys(stems_of(w, variants) for w in in_sentence)))
    return Query(tuple(slots), tuple(required))


def _holds(stems: Sequence[str], wording: Sequence[str]) -> bool:
    """Whether ``stems`` hold ``wording`` as a run of consecutive stems."""
    if not wording:
        return True
    if wording[0] not in stems:  # most wordings of the domain are not in a given criterion: one look
        return False
    size = len(wording)
    return any(tuple(stems[i : i + size]) == tuple(wording) for i in range(len(stems) - size + 1))


# A sentence that starts with one of these and never says "I", "we", "my" or "me" is about someone or
# something else ("The senior leadership team took the staff away", "Our school was rated Good").
_OTHER_SUBJECT = frozenset(
    {"the", "our", "this", "these", "those", "a", "an", "its", "their", "his", "her", "it", "there"}
)
_FIRST_PERSON = frozenset({"i", "we", "my", "me", "i'm", "i've", "we've", "i'd", "myself"})


def about_writer(sentence: Sentence) -> bool:
    """Whether a sentence speaks of what its writer did, knows or holds (a CV bullet with no subject does)."""
    words = [w.word for w in sentence.words]
    return not words or words[0] not in _OTHER_SUBJECT or bool(_FIRST_PERSON & set(words))


@dataclass(frozen=True)
class Prepared:
    """A sentence read for ranking, once for every criterion: its stems, which of them the writer claims, where
    each stem the writer claims stands (``claimed``), and its length normalisation."""

    sentence: Sentence
    stems: tuple[str, ...]
    usable: tuple[bool, ...]
    claimed: Mapping[str, Sequence[int]]
    norm: float
    about_writer: bool


_USABLE = (Stance.CLAIMED, Stance.PARTIAL)


def prepare(sentence: Sentence) -> Prepared:
    """A sentence ready to be scored against any number of queries."""
    stems = tuple(w.stem for w in sentence.words)
    usable = tuple(s in _USABLE for s in sentence.stances)
    length = 0
    claimed: dict[str, list[int]] = {}
    for index, stem_ in enumerate(stems):
        if usable[index]:
            claimed.setdefault(stem_, []).append(index)
            if stem_ not in STOP_STEMS:
                length += 1
    return Prepared(
        sentence, stems, usable, claimed, K1 * (1 - B + B * length / AVERAGE_LENGTH), about_writer(sentence)
    )


def _found_at(ready: Prepared, wording: tuple[str, ...]) -> Sequence[int]:
    """Where a wording stands in the sentence, in words the writer claims."""
    at = ready.claimed.get(wording[0], ()) if wording else ()
    size = len(wording)
    if size == 1 or not at:
        return at
    return [i for i in at if ready.stems[i : i + size] == wording and all(ready.usable[i + 1 : i + size])]


def _shows(ready: Prepared, scope: Mapping[str, tuple[tuple[str, ...], ...]]) -> bool:
    """Whether the sentence holds, in words the writer claims, one of a scope's wordings (indexed by first stem)."""
    claimed = ready.claimed
    return any(_found_at(ready, wording) for stem_ in scope if stem_ in claimed for wording in scope[stem_])


def score(query: Query, sentence: Sentence | Prepared) -> Scored:
    """How well a sentence addresses a query, counting only words the writer claims."""
    scored = _score(query, sentence if isinstance(sentence, Prepared) else prepare(sentence), evidence_only=False)
    assert scored is not None
    return scored


def evidence(query: Query, ready: Prepared) -> Scored | None:
    """The sentence's score when it is evidence for the query (``Scored.is_evidence``), else None.

    The same reckoning as ``score``, stopped as soon as the sentence cannot be evidence: most sentences an
    application holds share a word or two with a criterion and no more.
    """
    return _score(query, ready, evidence_only=True)


Numbered = Mapping[str, Sequence[tuple[int, int, tuple[str, ...], int, bool]]]  # first stem -> wordings


class _Matches:
    """What a sentence holds of one query's wordings: matches per slot, their spans, whether one is telling, and
    whether every one is in "working towards" scope."""

    __slots__ = ("hits", "partial_only", "spans", "telling")

    def __init__(self) -> None:
        self.hits: dict[int, int] = {}  # slot index -> matches
        self.spans: list[tuple[int, int]] = []
        self.telling = False
        self.partial_only = True


def _held(ready: Prepared, by_first: Numbered) -> dict[int, _Matches]:
    """What the sentence holds, in words the writer claims, of each numbered query's wordings (``by_first``:
    each wording under its first stem, with its query's number): the sentence's words are looked up once for
    every query, and a stem's single-word matches worked out once for every wording under it."""
    held: dict[int, _Matches] = {}
    claimed, stems, usable = ready.claimed, ready.stems, ready.usable
    stances = ready.sentence.stances
    for stem_ in claimed.keys() & by_first.keys():
        first_at = claimed[stem_]
        first_spans = [(i, i + 1) for i in first_at]
        first_claimed = any(stances[i] is Stance.CLAIMED for i in first_at)
        for number, slot, wording, size, tells in by_first[stem_]:
            if size == 1:
                at: Sequence[int] = first_at
                spans, is_claimed = first_spans, first_claimed
            else:
                at = [i for i in first_at if stems[i : i + size] == wording and all(usable[i + 1 : i + size])]
                if not at:
                    continue
                spans = [(i, i + size) for i in at]
                is_claimed = any(stances[j] is Stance.CLAIMED for i in at for j in range(i, i + size))
            matches = held.get(number)
            if matches is None:
                matches = held[number] = _Matches()
            hits = matches.hits
            hits[slot] = hits.get(slot, 0) + len(at)
            matches.spans += spans
            if tells:
                matches.telling = True
            if is_claimed:
                matches.partial_only = False
    return held


def _score(query: Query, ready: Prepared, *, evidence_only: bool) -> Scored | None:
    matches = _held(ready, query.numbered).get(0) or _Matches()
    return _scored(query, ready, matches, evidence_only=evidence_only)


def _scored(query: Query, ready: Prepared, matches: _Matches, *, evidence_only: bool) -> Scored | None:
    """The score of what the sentence holds of the query; with ``evidence_only``, None unless it is evidence."""
    hits = matches.hits
    slots = len(hits)
    if evidence_only and not (ready.about_writer and (matches.telling or slots >= 2)):
        return None
    total = 0.0
    for index in sorted(hits):
        count = hits[index]
        total += query.slots[index].weight * count * (K1 + 1) / (count + ready.norm)
    share = total / ((K1 + 1) / (1 + ready.norm) * query.total) if query.total else 0.0
    in_scope = all(_shows(ready, scope) for scope in query.scopes_by_first_stem)
    words = []
    for a, b in sorted(set(matches.spans)):
        first, last = ready.sentence.words[a], ready.sentence.words[b - 1]
        words.append(ready.sentence.text[first.start : last.end])
    scored = Scored(
        total,
        share,
        tuple(dict.fromkeys(words)),
        slots,
        matches.telling,
        matches.partial_only and slots > 0,
        ready.about_writer,
        in_scope,
    )
    return scored if scored.is_evidence or not evidence_only else None


class Queries:
    """A role's queries together, so that a sentence is read once for all of them (``evidence_for_each``):
    each wording of every query under its first stem, with the query's number, the slot's and its length."""

    def __init__(self, queries: Sequence[Query]) -> None:
        self.queries = tuple(queries)
        self._numbers = {id(q): number for number, q in enumerate(self.queries)}
        found: dict[str, list[tuple[int, int, tuple[str, ...], int, bool]]] = {}
        for number, query in enumerate(self.queries):
            for stem_, entries in query.numbered.items():
                found.setdefault(stem_, []).extend((number, *entry[1:]) for entry in entries)
        self.by_first_stem: Numbered = {stem_: tuple(entries) for stem_, entries in found.items()}

    def number(self, query: Query) -> int | None:
        """The query's place among these (this very query, not an equal one), or None."""
        number = self._numbers.get(id(query))
        return number if number is not None and self.queries[number] is query else None


def evidence_for_each(queries: Queries, ready: Prepared) -> dict[int, Scored]:
    """``evidence`` for every query at once, by number: the sentence's words are looked up once, not once per
    query. Only a sentence about its writer can be evidence, so no other is read."""
    if not ready.about_writer:
        return {}
    found = {}
    for number, matches in _held(ready, queries.by_first_stem).items():
        scored = _scored(queries.queries[number], ready, matches, evidence_only=True)
        if scored is not None:
            found[number] = scored
    return found
