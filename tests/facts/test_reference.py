"""The facts reference is generated from the registry (drift test), and its operator table is the type-checker's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from speccheck.conditions.ast import Comparison
from speccheck.conditions.operators import OPERATORS, FactType
from speccheck.conditions.typecheck import Catalogue, FactSpec, check
from speccheck.facts.reference import OPERATORS_BY_TYPE, facts_reference
from speccheck.facts.scopes import all_scopes
from speccheck.library.loading import RuleLibrary
from tests.golden_files import assert_golden

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "facts.md"


def test_the_facts_reference_is_generated(library: RuleLibrary, update_goldens: bool) -> None:
    expected = facts_reference(all_scopes(library.vocabulary, library.derivations))
    assert_golden("facts.md", expected, update=update_goldens, folder=REFERENCE.parent)


def test_the_reference_lists_every_fact_of_every_scope(library: RuleLibrary) -> None:
    text = facts_reference(all_scopes(library.vocabulary, library.derivations))
    for scope in all_scopes(library.vocabulary, library.derivations):
        assert f"\n## {scope.name}\n" in text
        for fact in scope.facts:
            assert f"| `{fact.name}` | {fact.type} |" in text, (scope.name, fact.name)
    assert "| `has_qts` | bool |" in text  # derived facts too
    assert "| `responsibilities_as_headteacher` | text |" in text  # one per kind of post


_OPERAND: dict[FactType, Any] = {"number": 1, "bool": True, "string": "x", "list": "x", "text": "x"}


def _operand(operator: str, fact_type: FactType) -> Any:
    if operator in ("gte", "gt", "lte", "lt"):
        return 1
    if operator in ("has", "matches"):
        return "x"
    if operator == "exists":
        return True
    return _OPERAND[fact_type]  # == and != compare with a value of the fact's own type


@pytest.mark.parametrize("fact_type", sorted(OPERATORS_BY_TYPE))
def test_the_operator_table_is_what_the_type_checker_accepts(fact_type: FactType) -> None:
    catalogue = Catalogue("sample", [FactSpec("fact", fact_type, "the fact")])
    accepted = []
    for operator, symbol in ((name, op.symbol) for name, op in OPERATORS.items()):
        condition = Comparison.model_validate({"fact": "fact", symbol: _operand(operator, fact_type)})
        if not check(condition, catalogue):
            accepted.append(symbol)
    assert sorted(accepted) == sorted(OPERATORS_BY_TYPE[fact_type])
