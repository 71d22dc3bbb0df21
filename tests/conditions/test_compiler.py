"""The compiler: conditions to durable_rules rulesets as plain data, with no engine involved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from speccheck.conditions.ast import Condition
from speccheck.conditions.compiler import (
    ANCHOR,
    ANCHOR_RULE,
    MAX_LEAVES_PER_SHARD,
    Program,
    Unit,
    compile_program,
    find_cycle,
    strata,
)
from speccheck.core.errors import EngineLimitError
from speccheck.evaluate.plans import compile_role
from speccheck.files.loader import load_file
from speccheck.library.loading import RuleLibrary

ROOT = Path(__file__).resolve().parents[2]
CONDITION = TypeAdapter(Condition)


def cond(data: dict[str, Any]) -> Condition:
    return CONDITION.validate_python(data)


def unit(name: str, data: dict[str, Any], **extra: Any) -> Unit:
    return Unit(name=name, condition=cond(data), origin=f"o {name}", **extra)


def test_a_criterion_compiles_to_met_and_decided_false_rules() -> None:
    program = compile_program(
        [unit("E1", {"all": [{"fact": "n", ">=": 5}, {"not": {"fact": "q", "has": ["QTS", "QTLS"]}}]})], []
    )
    (ruleset,) = program.criteria
    assert ruleset.rules == {
        ANCHOR_RULE: ANCHOR,
        "C:E1": {
            "all": [
                {
                    "m": {
                        "$and": [
                            {"t": "cand"},
                            {
                                "$and": [
                                    {"$gte": {"n": 5}},
                                    {"$iall": {"q": {"$and": [{"$neq": {"$i": "QTS"}}, {"$neq": {"$i": "QTLS"}}]}}},
                                ]
                            },
                        ]
                    }
                }
            ]
        },
        "N:E1": {
            "all": [
                {
                    "m": {
                        "$and": [
                            {"t": "cand"},
                            {"$or": [{"$lt": {"n": 5}}, {"$iany": {"q": {"$or": [{"$i": "QTS"}, {"$i": "QTLS"}]}}}]},
                        ]
                    }
                }
            ]
        },
    }
    assert ruleset.properties == {"n", "q"}
    assert ruleset.leaf_count == 2 * 3 + 1  # three engine comparisons in each rule, plus the anchor
    assert ruleset.origins == {"C:E1": "o E1", "N:E1": "o E1"}


def test_not_equal_compiles_to_neq() -> None:
    """The != above really reaches the engine as $neq (and its negation as equality)."""
    program = compile_program([Unit(name="X", condition=cond({"fact": "n", "!=": 5}), origin="t")], [])
    rules = json.dumps(program.criteria[0].rules)
    assert '"$neq": {"n": 5}' in rules
    assert '{"n": 5}' in rules


def test_without_decide_false_only_met_rules_on_each_units_fact_type() -> None:
    """The audit's form: check rules fire only when they hold, each on facts of its own scope."""
    program = compile_program(
        [unit("R1", {"fact": "n", "<": 1}, fact_type="criterion"), unit("R2", {"fact": "n", ">": 1})],
        [],
        fact_type="role",
        decide_false=False,
    )
    criterion, role = program.criteria
    assert sorted(criterion.rules) == [ANCHOR_RULE, "C:R1"] and criterion.fact_types == {"criterion"}
    assert sorted(role.rules) == [ANCHOR_RULE, "C:R2"] and role.fact_types == {"role"}
    assert criterion.rules["C:R1"]["all"][0]["m"]["$and"][0] == {"t": "criterion"}
    assert role.rules["C:R2"]["all"][0]["m"]["$and"][0] == {"t": "role"}
    assert [r.name for r in program.criteria] == [f"sc_{program.key}_c0", f"sc_{program.key}_c1"]


def test_text_tests_become_features_shared_by_fact_and_patterns() -> None:
    program = compile_program(
        [
            unit("A", {"fact": "s", "matches": ["agile", "scrum"]}),
            unit("B", {"not": {"fact": "s", "matches": ["agile", "scrum"]}}),
            unit("C", {"fact": "u", "matches": "agile"}),
        ],
        [],
    )
    assert [(f.name, f.fact, f.patterns) for f in program.features] == [
        ("_x0", "s", ("agile", "scrum")),
        ("_x1", "u", ("agile",)),
    ]
    (ruleset,) = program.criteria
    assert ruleset.properties == {"_x0", "_x1"}
    assert ruleset.rules["C:B"]["all"][0]["m"]["$and"][1] == {"_x0": False}


