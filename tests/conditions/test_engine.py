"""durable_rules' hard edges: each one guarded with a clean error, and each guard tested.

See shared/durable_rules.md §4 for the measured limits: more than 512 rules per
ruleset hangs create_ruleset, more than 64 alpha matches per fact is error 303,
more than 252 properties per fact is error 302, 1,024 live sessions per
ruleset is a MemoryError (test_engine_sessions.py), values compare loosely
across types (test_typecheck.py: no mismatch reaches the engine), and the
engine's regex dialect gives wrong answers (test_compiler.py: no regex reaches it).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import durable_rules_engine as dre
import pytest
from pydantic import TypeAdapter, ValidationError

from speccheck.conditions.ast import Condition
from speccheck.conditions.compiler import (
    MAX_LEAVES_PER_SHARD,
    MAX_PROPERTIES_PER_FACT,
    MAX_RULES_PER_RULESET,
    Program,
    RulesetDef,
    Unit,
    compile_program,
)
from speccheck.conditions.engine import Engine, EngineError
from speccheck.core.errors import EngineLimitError, SpeccheckError
from speccheck.evaluate.plans import CompiledRole, compile_role
from speccheck.files.loader import load_text
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary

ROOT = Path(__file__).resolve().parents[2]
CONDITION = TypeAdapter(Condition)


def cond(data: dict[str, Any]) -> Condition:
    return CONDITION.validate_python(data)


def role_yaml(*criteria: str) -> str:
    """A role file whose criteria are given as YAML flow mappings, one per line."""
    head = "kind: role\nversion: 1\ntitle: Deputy Headteacher\npost_type: deputy_headteacher\ncriteria:\n"
    return head + "".join(f"  - {c}\n" for c in criteria)


def criterion(cid: str, condition: str) -> str:
    return f"{{id: {cid}, text: {cid}, level: essential, category: other, assessed_by: [application], condition: {condition}}}"


def program_with(*rulesets: RulesetDef) -> Program:
    """A program holding exactly these criterion rulesets (built from a compiled empty program)."""
    empty = compile_program([], [])
    return dataclasses.replace(empty, key="test-" + "-".join(r.name for r in rulesets), criteria=tuple(rulesets))


def rulesets_of(engine: Engine) -> list[Any]:
    """Every loaded ruleset of an engine (derivation strata and criteria); never empty for a loaded program."""
    found: list[Any] = [*engine._criteria, *(ruleset for stratum in engine._strata for ruleset in stratum)]
    assert found, "the engine holds no ruleset: every program has at least one"
    return found


# --------------------------------------------------------------------------- (a) != loaded from data (issue #406)

NEQ_ROLE = role_yaml(
    criterion("B", '{fact: set_membership, "!=": true}'),
    criterion("N", '{fact: years_teaching, "!=": 5}'),
    criterion("S", '{fact: qts_status, "!=": "yes"}'),
)


@pytest.fixture(scope="module")
def neq_role(library: RuleLibrary) -> CompiledRole:
    loaded = load_text(NEQ_ROLE, "neq.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    compiled, findings = compile_role(loaded, library)
    assert compiled is not None, findings
    return compiled


@pytest.mark.parametrize(
    ("cid", "values", "expected"),
    [
        ("B", {"set_membership": False}, True),
        ("B", {"set_membership": True}, False),
        ("B", {}, None),
        ("N", {"years_teaching": 4.9}, True),
        ("N", {"years_teaching": 0}, True),
        ("N", {"years_teaching": 5}, False),
        ("N", {"years_teaching": 5.0}, False),
        ("N", {}, None),
        ("S", {"qts_status": "no"}, True),
        ("S", {"qts_status": ""}, True),
        ("S", {"qts_status": "yes"}, False),
        ("S", {}, None),
    ],
)
def test_not_equal_from_yaml_fires_both_ways(
    neq_role: CompiledRole, cid: str, values: dict[str, Any], expected: bool | None
) -> None:
    """Regression for jruizgit/rules#406 ("$neq" rules loaded from data never fired)."""
    outcome = neq_role.engine.run(values)
    assert ("C:" + cid in outcome.fired) == (expected is True)
    assert ("N:" + cid in outcome.fired) == (expected is False)
    assert outcome.met(cid) is expected


# --------------------------------------------------------------------------- (b) rules per ruleset


