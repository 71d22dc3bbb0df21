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


def test_nesting_past_the_limit_is_refused_at_load_time_with_a_position() -> None:
    """Issue 13: 15 nested groups passed lint and audit, then failed at evaluate time with no position."""
    from speccheck.conditions.ast import MAX_DEPTH
    from speccheck.files.loader import load_text

    condition = '{fact: has_qts, "==": true}'
    for _ in range(MAX_DEPTH + 1):
        condition = "{all: [" + condition + "]}"
    role = (
        "kind: role\nversion: 1\ntitle: T\npost_type: teacher\nissued: 2025-01-01\ncriteria:\n"
        f"  - {{id: E1, text: QTS, level: essential, category: qualifications, assessed_by: [certificate], condition: {condition}}}\n"
    )
    loaded = load_text(role, "role.yaml")
    assert loaded.model is None
    assert [(f.rule_id, f.position.line if f.position else 0) for f in loaded.findings] == [("schema", 7)]
    assert f"nested more than {MAX_DEPTH} deep" in loaded.findings[0].message
