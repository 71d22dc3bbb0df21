"""Differential tests: the durable_rules engine against the plain-Python oracle in tests/oracle.py.

Random conditions over a small fixed catalogue, random facts (each fact absent
or present, lists possibly empty), random text features (open and closed
world), through each way the product runs the engine: criteria decided both
ways (``run``), derived facts read by derived facts (``derive``), and the
audit's rules that fire only when they hold, over several typed subjects in one
session (``run_facts``). Every answer the engine gives (met, decided false,
unknown; each derived fact; each firing) must equal the oracle's Kleene
three-valued answer. The bundled rules and sample roles over random candidates:
test_differential_library.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from speccheck.conditions.ast import Condition, leaves
from speccheck.conditions.compiler import (
    MAX_LEAVES_PER_SHARD,
    Program,
    Unit,
    compile_program,
)
from speccheck.conditions.engine import Engine
from speccheck.conditions.typecheck import Catalogue, FactSpec, check
from speccheck.core.errors import EngineLimitError
from speccheck.evaluate.features import feature_values
from speccheck.facts.values import Facts, TextItem, engine_values
from tests.oracle import FeatureLookup
from tests.oracle import evaluate as oracle

ROOT = Path(__file__).resolve().parents[2]
CONDITION = TypeAdapter(Condition)

# --------------------------------------------------------------------------- the fixed catalogue

CATALOGUE = Catalogue(
    "test",
    [
        FactSpec("n1", "number", "n1"),
        FactSpec("n2", "number", "n2"),
        FactSpec("b1", "bool", "b1"),
        FactSpec("s1", "string", "s1"),
        FactSpec("l1", "list", "l1"),
        FactSpec("t1", "text", "t1"),
    ],
)

THRESHOLDS = st.one_of(st.integers(-3, 12), st.sampled_from([0.5, 2.5, 4.9, -1.5, 10.0, 0.0]))
# Numbers as facts reach the engine: whole numbers and tenths, as candidate facts are.
FACT_NUMBERS = st.one_of(st.integers(-3, 12), st.integers(-30, 120).map(lambda k: k / 10))
STRINGS = ["", "a", "B", "10", 'q"x', "é"]
ITEMS = ["ks1", "ks2", "ks3", "QTS", "NPQH"]
HAS_VALUES = [*ITEMS, "EYTS"]  # EYTS is in a list only when a condition names it
PATTERNS = ["agile", "whole[- ]school", r"lead(er|ing)\b", r"\bks[1-5]\b", "trust"]
WORDS = ["agile", "Agile", "whole school", "whole-school", "leading", "leader", "ks3", "KS4", "trust", "maths", "scrum"]


def _one_or_many(draw: st.DrawFn, pool: list[str]) -> str | list[str]:
    chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
    if len(chosen) == 1 and draw(st.booleans()):
        return chosen[0]
    return chosen


@st.composite
def leaf(draw: st.DrawFn, derived: tuple[str, ...] = ()) -> dict[str, Any]:
    """One comparison, as a role file would write it (operator symbols as keys)."""
    fact = draw(st.sampled_from(["n1", "n2", "b1", "s1", "l1", "t1", *derived]))
    if draw(st.integers(0, 7)) == 0:
        return {"fact": fact, "exists": draw(st.booleans())}
    if fact in derived:
        return {"fact": fact, draw(st.sampled_from(["==", "!="])): draw(st.booleans())}
    if fact in ("n1", "n2"):
        return {"fact": fact, draw(st.sampled_from([">=", ">", "<=", "<", "==", "!="])): draw(THRESHOLDS)}
    if fact == "b1":
        return {"fact": fact, draw(st.sampled_from(["==", "!="])): draw(st.booleans())}
    if fact == "s1":
        return {"fact": fact, draw(st.sampled_from(["==", "!="])): draw(st.sampled_from(STRINGS))}
    if fact == "l1":
        return {"fact": fact, "has": _one_or_many(draw, HAS_VALUES)}
    return {"fact": fact, "matches": _one_or_many(draw, PATTERNS)}


def conditions(depth: int = 3, derived: tuple[str, ...] = ()) -> st.SearchStrategy[dict[str, Any]]:
    """Random conditions of nesting depth at most ``depth``."""
    if depth == 0:
        return leaf(derived)
    sub = conditions(depth - 1, derived)
    return st.one_of(
        leaf(derived),
        st.lists(sub, min_size=1, max_size=3).map(lambda xs: {"all": xs}),
        st.lists(sub, min_size=1, max_size=3).map(lambda xs: {"any": xs}),
        sub.map(lambda x: {"not": x}),
    )


def _operands(conditions: list[Condition]) -> dict[str, list[Any]]:
    """The values each fact is compared with, so generated facts hit the boundaries."""
    table: dict[str, list[Any]] = {}
    for condition in conditions:
        for comparison, _ in leaves(condition):
            if comparison.operator in ("matches", "exists"):
                continue
            values = comparison.values() if comparison.operator == "has" else [comparison.value]
            table.setdefault(comparison.fact, []).extend(values)
    return table


@st.composite
def subjects(draw: st.DrawFn, operands: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    """Fact values: each fact absent or present; lists possibly empty; t1 is the text.

    Values are drawn near the operands the conditions use (equal, just above,
    just below) as often as from the general pools.
    """
    near = operands or {}

    def number(fact: str) -> Any:
        pivots = [v for v in near.get(fact, []) if not isinstance(v, bool)]
        close_to_pivot: bool = draw(st.booleans())
        if pivots and close_to_pivot:
            pivot = draw(st.sampled_from(pivots))
            return draw(st.sampled_from([pivot, pivot + 1, pivot - 1, round(pivot + 0.1, 1), round(pivot - 0.1, 1)]))
        return draw(FACT_NUMBERS)

    def pool(fact: str, base: list[str]) -> list[str]:
        """The operands of this fact if it has any (half the time), else the general pool."""
        used = sorted({v for v in near.get(fact, []) if isinstance(v, str)})
        prefer_operands: bool = draw(st.booleans())
        return used if used and prefer_operands else sorted({*base, *used})

    values: dict[str, Any] = {}
    if draw(st.booleans()):
        values["n1"] = number("n1")
    if draw(st.booleans()):
        values["n2"] = number("n2")
    if draw(st.booleans()):
        values["b1"] = draw(st.booleans())
    if draw(st.booleans()):
        values["s1"] = draw(st.sampled_from(pool("s1", STRINGS)))
    if draw(st.booleans()):
        values["l1"] = draw(st.lists(st.sampled_from(pool("l1", ITEMS)), max_size=4))
    if draw(st.booleans()):
        values["t1"] = " ".join(draw(st.lists(st.sampled_from(WORDS), max_size=4)))
    return values


def comparison_count(condition: Condition) -> int:
    """Comparisons as the compiler budgets them (each value of a has counts)."""
    return sum(len(c.values()) if c.operator == "has" else 1 for c, _ in leaves(condition))


def text_truth(text: str | None, patterns: tuple[str, ...], *, closed_world: bool) -> bool | None:
    """Does the text match any pattern? Open world: no match is unknown."""
    if text is None:
        return None
    if any(re.search(p, text, re.IGNORECASE) for p in patterns):
        return True
    return False if closed_world else None


def text_features(text: str | None, *, closed_world: bool) -> FeatureLookup:
    """The oracle's view of the text tests on one subject's text."""

    def lookup(fact: str, patterns: tuple[str, ...]) -> bool | None:
        return text_truth(text, patterns, closed_world=closed_world)

    return lookup


def engine_input(program: Program, values: dict[str, Any], *, closed_world: bool) -> dict[str, Any]:
    """Values as the engine sees them: list lengths, text presence, and the text features decided here."""
    text = values.get("t1")
    facts = Facts(
        values={k: v for k, v in values.items() if k != "t1"},
        texts={} if text is None else {"t1": [TextItem(text, ("t1",))]},
    )
    result: dict[str, Any] = engine_values(facts)
    expected: dict[str, bool] = {}
    for feature in program.features:
        truth = text_truth(text, feature.patterns, closed_world=closed_world)
        if truth is not None:
            expected[feature.name] = truth
    # The product's own feature extraction must agree with the test's.
    assert feature_values(program, facts, closed_world=closed_world)[0] == expected
    result.update(expected)
    return result


def compile_one(condition: Condition) -> Engine | None:
    """An engine for one criterion X, or None when the compiler refuses it for size (checked)."""
    if comparison_count(condition) > MAX_LEAVES_PER_SHARD // 2:
        with pytest.raises(EngineLimitError):
            compile_program([Unit(name="X", condition=condition, origin="test")], [])
        return None
    program = compile_program([Unit(name="X", condition=condition, origin="test")], [])
    try:
        return Engine(program)
    except EngineLimitError as exc:
        # durable_rules' 32-expression limit per rule (error 113): refused cleanly, naming
        # the condition (test_engine.py::test_many_list_comparisons_fail_cleanly).
        assert exc.where == "test"
        assume(False)
        raise


# --------------------------------------------------------------------------- the oracle itself


def test_oracle_is_kleene() -> None:
    c = CONDITION.validate_python
    assert oracle(c({"fact": "n1", ">=": 1}), {}) is None
    assert oracle(c({"fact": "n1", "exists": False}), {}) is True
    assert oracle(c({"all": [{"fact": "n1", ">=": 1}, {"fact": "b1", "==": True}]}), {"b1": False}) is False
    assert oracle(c({"any": [{"fact": "n1", ">=": 1}, {"fact": "b1", "==": True}]}), {"b1": True}) is True
    assert oracle(c({"not": {"fact": "n1", ">=": 1}}), {}) is None
    assert oracle(c({"fact": "l1", "has": "QTS"}), {"l1": []}) is False
    assert oracle(c({"fact": "n1", "==": 1}), {"n1": True}) is False  # never 1 == True
    assert oracle(c({"fact": "t1", "matches": "x"}), {}, lambda fact, patterns: True) is True


# --------------------------------------------------------------------------- random conditions


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=conditions(), data=st.data())
def test_engine_agrees_with_oracle(spec: dict[str, Any], data: st.DataObject) -> None:
    condition = CONDITION.validate_python(spec)
    cases = data.draw(
        st.lists(st.tuples(subjects(_operands([condition])), st.booleans()), min_size=1, max_size=6), label="cases"
    )
    assert check(condition, CATALOGUE) == []
    engine = compile_one(condition)
    if engine is None:
        return
    try:
        for values, closed_world in cases:
            outcome = engine.run(engine_input(engine.program, values, closed_world=closed_world))
            expected = oracle(condition, values, text_features(values.get("t1"), closed_world=closed_world))
            assert not {"C:X", "N:X"} <= outcome.fired, "met and decided false at once"
            assert outcome.met("X") == expected, (spec, values, closed_world)
    finally:
        engine.close()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    d1=conditions(2),
    d2=conditions(2, derived=("d1",)),
    d3=conditions(2, derived=("d1", "d2")),
    x=conditions(2, derived=("d1", "d2", "d3")),
    data=st.data(),
)
def test_forward_chaining_agrees_with_oracle(
    d1: dict[str, Any], d2: dict[str, Any], d3: dict[str, Any], x: dict[str, Any], data: st.DataObject
) -> None:
    """Derived facts that read derived facts: the engine's fixpoint equals evaluation in dependency order."""
    rules = [
        ("d1", CONDITION.validate_python(d1)),
        ("d2", CONDITION.validate_python(d2)),
        ("d3", CONDITION.validate_python(d3)),
    ]
    criterion = CONDITION.validate_python(x)
    operands = _operands([cond for _, cond in rules] + [criterion])
    cases = data.draw(st.lists(st.tuples(subjects(operands), st.booleans()), min_size=1, max_size=4), label="cases")
    for _, cond in [*rules, ("X", criterion)]:
        assume(comparison_count(cond) <= MAX_LEAVES_PER_SHARD // 2)
    program = compile_program(
        [Unit(name="X", condition=criterion, origin="test")],
        [Unit(name=name, condition=cond, origin=f"rule {name}") for name, cond in rules],
    )
    try:
        engine = Engine(program)
    except EngineLimitError:
        assume(False)  # refused cleanly for size: see compile_one
        raise
    try:
        for values, closed_world in cases:
            features = text_features(values.get("t1"), closed_world=closed_world)
            known = dict(values)
            expected: dict[str, bool] = {}
            for name, cond in rules:  # d1, d2, d3 is a dependency order
                truth = oracle(cond, known, features)
                if truth is not None:
                    known[name] = expected[name] = truth
            outcome = engine.run(engine_input(program, values, closed_world=closed_world))
            assert outcome.derived == expected, (d1, d2, d3, values)
            assert outcome.met("X") == oracle(criterion, known, features)
    finally:
        engine.close()


SCOPES = ("role", "criterion", "duty")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=st.lists(st.tuples(conditions(2), st.sampled_from(SCOPES)), min_size=1, max_size=3), data=st.data())
def test_audit_path_agrees_with_oracle(rules: list[tuple[dict[str, Any], str]], data: st.DataObject) -> None:
    """The audit's form: rules compiled with ``decide_false=False``, each firing on facts of its scope,
    over several subjects asserted in one session (``run_facts``). A rule fires on a subject exactly when
    the oracle says its condition holds there; decided false and unknown alike fire nothing."""
    checks = [(f"R{i}", CONDITION.validate_python(spec), scope) for i, (spec, scope) in enumerate(rules)]
    for _, condition, _ in checks:
        assume(comparison_count(condition) <= MAX_LEAVES_PER_SHARD // 2)
    operands = _operands([condition for _, condition, _ in checks])
    cases = data.draw(
        st.lists(st.tuples(subjects(operands), st.sampled_from(SCOPES), st.booleans()), min_size=1, max_size=4),
        label="subjects",
    )
    program = compile_program(
        [
            Unit(name=name, condition=condition, origin=f"rule {name}", fact_type=scope)
            for name, condition, scope in checks
        ],
        [],
        fact_type="role",
        decide_false=False,
    )
    try:
        engine = Engine(program)
    except EngineLimitError:
        assume(False)  # refused cleanly for size: see compile_one
        raise
    try:
        facts = []
        expected: set[tuple[str, str]] = set()
        for ref, (values, scope, closed_world) in enumerate(cases):
            facts.append({**engine_input(program, values, closed_world=closed_world), "t": scope, "ref": str(ref)})
            features = text_features(values.get("t1"), closed_world=closed_world)
            for name, condition, rule_scope in checks:
                if rule_scope == scope and oracle(condition, values, features) is True:
                    expected.add(("C:" + name, str(ref)))
        fired = {(rule, str(fact["ref"])) for rule, fact in engine.run_facts(facts)}
        assert fired == expected, (rules, cases)
    finally:
        engine.close()


def test_exists_on_a_derived_fact_waits_for_its_derivation() -> None:
    """Regression: derivations once ran in waves, so `exists: false` on a derived fact fired before it was derived."""
    c = CONDITION.validate_python
    program = compile_program(
        [],
        [
            Unit(name="d1", condition=c({"fact": "n1", ">=": 1}), origin="rule d1"),
            Unit(name="d2", condition=c({"fact": "d1", "exists": False}), origin="rule d2"),
        ],
    )
    engine = Engine(program)
    try:
        # n1 = 5 decides d1 = true, so d1 exists and d2 ("d1 is not given") is false.
        assert engine.derive({"n1": 5}) == {"d1": True, "d2": False}
    finally:
        engine.close()
