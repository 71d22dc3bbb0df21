"""The condition AST: walks over conditions, and the checks the models make on their own."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from speccheck.conditions.ast import Comparison, Condition, facts_used, leaves

CONDITION = TypeAdapter(Condition)


def cond(data: dict[str, Any]) -> Condition:
    return CONDITION.validate_python(data)


def test_leaves_give_each_comparison_with_its_place() -> None:
    condition = cond(
        {"all": [{"fact": "a", ">=": 1}, {"not": {"any": [{"fact": "b", "has": "x"}, {"fact": "a", "exists": True}]}}]}
    )
    assert [(leaf.fact, leaf.operator, loc) for leaf, loc in leaves(condition)] == [
        ("a", "gte", ("all", 0)),
        ("b", "has", ("all", 1, "not", "any", 0)),
        ("a", "exists", ("all", 1, "not", "any", 1)),
    ]
    assert facts_used(condition) == ["a", "b"]


def test_a_comparison_gives_its_operator_and_operand() -> None:
    leaf = cond({"fact": "q", "has": "QTS"})
    assert isinstance(leaf, Comparison)
    assert (leaf.operator, leaf.value, leaf.values()) == ("has", "QTS", ["QTS"])


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"fact": "n", ">=": 1e12}, "numbers must be between"),
        ({"fact": "n", "==": 0.12345}, "at most 4 decimal places"),
        ({"fact": "q", "has": []}, "at least one value"),
        ({"fact": "q", "has": ["QTS", ""]}, "must not be empty text"),
        ({"fact": "s", "matches": "("}, "not a valid regular expression"),
        ({"fact": "s", "matches": "x" * 201}, "longer than 200"),
        ({"fact": "Bad"}, "should match pattern"),
        ({"fact": "n"}, "found none"),
        ({"fakt": "n", ">=": 1}, "a condition needs one of the keys all, any, not or fact"),
    ],
)
def test_the_models_refuse_what_the_engine_could_not_take(data: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        cond(data)
