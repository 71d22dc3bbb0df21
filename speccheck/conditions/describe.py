"""Conditions in plain English, for explanations: ``qualifications include QTS or QTLS``."""

from __future__ import annotations

from speccheck.conditions.ast import AllOf, AnyOf, Comparison, Condition, Not
from speccheck.conditions.operators import OPERATORS
from speccheck.conditions.typecheck import Catalogue


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
    return _describe_leaf(condition, catalogue)


def _describe_leaf(leaf: Comparison, catalogue: Catalogue) -> str:
    """One comparison in words, naming its fact by the catalogue's label."""
    operator = OPERATORS[leaf.operator]
    if leaf.fact not in catalogue:
        return operator.describe(leaf.fact, leaf.value, None)
    spec = catalogue[leaf.fact]
    return operator.describe(spec.label, leaf.value, spec.type)
