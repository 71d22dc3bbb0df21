"""The closures anchor: the role's conditions compiled to plain Python closures, the practical limit.

A small compiler from the condition language (in its file form) to nested closures, each returning
True, False or None (no evidence) with Kleene ``all`` / ``any`` / ``not``, the same three values the
engine decides. A text test (``matches``) reads the boolean feature the product decided before any
anchor runs. Derived facts are decided in stratum order and read by the units above them. No
explanation, no evidence, no objects: a lower bound on the cost of deciding the conditions in Python.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from workload import Truth, Unit

Values = dict[str, Any]
Closure = Callable[[Values, Values], Truth]  # (base values, derived values) -> truth

THRESHOLDS: dict[str, Callable[[Any, Any], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}
OPERATOR_KEYS = (*THRESHOLDS, "==", "!=", "has", "matches", "exists")


def operator_of(comparison: dict[str, Any]) -> tuple[str, Any]:
    """The one operator of a comparison in file form, and its operand."""
    (key,) = [k for k in comparison if k in OPERATOR_KEYS]
    return key, comparison[key]


def as_list(operand: Any) -> list[Any]:
    return operand if isinstance(operand, list) else [operand]


def _same(operand: Any) -> Callable[[Any], bool]:
    """Equality that never takes a bool for a number (``1 == True`` in Python), as the engine reads it."""
    if isinstance(operand, bool):
        return lambda actual: actual is operand
    return lambda actual: not isinstance(actual, bool) and actual == operand


def _leaf(
    comparison: dict[str, Any], derived: frozenset[str], features: dict[tuple[str, tuple[str, ...]], str]
) -> Closure:
    fact = comparison["fact"]
    key, operand = operator_of(comparison)
    if key == "matches":
        feature = features[(fact, tuple(as_list(operand)))]

        def matches(values: Values, known: Values) -> Truth:
            found = values.get(feature)
            return None if found is None else bool(found)

        return matches
    read_derived = fact in derived
    test: Callable[[Any], bool]
    if key in THRESHOLDS:
        compare, threshold = THRESHOLDS[key], operand
        test = lambda actual: compare(actual, threshold)  # noqa: E731
    elif key in ("==", "!="):
        equal, wanted = _same(operand), key == "=="
        test = lambda actual: equal(actual) is wanted  # noqa: E731
    elif key == "has":
        wanted_items = frozenset(as_list(operand))
        test = lambda actual: not wanted_items.isdisjoint(actual)  # noqa: E731
    else:  # exists: always decided
        present = bool(operand)
        if read_derived:
            return lambda values, known: (known.get(fact) is not None) is present
        return lambda values, known: (values.get(fact) is not None) is present

    if read_derived:

        def on_derived(values: Values, known: Values) -> Truth:
            actual = known.get(fact)
            return None if actual is None else test(actual)

        return on_derived

    def on_base(values: Values, known: Values) -> Truth:
        actual = values.get(fact)
        return None if actual is None else test(actual)

    return on_base


def _all(children: list[Closure]) -> Closure:
    def all_of(values: Values, known: Values) -> Truth:
        unknown = False
        for child in children:
            truth = child(values, known)
            if truth is False:
                return False
            if truth is None:
                unknown = True
        return None if unknown else True

    return all_of


def _any(children: list[Closure]) -> Closure:
    def any_of(values: Values, known: Values) -> Truth:
        unknown = False
        for child in children:
            truth = child(values, known)
            if truth is True:
                return True
            if truth is None:
                unknown = True
        return None if unknown else False

    return any_of


def compile_condition(
    condition: dict[str, Any], derived: frozenset[str], features: dict[tuple[str, tuple[str, ...]], str]
) -> Closure:
    """A condition in file form as one closure."""
    if "fact" in condition:
        return _leaf(condition, derived, features)
    if "not" in condition:
        inner = compile_condition(condition["not"], derived, features)

        def negated(values: Values, known: Values) -> Truth:
            truth = inner(values, known)
            return None if truth is None else not truth

        return negated
    key = "all" if "all" in condition else "any"
    children = [compile_condition(child, derived, features) for child in condition[key]]
    if len(children) == 1:
        return children[0]
    return _all(children) if key == "all" else _any(children)


def compile_units(
    units: list[Unit], features: dict[tuple[str, tuple[str, ...]], str]
) -> Callable[[Values], list[Truth]]:
    """Every unit compiled; the result decides one candidate's values into one answer per unit."""
    derived = frozenset(u.name for u in units if u.derived)
    plan = [(u.name, u.derived, compile_condition(u.condition, derived, features)) for u in units]

    def decide(values: Values) -> list[Truth]:
        known: Values = {}
        answers: list[Truth] = []
        for name, is_derived, closure in plan:
            truth = closure(values, known)
            if is_derived and truth is not None:
                known[name] = truth
            answers.append(truth)
        return answers

    return decide