def trivial_rules(count: int) -> dict[str, Any]:
    return {f"C:r{i}": {"all": [{"m": {"$and": [{"t": "cand"}, {"$gte": {"n": i}}]}}]} for i in range(count)}


def test_too_many_rules_is_refused_before_create_ruleset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above 512 rules create_ruleset never returns: the guard must fire first."""

    def hang(*args: Any) -> Any:
        raise AssertionError("create_ruleset called for an oversized ruleset (it would hang)")

    monkeypatch.setattr(dre, "create_ruleset", hang)
    big = RulesetDef(name="big", rules=trivial_rules(600), properties=frozenset({"n"}), leaf_count=600)
    with pytest.raises(EngineLimitError) as caught:
        Engine(program_with(big))
    assert "600 rules" in caught.value.message
    assert caught.value.where == "big"


def test_a_failed_engine_frees_the_rulesets_it_created(monkeypatch: pytest.MonkeyPatch) -> None:
    created: list[int] = []
    deleted: list[int] = []
    real_create, real_delete = dre.create_ruleset, dre.delete_ruleset

    def create(name: str, body: str) -> int:
        handle: int = real_create(name, body)
        created.append(handle)
        return handle

    def delete(handle: int) -> Any:
        deleted.append(handle)
        return real_delete(handle)

    monkeypatch.setattr(dre, "create_ruleset", create)
    monkeypatch.setattr(dre, "delete_ruleset", delete)
    ok = RulesetDef(name="ok", rules=trivial_rules(3), properties=frozenset({"n"}), leaf_count=3)
    big = RulesetDef(
        name="big", rules=trivial_rules(MAX_RULES_PER_RULESET + 1), properties=frozenset({"n"}), leaf_count=0
    )
    with pytest.raises(EngineLimitError):
        Engine(program_with(ok, big))
    assert len(created) == 1
    assert deleted == created


def test_the_rule_limit_itself_loads() -> None:
    at_limit = RulesetDef(
        name="edge", rules=trivial_rules(MAX_RULES_PER_RULESET), properties=frozenset({"n"}), leaf_count=0
    )
    engine = Engine(program_with(at_limit))
    try:
        # n = 2 matches r0..r2 only: well under the 64-match limit.
        assert engine.run({"n": 2}).fired == {"C:r0", "C:r1", "C:r2"}
    finally:
        engine.close()


# --------------------------------------------------------------------------- (c) sharding under the 64-match limit

FACTS = ["years_teaching", "years_leadership", "years_senior_leadership", "key_stage_count", "phase_count"]


def eighty_units() -> list[Unit]:
    return [
        Unit(name=f"K{i:02d}", condition=cond({"fact": FACTS[i % 5], ">=": i}), origin=f"role.yaml criterion K{i:02d}")
        for i in range(80)
    ]


def test_eighty_criteria_are_sharded_and_all_decided() -> None:
    program = compile_program(eighty_units(), [])
    assert len(program.criteria) >= 2
    for ruleset in program.criteria:
        assert ruleset.leaf_count <= MAX_LEAVES_PER_SHARD + 1  # the comparisons, plus the anchor rule
        assert ruleset.leaf_count < 64
        assert len(ruleset.rules) <= MAX_RULES_PER_RULESET
    names = [name for r in program.criteria for name in r.rules if name[:2] in ("C:", "N:")]
    assert len(names) == 160 and len(set(names)) == 160
    engine = Engine(program)
    try:
        strong = engine.run({fact: 100 for fact in FACTS})
        weak = engine.run({fact: -1 for fact in FACTS})
        unknown = engine.run({})
        for unit in eighty_units():
            assert strong.met(unit.name) is True
            assert weak.met(unit.name) is False
            assert unknown.met(unit.name) is None
    finally:
        engine.close()


UNSHARDED_303 = """
import dataclasses
from pydantic import TypeAdapter
from speccheck.conditions.compiler import RulesetDef, Unit, compile_program
from speccheck.conditions.engine import Engine
from speccheck.core.errors import EngineLimitError
from speccheck.conditions.ast import Condition

facts = {facts!r}
units = [
    Unit(name=f"K{{i:02d}}", condition=TypeAdapter(Condition).validate_python({{"fact": facts[i % 5], ">=": i}}), origin="o")
    for i in range(80)
]
sharded = compile_program(units, [])
rules = {{}}
for ruleset in sharded.criteria:
    rules.update(ruleset.rules)
