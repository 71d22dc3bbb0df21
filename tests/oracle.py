"""A plain-Python reference evaluator of the condition language, for differential tests only.

Kleene three-valued semantics: ``True`` (holds), ``False`` (decided false),
``None`` (unknown: a fact it needs is absent). It deliberately imports nothing
from ``speccheck.conditions.compiler`` or ``speccheck.conditions.engine``: it is the independent
second opinion the engine's answers are compared with, and it lives in
``tests/`` so the product never carries a second evaluator.

* a comparison on an absent fact is ``None`` (except ``exists``);
* ``>=`` ``>`` ``<=`` ``<`` compare numbers; ``==`` / ``!=`` need the fact present;
* ``has``: ``True`` if the list holds any listed value, ``False`` if present and
  it holds none (an empty list is ``False``);
* ``exists``: always decided;
* ``matches``: whatever the ``features`` lookup says for (fact, patterns) -
  ``True``, ``False`` or ``None`` (open-world text: no match means unknown);
* ``all`` / ``any`` / ``not`` are Kleene AND / OR / NOT.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from speccheck.conditions.ast import AllOf, AnyOf, Comparison, Not

Truth = bool | None
FeatureLookup = Callable[[str, tuple[str, ...]], Truth]


def kleene_and(values: list[Truth]) -> Truth:
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None


def kleene_or(values: list[Truth]) -> Truth:
    if any(v is True for v in values):
        return True
    if all(v is False for v in values):
        return False
    return None


def kleene_not(value: Truth) -> Truth:
    return None if value is None else not value


def patterns_of(leaf: Comparison) -> tuple[str, ...]:
    """The patterns of a ``matches`` leaf (or the values of a ``has`` leaf) as a tuple."""
    value = leaf.value
    return (value,) if isinstance(value, str) else tuple(value)


def _same(a: Any, b: Any) -> bool:
    """Equality that never confuses a bool with a number (1 == True in Python)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a is b
    return bool(a == b)


def compare(leaf: Comparison, values: Mapping[str, Any], features: FeatureLookup) -> Truth:
    """One comparison, three-valued."""
    op = leaf.operator
    if op == "matches":
        return features(leaf.fact, patterns_of(leaf))
    present = leaf.fact in values and values[leaf.fact] is not None
    if op == "exists":
        return present if leaf.value else not present
    if not present:
        return None
    actual = values[leaf.fact]
    operand = leaf.value
    if op == "gte":
        return bool(actual >= operand)
    if op == "gt":
        return bool(actual > operand)
    if op == "lte":
        return bool(actual <= operand)
    if op == "lt":
        return bool(actual < operand)
    if op == "eq":
        return _same(actual, operand)
    if op == "ne":
        return not _same(actual, operand)
    if op == "has":
        wanted = patterns_of(leaf)
        return any(item in wanted for item in actual)
    raise AssertionError(f"unknown operator {op}")


def evaluate(
    condition: Any,
    values: Mapping[str, Any],
    features: Mapping[str, bool] | FeatureLookup | None = None,
    *,
    feature_names: Mapping[tuple[str, tuple[str, ...]], str] | None = None,
) -> Truth:
    """Evaluate a condition over fact values.

    ``features`` is either a function ``(fact, patterns) -> True/False/None`` or
    a dict of feature values keyed by feature name, in which case
    ``feature_names`` maps (fact, patterns) to that name; a name missing from
    the dict is unknown (``None``).
    """
    lookup: FeatureLookup
    if features is None:
        lookup = lambda fact, patterns: None  # noqa: E731
    elif callable(features):
        lookup = features
    else:
        table = dict(features)
        names = dict(feature_names or {})

        def lookup(fact: str, patterns: tuple[str, ...]) -> Truth:
            name = names.get((fact, patterns))
            return table.get(name) if name is not None else None

    return _evaluate(condition, values, lookup)


def _evaluate(condition: Any, values: Mapping[str, Any], lookup: FeatureLookup) -> Truth:
    if isinstance(condition, Comparison):
        return compare(condition, values, lookup)
    if isinstance(condition, AllOf):
        return kleene_and([_evaluate(child, values, lookup) for child in condition.all])
    if isinstance(condition, AnyOf):
        return kleene_or([_evaluate(child, values, lookup) for child in condition.any])
    if isinstance(condition, Not):
        return kleene_not(_evaluate(condition.not_, values, lookup))
    raise AssertionError(f"not a condition: {condition!r}")
