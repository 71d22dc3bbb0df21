"""Which statements of a role cover a statutory duty or a standard, and by which words.

A job description rarely copies the STPCD word for word, so a duty is found by
meaning-bearing words rather than by its sentence. Each duty in a catalogue
(``rules/duties/``, ``rules/standards/``) lists groups of terms: one sentence of
one statement covers the duty when every group has a term in it and no
``unless`` term is there. A term is one or more lower-case words; a word ending
in ``*`` is a stem (``monitor*`` matches monitoring, monitored); a word
``@name`` stands for any entry of the catalogue's synonym list of that name,
alone or inside a phrase (``absence of the @head``). The words and synonyms
live in the rule files, not here; sentences and words come from the text layer
(``speccheck.text.reading``): abbreviations read as their canonical words, and
words a statement denies left out.

A duty may ``include`` another (a shared one, such as the safeguarding duty of
``rules/duties/kcsie-safeguarding.yaml``): a statement covering the included
duty covers it too, so a row and a check rule that tests the included duty
(the ``duties_covered`` fact) agree by construction. ``library_matchers``
compiles every duty of a library once, with its included duties.

Explicit ``covers:`` always wins: a duty that some statement names is covered
by exactly those statements, and a statement that names duties of a catalogue
is taken at its word for that catalogue (it is not matched against the others).
A catalogue's ``match`` regular expressions are tried last, for older files.
All of this is Python text matching; the engine never sees a pattern.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from speccheck.audit.terms import (
    ReadStatement,
    Term,
    TermGroup,
    all_groups,
    begins_a_word,
    claimed_words,
    compile_term,
)
from speccheck.core.patterns import Pattern, compile_pattern
from speccheck.files.role import Role
from speccheck.files.rules import DutyCatalogue, StatutoryDuty, synonym_names
from speccheck.text.variants import NO_VARIANTS, Variants

Method = Literal["covers", "terms", "pattern"]


def _written_forms(term: str, synonyms: Mapping[str, list[str]]) -> list[str]:
    """A term with each ``@name`` word replaced by each entry of its list ("absence of the @head" ->
    "absence of the headteacher", "absence of the principal", ...)."""
    if not synonym_names(term):
        return [term]
    choices = [synonyms.get(word[1:], []) if word.startswith("@") else [word] for word in term.split()]
    return [" ".join(words) for words in itertools.product(*choices)]


def _expand(terms: Iterable[str], synonyms: Mapping[str, list[str]]) -> tuple[Term, ...]:
    return tuple(compile_term(written) for term in terms for written in _written_forms(term, synonyms))


@dataclass(frozen=True)
class TextMatch:
    """What a matcher found in one statement: how, and the words."""

    method: Method
    words: tuple[str, ...]


MATCHES_KEPT = 1024  # statements whose match each duty matcher keeps


@dataclass(frozen=True)
class DutyMatcher:
    """A duty's terms and patterns, compiled."""

    sets: tuple[tuple[tuple[Term, ...], ...], ...]  # sets of groups; one set matching is enough
    unless: tuple[Term, ...]
    patterns: tuple[Pattern, ...]
    within: int | None = None
    variants: Variants = NO_VARIANTS
    includes: tuple[DutyMatcher, ...] = ()  # duties whose statements cover this one too, tried first
    # The same groups and unless terms indexed by first word (``TermGroup``), made once with the matcher.
    _indexed: tuple[tuple[TermGroup, ...], ...] = field(init=False, compare=False, repr=False)
    _unless: TermGroup = field(init=False, compare=False, repr=False)
    # What ``match`` found in each statement seen (a bounded cache: the same statement is matched for the
    # table, for the checks' duties_covered and again for the words of a covers: row, and a trust's roles
    # repeat their boilerplate; everything else that decides it is this frozen matcher).
    _seen: dict[str, TextMatch | None] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_indexed", tuple(tuple(TermGroup(g) for g in groups) for groups in self.sets))
        object.__setattr__(self, "_unless", TermGroup(self.unless))
        object.__setattr__(self, "_seen", {})

    def match(self, text: str) -> TextMatch | None:
        """Whether ``text`` covers the duty, and the words that show it (an included duty's, when it matches)."""
        seen = self._seen
        if text in seen:
            return seen[text]
        if len(seen) >= MATCHES_KEPT:
            seen.clear()
        found = seen[text] = self._match(text)
        return found

    def _match(self, text: str) -> TextMatch | None:
        for included in self.includes:
            through = included.match(text)
            if through is not None:
                return through
        read = claimed_words(text, self.variants) if self.sets else None
        if read is not None and self._possible(read):
            for sentence, toks in read.sentences:
                vetoes = self._unless.present(toks)
                if vetoes and any(term.find(toks, sentence) for term in vetoes):
                    continue
                for groups in self._indexed:
                    found = all_groups(groups, toks, sentence, self.within)
                    if found is not None:
                        return TextMatch("terms", found)
        for pattern in self.patterns:
            hit_re = pattern.search(text)
            if hit_re:
                return TextMatch("pattern", (hit_re.group(0),))
        return None

    def _possible(self, read: ReadStatement) -> bool:
        """Whether some set has a term of each of its groups somewhere in the statement: a set that has not
        cannot match in one of its sentences (most duties, for most statements)."""
        held, heads, ordered = read.held, read.heads, read.ordered
        for groups in self._indexed:
            for group in groups:  # no first word held, and no first stem begun (the heads rule most out)
                if group.firsts.isdisjoint(held) and (
                    group.heads.isdisjoint(heads) or not any(begins_a_word(ordered, s) for s in group.stems)
                ):
                    break
            else:
                return True
        return False


