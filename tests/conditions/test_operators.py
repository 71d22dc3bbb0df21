"""The operator registry: the model's fields, and each operator's pattern, words and reference behaviour."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from speccheck.conditions.ast import Comparison
from speccheck.conditions.operators import OPERATORS, Operand, items, readable, same


def test_the_models_operator_fields_are_the_registry() -> None:
    """Comparison keeps explicit fields; they must be the registry's operators, in order, with its symbols."""
    fields = {name: info for name, info in Comparison.model_fields.items() if name != "fact"}
    assert list(fields) == list(OPERATORS)
    for name, info in fields.items():
        assert (info.alias or name) == OPERATORS[name].symbol
        assert OPERATORS[name].name == name


def test_a_comparison_names_the_symbols_when_the_operator_count_is_wrong() -> None:
    with pytest.raises(ValidationError) as caught:
        Comparison.model_validate({"fact": "n", ">=": 1, "has": "x"})
    message = str(caught.value)
    assert "exactly one operator of >=, >, <=, <, ==, !=, has, matches, exists; found >=, has" in message


@pytest.mark.parametrize(
    ("name", "operand", "negated", "pattern"),
    [
        ("gte", 5.0, False, {"$gte": {"f": 5}}),
        ("gte", 2.5, True, {"$lt": {"f": 2.5}}),
        ("gt", 5.0, False, {"$gt": {"f": 5}}),
        ("gt", 5.0, True, {"$lte": {"f": 5}}),
        ("lte", -1.5, False, {"$lte": {"f": -1.5}}),
        ("lte", 0.0, True, {"$gt": {"f": 0}}),
        ("lt", 10.0, False, {"$lt": {"f": 10}}),
        ("lt", 10.0, True, {"$gte": {"f": 10}}),
        ("eq", "yes", False, {"f": "yes"}),
        ("eq", True, True, {"$neq": {"f": True}}),
        ("ne", 5, False, {"$neq": {"f": 5}}),
        ("ne", 5, True, {"f": 5}),
        ("has", "QTS", False, {"$iany": {"f": {"$i": "QTS"}}}),
        ("has", ["QTS", "QTLS"], False, {"$iany": {"f": {"$or": [{"$i": "QTS"}, {"$i": "QTLS"}]}}}),
        ("has", ["QTS"], True, {"$iall": {"f": {"$neq": {"$i": "QTS"}}}}),
        ("has", ["QTS", "QTLS"], True, {"$iall": {"f": {"$and": [{"$neq": {"$i": "QTS"}}, {"$neq": {"$i": "QTLS"}}]}}}),
        ("matches", "agile", False, {"f": True}),
        ("matches", ["agile", "scrum"], True, {"f": False}),
        ("exists", True, False, {"$ex": {"f": 1}}),
        ("exists", True, True, {"$nex": {"f": 1}}),
        ("exists", False, False, {"$nex": {"f": 1}}),
        ("exists", False, True, {"$ex": {"f": 1}}),
    ],
)
def test_compile(name: str, operand: Operand, negated: bool, pattern: dict[str, Any]) -> None:
    compiled = OPERATORS[name].compile("f", operand, negated)
    assert compiled == pattern
    assert repr(compiled) == repr(pattern)  # 5, never 5.0: the rulesets are hashed and compared as text


@pytest.mark.parametrize(
    ("name", "operand", "fact_type", "words"),
    [
        ("gte", 5.0, "number", "years at least 5"),
        ("gt", 2.5, "number", "years more than 2.5"),
        ("lte", 3.0, "number", "years at most 3"),
        ("lt", 0.5, "number", "years less than 0.5"),
        ("eq", True, "bool", "years"),
        ("eq", False, "bool", "not years"),
        ("ne", True, "bool", "not years"),
        ("ne", False, "bool", "years"),
        ("eq", True, None, "years is True"),
        ("eq", 4.0, "number", "years is 4"),
        ("ne", "yes", "string", "years is not yes"),
        ("has", ["QTS", "QTLS", "EYTS"], "list", "years include QTS, QTLS or EYTS"),
        ("has", "QTS", "list", "years include QTS"),
        (
            "matches",
            [r"\bwhole[- ]school\b", "(?:agile|scrum)"],
            "text",
            "years mention “whole school” or “(agile|scrum)”",
        ),
        ("exists", True, None, "years given"),
        ("exists", False, "text", "years not given"),
    ],
)
def test_describe(name: str, operand: Operand, fact_type: Any, words: str) -> None:
    assert OPERATORS[name].describe("years", operand, fact_type) == words


@pytest.mark.parametrize(
    ("name", "actual", "operand", "truth"),
    [
        ("gte", 5, 5.0, True),
        ("gte", 4.9, 5.0, False),
        ("gte", None, 5.0, None),
        ("gt", 5, 5.0, False),
        ("lte", 5, 5.0, True),
        ("lt", 5, 5.0, False),
        ("lt", None, 5.0, None),
        ("eq", 1, True, False),  # never 1 == True
        ("eq", True, True, True),
        ("eq", 5.0, 5, True),
        ("eq", None, "yes", None),
        ("ne", 1, True, True),
        ("ne", "yes", "yes", False),
        ("ne", None, "yes", None),
        ("has", ["QTS", "NPQH"], ["QTLS", "NPQH"], True),
        ("has", ["QTS"], "QTLS", False),
        ("has", [], "QTS", False),
        ("has", None, "QTS", None),
        ("matches", True, "agile", True),
        ("matches", False, "agile", False),
        ("matches", None, "agile", None),
        ("exists", "x", True, True),
        ("exists", None, True, False),
        ("exists", None, False, True),
        ("exists", 0, False, False),
    ],
)
def test_reference(name: str, actual: Any, operand: Operand, truth: bool | None) -> None:
    assert OPERATORS[name].reference(actual, operand) is truth


@pytest.mark.parametrize(
    ("name", "operand", "required"),
    [
        ("gte", 1.0, "number"),
        ("eq", True, "bool"),
        ("eq", 1, "number"),
        ("ne", "1", "string"),
        ("has", "x", "list"),
        ("matches", "x", "text"),
        ("exists", True, None),
    ],
)
def test_required_type(name: str, operand: Operand, required: str | None) -> None:
    assert OPERATORS[name].required_type(operand) == required


def test_size_counts_the_engine_comparisons() -> None:
    assert OPERATORS["has"].size(["a", "b", "c"]) == 3
    assert OPERATORS["has"].size("a") == 1
    assert OPERATORS["matches"].size(["a", "b", "c"]) == 1  # one feature, decided in Python
    assert OPERATORS["gte"].size(3.0) == 1


def test_only_matches_is_decided_in_python() -> None:
    assert [name for name, operator in OPERATORS.items() if operator.in_python] == ["matches"]


def test_items_and_same() -> None:
    assert items("a") == ["a"] and items(["a", "b"]) == ["a", "b"]
    with pytest.raises(TypeError):
        items(5)
    assert same(5, 5.0) and not same(1, True) and not same(False, 0) and same(False, False)


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [
        (r"\bNPQH\b", "NPQH"),
        (r"whole[- ]school", "whole school"),
        (r"lead\s+(?:er|ing)", "lead (er|ing)"),
        ("plain", "plain"),
    ],
)
def test_readable(pattern: str, shown: str) -> None:
    assert readable(pattern) == shown
