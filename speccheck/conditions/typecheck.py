"""Type-checking conditions: which facts exist in each scope, and whether each test fits its fact.

A condition is checked before it is compiled, so the engine never compares a
string with a number; each problem becomes a finding at its place in the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from speccheck.conditions.ast import Condition, Loc, leaves
from speccheck.conditions.operators import OPERATORS, FactType
from speccheck.core.findings import Finding, Position, Severity


@dataclass(frozen=True)
class FactSpec:
    """A fact that conditions may test: its type and how to say it in words."""

    name: str
    type: FactType
    label: str
    derived_by: str | None = None  # id of the derivation rule, for derived facts


class Catalogue:
    """The facts of one scope (candidate, role, criterion, duty)."""

    def __init__(self, scope: str, facts: list[FactSpec]) -> None:
        self.scope = scope
        self._facts = {fact.name: fact for fact in facts}

    def __contains__(self, name: object) -> bool:
        return name in self._facts

    def __getitem__(self, name: str) -> FactSpec:
        return self._facts[name]

    def names(self) -> list[str]:
        """The fact names, sorted."""
        return sorted(self._facts)

    def with_facts(self, facts: list[FactSpec]) -> Catalogue:
        return Catalogue(self.scope, [*self._facts.values(), *facts])

    def facts(self) -> list[FactSpec]:
        """The facts, in the order given (the last given of a name standing for it)."""
        return list(self._facts.values())


def check(condition: Condition, catalogue: Catalogue) -> list[tuple[Loc, str]]:
    """Type-check a condition: unknown facts and operators that do not fit a fact's type.

    Returns (location inside the condition, message) pairs; empty when it is sound.
    """
    problems: list[tuple[Loc, str]] = []
    for leaf, loc in leaves(condition):
        if leaf.fact not in catalogue:
            problems.append(((*loc, "fact"), f'unknown {catalogue.scope} fact "{leaf.fact}"'))
            continue
        actual = catalogue[leaf.fact].type
        operator = OPERATORS[leaf.operator]
        required = operator.required_type(leaf.value)
        if required is None or required == actual:
            continue
        if operator.applies_to == "operand":
            problem = f"{operator.symbol} compares it with a {required} ({leaf.value!r})"
        else:
            problem = f"{operator.symbol} needs a {required} fact"
        problems.append((loc, f'"{leaf.fact}" is a {actual} fact; {problem}'))
    return problems


def condition_findings(
    condition: Condition,
    catalogue: Catalogue,
    *,
    at: Loc,
    locate: Callable[[Loc], Position] | None,
    fix: str,
    subject: str | None = None,
) -> list[Finding]:
    """The type-checker's problems with a condition as findings at their places in its file.

    ``at`` is where the condition sits in its file and ``locate`` turns a
    location into a position (None when the file is not known); ``subject``
    (e.g. ``criterion "E1"``) starts each message when given.
    """
    return [
        Finding(
            rule_id="condition",
            severity=Severity.ERROR,
            message=f"{subject}: {message}" if subject else message,
            position=locate((*at, *loc)) if locate else None,
            fix=fix,
        )
        for loc, message in check(condition, catalogue)
    ]