def matcher_for(
    duty: StatutoryDuty,
    synonyms: Mapping[str, list[str]],
    variants: Variants = NO_VARIANTS,
    includes: Sequence[DutyMatcher] = (),
) -> DutyMatcher:
    """A duty's term sets, unless terms and patterns compiled, with ``@name`` synonyms expanded; ``includes``
    are the compiled duties it includes (``library_matchers`` finds them)."""
    return DutyMatcher(
        sets=tuple(tuple(_expand(group, synonyms) for group in groups) for groups in duty.term_sets()),
        unless=_expand(duty.unless, synonyms),
        patterns=tuple(compile_pattern(p) for p in duty.match),
        within=duty.within,
        variants=variants,
        includes=tuple(includes),
    )


_MATCHERS: dict[tuple[object, ...], tuple[tuple[DutyCatalogue, ...], Variants, dict[str, DutyMatcher]]] = {}
_MATCHERS_KEPT = 64


def library_matchers(
    catalogues: Sequence[DutyCatalogue], variants: Variants = NO_VARIANTS, only: Collection[str] | None = None
) -> dict[str, DutyMatcher]:
    """The duties of the catalogues (or the ``only`` ones) compiled once, each with its catalogue's synonyms and
    with the duties it includes; raises ``ValueError`` for an included duty the catalogues do not define.

    Compiled once per set of catalogues, not once per role: the catalogues and variants are kept with the
    compiled matchers, so an identity in the key is never another object's while it is cached."""
    given = tuple(catalogues)
    key = (tuple(id(c) for c in given), id(variants), frozenset(only) if only is not None else None)
    kept = _MATCHERS.get(key)
    if kept is None:
        if len(_MATCHERS) >= _MATCHERS_KEPT:
            _MATCHERS.clear()
        kept = _MATCHERS[key] = (given, variants, _compile_matchers(given, variants, only))
    return dict(kept[2])