whole = RulesetDef(name="whole", rules=rules, properties=frozenset(facts), leaf_count=999)
program = dataclasses.replace(compile_program([], []), key="whole", criteria=(whole,))
for attempt in range(3):
    engine = Engine(program)
    try:
        engine.run({{fact: 100 for fact in facts}})
        print("no error", flush=True)
    except EngineLimitError as exc:
        assert "64" in exc.message
        print("clean", flush=True)
    finally:
        engine.close()
"""


def test_one_unsharded_ruleset_would_hit_error_303_and_says_so_cleanly() -> None:
    """Why sharding exists: the same 80 criteria in one ruleset overflow the engine for a strong candidate.

    Run in a child process, because the failure mode is a crash of the interpreter.
    """
    child = subprocess.run(
        [sys.executable, "-c", UNSHARDED_303.format(facts=FACTS)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert child.returncode == 0, f"child died ({child.returncode}): {child.stderr[-500:]}"
    assert child.stdout.split() == ["clean"] * 3


def test_a_condition_at_the_budget_runs() -> None:
    size = MAX_LEAVES_PER_SHARD // 2
    unit = Unit(name="E1", condition=cond({"all": [{"fact": f"f{i}", ">=": 1} for i in range(size)]}), origin="o")
    engine = Engine(compile_program([unit], []))
    try:
        assert engine.run({f"f{i}": 2 for i in range(size)}).met("E1") is True
        assert engine.run({f"f{i}": 0 for i in range(size)}).met("E1") is False
        assert engine.run({f"f{i}": i % 3 for i in range(size)}).met("E1") is False
    finally:
        engine.close()


@pytest.mark.parametrize(
    "condition",
    [
        # 7 comparisons of 2 values each: 14 of the 30 the compiler allows.
        "{all: ["
        + ", ".join(
            f"{{fact: {f}, has: [{a}, {b}]}}"
            for f, a, b in [
                ("qualifications", "QTS", "QTLS"),
                ("qualifications", "NPQH", "NPQSL"),
                ("key_stages", "ks1", "ks2"),
                ("key_stages", "ks3", "ks4"),
                ("phases", "primary", "secondary"),
                ("role_kinds", "teacher", "middle_leader"),
                ("qualifications_in_progress", "NPQH", "NPQSL"),
            ]
        )
        + "]}",
        # 14 single-value comparisons.
        "{any: [" + ", ".join(f"{{fact: key_stages, has: v{i}}}" for i in range(14)) + "]}",
    ],
    ids=["seven-pairs", "fourteen-singles"],
)
def test_many_list_comparisons_fail_cleanly(library: RuleLibrary, condition: str) -> None:
    loaded = load_text(role_yaml(criterion("E1", condition)), "role.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    compiled, findings = compile_role(loaded, library)
    if compiled is None:  # refused at compile time, naming the criterion: fine
        assert findings and findings[0].rule_id == "engine-limit" and findings[0].position is not None
        return
    engine = Engine(compiled.program)  # or it must load and run
    try:
        engine.run({"key_stages": ["ks1"], "key_stages__n": 1})
    finally:
        engine.close()


# --------------------------------------------------------------------------- (d) properties per fact


def wide(count: int) -> RulesetDef:
    return RulesetDef(
        name=f"wide{count}",
        rules={"C:any": {"all": [{"m": {"$and": [{"t": "cand"}, {"$ex": {"p0": 1}}]}}]}},
        properties=frozenset(f"p{i}" for i in range(count)),
        leaf_count=1,
    )


def test_a_fact_over_the_property_limit_is_refused_cleanly() -> None:
    engine = Engine(program_with(wide(300)))
    try:
        with pytest.raises(EngineLimitError) as caught:
            engine.run({f"p{i}": i for i in range(300)})
        assert "252" in caught.value.message or str(MAX_PROPERTIES_PER_FACT) in caught.value.message
        assert not isinstance(caught.value, EngineError)
        assert all(r.live == 0 for r in rulesets_of(engine))
    finally:
        engine.close()


def test_a_fact_under_the_property_limit_is_asserted() -> None:
    count = MAX_PROPERTIES_PER_FACT - 1  # plus the fact type t
    engine = Engine(program_with(wide(count)))
    try:
        assert engine.run({f"p{i}": i for i in range(count)}).fired == {"C:any"}
    finally:
        engine.close()


def test_the_c_limit_is_real() -> None:
    """Without the guard: error 302 from the C extension (what users must never see)."""
    handle = dre.create_ruleset("sc_test_302", json.dumps({"C:x": {"all": [{"m": {"$ex": {"t": 1}}}]}}))
    try:
        fact = {"sid": "s", "t": "cand", **{f"p{i}": i for i in range(300)}}
        with pytest.raises(dre.error, match="302"):
            dre.assert_fact(handle, json.dumps(fact))
    finally:
        dre.delete_ruleset(handle)


# --------------------------------------------------------------------------- further edges found while testing


def test_an_unparseable_value_gives_a_clean_error() -> None:
    engine = Engine(compile_program([Unit(name="X", condition=cond({"fact": "n", ">=": 1}), origin="o")], []))
    try:
        with pytest.raises(SpeccheckError):
            engine.run({"n": 1e16})
    finally:
        engine.close()


@pytest.mark.parametrize("name", ["t", "sid", "id", "ref"])
def test_a_fact_may_not_take_a_name_the_adapter_uses(name: str) -> None:
    """A derived fact named "t" gave wrong verdicts and "sid" a raw error 309: such names are refused."""
    with pytest.raises(ValidationError, match="reserved"):
        cond({"fact": name, "==": True})
    rule = load_text(
        "kind: rule\nversion: 1\ntype: derivation\nid: r\ntitle: t\n"
        f"derives: {name}\nlabel: l\nwhen: {{fact: years_teaching, '>=': 1}}\nrationale: r\nexamples: {{}}\n",
        "r.yaml",
    )
    assert rule.model is None
    assert "reserved" in rule.findings[0].message and rule.findings[0].position.line == 6  # type: ignore[union-attr]


# --------------------------------------------------------------------------- (h) the shapes the engine misreads


def test_iany_over_or_is_never_given_to_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Error 102, now and then: createForwardAlpha leaves ``expression.right.type`` unset and the ``$iany``
    branch of createAlpha reads it, so ``has: [a, b]`` ($iany over $or) failed when the heap held 0x09 or 0x0C there.
    The adapter splits it into an $or of $iany (same meaning); the verdicts stay the oracle's."""
    given: list[str] = []
    real = dre.create_ruleset
    monkeypatch.setattr(dre, "create_ruleset", lambda name, payload: given.append(payload) or real(name, payload))
    condition = TypeAdapter(Condition).validate_python({"fact": "key_stages", "has": ["ks1", "ks2", "ks5"]})
    program = compile_program([Unit(name="X", condition=condition, origin="test")], [])
    assert '"$iany": {"key_stages": {"$or"' in json.dumps(program.criteria[0].rules)  # what the compiler makes
    engine = Engine(program)
    try:
        assert given and all('{"$or": [{"$i"' not in payload for payload in given)
        for items, met in ((["ks2"], True), (["ks3", "ks5"], True), (["ks3"], False), ([""], False)):
            assert engine.run({"key_stages": items}).met("X") is met, items
    finally:
        engine.close()


def test_iall_over_or_is_refused_not_misread() -> None:
    from speccheck.conditions.engine import engine_rules

    with pytest.raises(EngineError, match="uninitialised"):
        engine_rules({"r": {"all": [{"m": {"$iall": {"p": {"$or": [{"$i": 1}, {"$i": 2}]}}}}]}})


def test_groups_past_the_engines_expression_limit_are_refused_by_the_compiler_with_a_position(
    library: RuleLibrary,
) -> None:
    """Error 113: at most 15 $and/$or per rule. lint and audit compile without the engine, so the compiler counts."""
    pair = '{all: [{fact: has_qts, "==": true}, {fact: years_teaching, ">=": %d}]}'
    wide = "{any: [" + ", ".join(pair % i for i in range(15)) + "]}"
    loaded = load_text(role_yaml(criterion("E1", wide)), "role.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    compiled, findings = compile_role(loaded, library)
    assert compiled is None and [f.rule_id for f in findings] == ["engine-limit"]
    assert findings[0].position is not None and findings[0].position.line > 1 and "groups" in findings[0].message
