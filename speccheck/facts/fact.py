"""What a fact is: its name, type and words, where its value comes from, and how a scope's facts are computed.

A ``Fact`` is what a rule author reads about (the facts reference) and what the
type-checker knows (``FactSpec``). A ``ValueFact`` or ``TextFact`` also carries
the function that computes it from its subject, so a fact of the role,
criterion and duty scopes is one entry in one table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass
from typing import Generic, TypeVar

from speccheck.conditions.operators import FactType
from speccheck.conditions.typecheck import Catalogue, FactSpec
from speccheck.facts.values import Facts, FactValue, TextItem

Subject = TypeVar("Subject")


@dataclass(frozen=True)
class Fact:
    """A fact conditions may test: its type, how explanations say it, and where its value comes from."""

    name: str
    type: FactType
    label: str  # in words, as explanations say it: "years of teaching"
    source: str  # where the value comes from, for rule authors
    derived_by: str | None = None  # id of the derivation rule, for derived facts

    def spec(self) -> FactSpec:
        """The fact as the type-checker and explanations know it."""
        return FactSpec(self.name, self.type, self.label, derived_by=self.derived_by)


@dataclass(frozen=True, kw_only=True)
class ValueFact(Fact, Generic[Subject]):
    """A fact with a value for the engine; ``None`` from ``value`` means the file does not give it."""

    value: Callable[[Subject], FactValue | None]


@dataclass(frozen=True, kw_only=True)
class TextFact(Fact, Generic[Subject]):
    """A text fact: the located passages ``matches`` reads (empty when there are none).

    ``None`` from ``texts`` means the file does not give that text at all (a role with no advert has no
    advert text): the fact is absent, so a text test on it is not decided, and a rule that needs it does not fire.
    """

    texts: Callable[[Subject], list[TextItem] | None]


ComputedFact = ValueFact[Subject] | TextFact[Subject]


@dataclass(frozen=True)
class Scope:
    """What one subject of a scope is, and every fact a condition may test about it."""

    name: str
    subject: str  # one subject of the scope, in words, for the reference
    facts: tuple[Fact, ...]

    def catalogue(self) -> Catalogue:
        """The scope's facts as the type-checker knows them."""
        return Catalogue(self.name, [fact.spec() for fact in self.facts])


def computed(table: Sequence[ComputedFact[Subject]], subject: Subject, only: Set[str] | None = None) -> Facts:
    """Every fact of a table for one subject (those named in ``only``, when given); a fact the subject does not
    give is left out."""
    facts = Facts()
    for fact in table:
        if only is not None and fact.name not in only:
            continue
        if isinstance(fact, TextFact):
            texts = fact.texts(subject)
            if texts is not None:
                facts.texts[fact.name] = texts
            continue
        value = fact.value(subject)
        if value is not None:
            facts.values[fact.name] = value
    return facts