def _compile_matchers(
    catalogues: Sequence[DutyCatalogue], variants: Variants, only: Collection[str] | None
) -> dict[str, DutyMatcher]:
    found = {duty.id: (duty, c.synonyms) for c in catalogues for duty in c.duties}
    wanted = [i for i in found if only is None or i in only]
    needed = set(wanted) | {i for w in wanted for i in found[w][0].includes}
    unknown = sorted(needed - set(found))
    if unknown:
        owner = next(w for w in wanted if unknown[0] in found[w][0].includes)
        raise ValueError(f'duty "{owner}" includes "{unknown[0]}", which no catalogue given defines')
    plain = {i: matcher_for(found[i][0], found[i][1], variants) for i in needed}
    return {
        i: replace(plain[i], includes=tuple(plain[n] for n in found[i][0].includes))
        if found[i][0].includes
        else plain[i]
        for i in wanted
    }


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
    """Every duty of one catalogue, compiled once, matched against a role's statements.

    ``library`` holds the catalogues whose duties this one's may include (the rule library's; by default
    this catalogue alone, and an include it does not define raises ``ValueError``); ``matchers`` may pass
    them compiled already (``library_matchers``).
    """

    def __init__(
        self,
        catalogue: DutyCatalogue,
        *,
        use_covers: bool = True,
        variants: Variants = NO_VARIANTS,
        library: Sequence[DutyCatalogue] = (),
        matchers: Mapping[str, DutyMatcher] | None = None,
    ) -> None:
        self.catalogue = catalogue
        self.use_covers = use_covers
        if matchers is None:
            others = [c for c in library if c.id != catalogue.id]
            matchers = library_matchers([catalogue, *others], variants, only={d.id for d in catalogue.duties})
        self.matchers = {d.id: matchers[d.id] for d in catalogue.duties if d.id in matchers}
        self.includes = {d.id: tuple(d.includes) for d in catalogue.duties}
        self._ids = frozenset(self.matchers)

    def hits(self, duty: StatutoryDuty, found: list[Statement]) -> list[Hit]:
        """The statements covering ``duty``: named in covers: if any are, else matched by words. A statement
        whose covers: names a duty that ``duty`` includes covers it too."""
        if self.use_covers:
            explicit = [Hit(s, "covers", ()) for s in found if duty.id in s.covers]
            if explicit:
                return explicit
        hits = []
        matcher, includes = self.matchers[duty.id], self.includes[duty.id]
        for statement in found:
            if self.use_covers and statement.covers:
                if not self._ids.isdisjoint(statement.covers):
                    continue  # the statement says what it covers in this catalogue
                if not set(includes).isdisjoint(statement.covers):
                    hits.append(Hit(statement, "covers", ()))
                    continue
            result = matcher.match(statement.text)
            if result is not None:
                hits.append(Hit(statement, result.method, result.words))
        return hits


def covered_by_statement(
    role: Role,
    catalogues: Sequence[DutyCatalogue],
    variants: Variants = NO_VARIANTS,
    wanted: Collection[str] | None = None,
) -> dict[Statement, frozenset[str]]:
    """For each of the role's statements that covers a duty of the catalogues, the duties it covers, as the
    coverage tables find them (the same matcher, covers: first), whether or not the post carries them. Only
    the ``wanted`` duties are worked out when given (those the check rules test)."""
    compiled = library_matchers(catalogues, variants, wanted)
    covered: dict[Statement, set[str]] = {}
    for catalogue in catalogues:
        duties = [d for d in catalogue.duties if d.id in compiled]
        found = statements(role, catalogue.search) if duties else []
        if not found:
            continue
        matcher = CatalogueMatcher(catalogue, variants=variants, matchers=compiled)
        for duty in duties:
            for hit in matcher.hits(duty, found):
                covered.setdefault(hit.statement, set()).add(duty.id)
    return {statement: frozenset(ids) for statement, ids in covered.items()}


def covered_duty_ids(
    role: Role,
    catalogues: Sequence[DutyCatalogue],
    variants: Variants = NO_VARIANTS,
    wanted: Collection[str] | None = None,
) -> frozenset[str]:
    """The duties of the catalogues that the role's statements cover (``covered_by_statement``, all
    statements together): the role's ``duties_covered`` fact."""
    return frozenset().union(*covered_by_statement(role, catalogues, variants, wanted).values())
