"""The condition language: fact catalogues, type checks, and conditions in words.

Conditions are parsed by the models (``speccheck.models``); this module knows
what facts exist in each scope and their types, checks a condition against
them (so the engine never compares a string with a number), and says a
condition in plain English for explanations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from speccheck.conditions.ast import AllOf, AnyOf, Comparison, Condition, Not

FactType = Literal["number", "bool", "string", "list", "text"]

Loc = tuple[str | int, ...]


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
        return sorted(self._facts)

    def with_facts(self, facts: list[FactSpec]) -> Catalogue:
        return Catalogue(self.scope, [*self._facts.values(), *facts])


def leaves(condition: Condition, loc: Loc = ()) -> Iterator[tuple[Comparison, Loc]]:
    """Every comparison in a condition with its location inside the condition."""
    if isinstance(condition, Comparison):
        yield condition, loc
    elif isinstance(condition, AllOf):
        for index, child in enumerate(condition.all):
            yield from leaves(child, (*loc, "all", index))
    elif isinstance(condition, AnyOf):
        for index, child in enumerate(condition.any):
            yield from leaves(child, (*loc, "any", index))
    elif isinstance(condition, Not):
        yield from leaves(condition.not_, (*loc, "not"))


def facts_used(condition: Condition) -> list[str]:
    """Names of the facts a condition tests, in first-use order, without repeats."""
    seen: dict[str, None] = {}
    for leaf, _ in leaves(condition):
        seen.setdefault(leaf.fact, None)
    return list(seen)


_NUMERIC = {"gte", "gt", "lte", "lt"}


def check(condition: Condition, catalogue: Catalogue) -> list[tuple[Loc, str]]:
    """Type-check a condition: unknown facts and operators that do not fit a fact's type.

    Returns (location inside the condition, message) pairs; empty when it is sound.
    """
    problems: list[tuple[Loc, str]] = []
    for leaf, loc in leaves(condition):
        if leaf.fact not in catalogue:
            problems.append(((*loc, "fact"), f'unknown {catalogue.scope} fact "{leaf.fact}"'))
            continue
        spec = catalogue[leaf.fact]
        op = leaf.operator
        value = leaf.value
        expected = _expected_type(op, value)
        if op == "exists":
            continue
        if op in _NUMERIC and spec.type != "number":
            problems.append((loc, f'"{leaf.fact}" is a {spec.type} fact; {_symbol(op)} needs a number fact'))
        elif op == "has" and spec.type != "list":
            problems.append((loc, f'"{leaf.fact}" is a {spec.type} fact; has needs a list fact'))
        elif op == "matches" and spec.type != "text":
            problems.append((loc, f'"{leaf.fact}" is a {spec.type} fact; matches needs a text fact'))
        elif op in ("eq", "ne") and expected != spec.type:
            problems.append(
                (loc, f'"{leaf.fact}" is a {spec.type} fact; {_symbol(op)} compares it with a {expected} ({value!r})')
            )
    return problems


def _expected_type(op: str, value: Any) -> str:
    if op in ("eq", "ne"):
        if isinstance(value, bool):
            return "bool"
        if isinstance(value, (int, float)):
            return "number"
        return "string"
    return ""


def _symbol(op: str) -> str:
    from speccheck.conditions.ast import OPERATOR_SYMBOLS

    return OPERATOR_SYMBOLS[op]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _or_list(values: list[str]) -> str:
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " or " + values[-1]


_PATTERN_NOISE = [
    (re.compile(r"\\b"), ""),
    (re.compile(r"\\s[*+?]?|\[- \]\??|\[ -\]\??"), " "),
    (re.compile(r"\(\?:"), "("),
]


def _readable(pattern: str) -> str:
    """A pattern as a panel can read it: no word-boundary or whitespace escapes."""
    for noise, replacement in _PATTERN_NOISE:
        pattern = noise.sub(replacement, pattern)
    return pattern.strip()


def describe(condition: Condition, catalogue: Catalogue) -> str:
    """The condition in words, e.g. ``qualifications include QTS or QTLS``."""
    if isinstance(condition, AllOf):
        parts = [describe(child, catalogue) for child in condition.all]
        return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"
    if isinstance(condition, AnyOf):
        parts = [describe(child, catalogue) for child in condition.any]
        return parts[0] if len(parts) == 1 else "(" + " or ".join(parts) + ")"
    if isinstance(condition, Not):
        return "not " + describe(condition.not_, catalogue)
    return describe_leaf(condition, catalogue)


def describe_leaf(leaf: Comparison, catalogue: Catalogue) -> str:
    label = catalogue[leaf.fact].label if leaf.fact in catalogue else leaf.fact
    op, value = leaf.operator, leaf.value
    if op == "gte":
        return f"{label} at least {_number(value)}"
    if op == "gt":
        return f"{label} more than {_number(value)}"
    if op == "lte":
        return f"{label} at most {_number(value)}"
    if op == "lt":
        return f"{label} less than {_number(value)}"
    if op in ("eq", "ne"):
        is_bool_fact = leaf.fact in catalogue and catalogue[leaf.fact].type == "bool"
        if isinstance(value, bool) and is_bool_fact:
            return label if value == (op == "eq") else f"not {label}"
        shown = _number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
        return f"{label} is {shown}" if op == "eq" else f"{label} is not {shown}"
    if op == "has":
        return f"{label} include {_or_list(leaf.values())}"
    if op == "matches":
        return f"{label} mention {_or_list(['“' + _readable(v) + '”' for v in leaf.values()])}"
    return f"{label} given" if value else f"{label} not given"
