"""A plain-Python reference evaluator of the condition language, for differential tests only.

Kleene three-valued semantics: ``True`` (holds), ``False`` (decided false),
``None`` (unknown: a fact it needs is absent). Each comparison means what its
operator's ``reference`` in ``speccheck.conditions.operators`` says, a plain
function over the fact's value written apart from the operator's compiled
pattern; this module adds the Kleene ``all`` / ``any`` / ``not``. It imports
nothing from ``speccheck.conditions.compiler`` or ``speccheck.conditions.engine``:
it is the independent second opinion the engine's answers are compared with,
and it lives in ``tests/`` so the product never carries a second evaluator.

* a comparison on an absent fact is ``None`` (except ``exists``, always decided);
* ``matches`` is decided in Python: its value is whatever the ``features``
  lookup says for (fact, patterns) - ``True``, ``False`` or ``None``
  (open-world text: no match means unknown);
* ``all`` / ``any`` / ``not`` are Kleene AND / OR / NOT.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from speccheck.conditions.ast import AllOf, AnyOf, Comparison, Condition, Not
from speccheck.conditions.operators import OPERATORS, Truth

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


def compare(leaf: Comparison, values: Mapping[str, Any], features: FeatureLookup) -> Truth:
    """One comparison, three-valued, by its operator's reference behaviour."""
    operator = OPERATORS[leaf.operator]
    if operator.in_python:
        return operator.reference(features(leaf.fact, tuple(leaf.values())), leaf.value)
    return operator.reference(values.get(leaf.fact), leaf.value)


def evaluate(
    condition: Condition,
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


def _evaluate(condition: Condition, values: Mapping[str, Any], lookup: FeatureLookup) -> Truth:
    if isinstance(condition, Comparison):
        return compare(condition, values, lookup)
    if isinstance(condition, AllOf):
        return kleene_and([_evaluate(child, values, lookup) for child in condition.all])
    if isinstance(condition, AnyOf):
        return kleene_or([_evaluate(child, values, lookup) for child in condition.any])
    if isinstance(condition, Not):
        return kleene_not(_evaluate(condition.not_, values, lookup))
    raise AssertionError(f"not a condition: {condition!r}")
