"""Text features: the first match of each, and what no match means in an open and a closed world."""

from __future__ import annotations

from speccheck.evaluate.features import feature_values
from speccheck.evaluate.plans import CompiledRole
from speccheck.facts.values import Facts, TextItem


def test_a_match_is_true_with_where_it_was_found(compiled: CompiledRole) -> None:
    (feature,) = compiled.program.features
    item = TextItem("I COACH new staff.", ("personal_statement",))
    facts = Facts(texts={feature.fact: [TextItem("nothing here", ("x",)), item]})
    values, hits = feature_values(compiled.program, facts, closed_world=False)
    assert values == {feature.name: True}
    assert hits == {feature.name: (item, "COACH")}


def test_no_match_is_absent_in_an_open_world_and_false_in_a_closed_one(compiled: CompiledRole) -> None:
    (feature,) = compiled.program.features
    facts = Facts(texts={feature.fact: [TextItem("nothing here", ("x",))]})
    assert feature_values(compiled.program, facts, closed_world=False) == ({}, {})
    assert feature_values(compiled.program, facts, closed_world=True) == ({feature.name: False}, {})
    assert feature_values(compiled.program, Facts(), closed_world=True) == ({}, {})  # no text: nothing decided