def test_the_key_is_the_compiled_content() -> None:
    first = compile_program([unit("E1", {"fact": "n", ">=": 5})], [])
    assert compile_program([unit("E1", {"fact": "n", ">=": 5.0})], []).key == first.key
    assert compile_program([unit("E1", {"fact": "n", ">=": 6})], []).key != first.key


def test_derivations_are_stratified_by_what_they_read() -> None:
    units = [
        unit("d3", {"all": [{"fact": "d2", "==": True}, {"fact": "d1", "exists": True}]}),
        unit("d1", {"fact": "n", ">=": 1}),
        unit("d2", {"fact": "d1", "==": True}),
        unit("e", {"fact": "n", "<": 0}),
    ]
    assert [[u.name for u in group] for group in strata(units)] == [["d1", "e"], ["d2"], ["d3"]]
    program = compile_program([], units)
    assert [len(stratum) for stratum in program.strata] == [1, 1, 1]
    assert sorted(program.strata[0][0].rules) == [ANCHOR_RULE, "C:d1", "C:e", "N:d1", "N:e"]


def test_a_cycle_among_derived_facts_is_refused() -> None:
    units = [
        unit("a", {"fact": "b", "==": True}),
        unit("b", {"any": [{"fact": "c", "==": True}, {"fact": "n", ">": 1}]}),
        unit("c", {"fact": "a", "==": False}),
    ]
    assert find_cycle(units) == ["a", "b", "c", "a"]
    assert find_cycle(units[1:]) is None
    with pytest.raises(EngineLimitError, match="a -> b -> c -> a"):
        compile_program([], units)


@pytest.mark.parametrize(
    "data",
    [
        {"any": [{"fact": "years_teaching", ">=": i} for i in range(MAX_LEAVES_PER_SHARD // 2 + 1)]},
        {"fact": "qualifications", "has": [f"Q{i}" for i in range(MAX_LEAVES_PER_SHARD // 2 + 1)]},
    ],
)
def test_a_condition_over_the_budget_names_its_origin(data: dict[str, Any]) -> None:
    unit = Unit(name="E1", condition=cond(data), origin="roles/big.yaml criterion E1")
    with pytest.raises(EngineLimitError) as caught:
        compile_program([unit], [])
    assert caught.value.where == "roles/big.yaml criterion E1"
    assert str(MAX_LEAVES_PER_SHARD // 2 + 1) in caught.value.message


# --------------------------------------------------------------------------- no regexes in the engine


def _programs(library: RuleLibrary) -> list[Program]:
    programs = [compile_program([], [Unit(name=d.derives, condition=d.when, origin=d.id) for d in library.derivations])]
    for path in sorted((ROOT / "samples" / "roles").glob("*.yaml")):
        loaded = load_file(path)
        compiled, _ = compile_role(loaded, library)
        assert compiled is not None
        programs.append(compiled.program)
    patterns = ["whole[- ]school", r"\bNPQH\b", ".*(agile|scrum).*", "^head", "a.*b.*c", "(?i)x"]
    programs.append(
        compile_program(
            [
                Unit(name=f"M{i}", condition=cond({"fact": "personal_statement", "matches": p}), origin="o")
                for i, p in enumerate(patterns)
            ]
            + [
                Unit(
                    name="MM",
                    condition=cond({"not": {"any": [{"fact": "evidence_text", "matches": patterns}]}}),
                    origin="o",
                )
            ],
            [],
        )
    )
    return programs


def test_no_program_hands_a_regex_to_the_engine(library: RuleLibrary) -> None:
    programs = _programs(library)
    assert any(program.features for program in programs)
    for program in programs:
        for ruleset in [*(r for stratum in program.strata for r in stratum), *program.criteria]:
            body = json.dumps(ruleset.rules)
            assert "$mt" not in body and "$imt" not in body, ruleset.name
