"""Differential tests on the real rules: the bundled derivations and the sample roles, engine against oracle.

Random candidates built from the Candidate model's fields go through the
product's own fact extraction; every derived fact and every machine condition
of the sample roles the engine decides must equal the Kleene three-valued
answer of the plain-Python oracle in tests/oracle.py, with text read open-world
(no match is unknown).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speccheck.conditions.ast import Comparison, Condition, facts_used
from speccheck.conditions.compiler import Unit, compile_program
from speccheck.conditions.engine import Engine
from speccheck.evaluate.features import feature_values
from speccheck.evaluate.plans import compile_role
from speccheck.evaluate.verdicts import evaluate_candidate
from speccheck.facts.candidate import candidate_facts
from speccheck.facts.values import Facts, engine_values
from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_file, load_text
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary, load_library
from tests.oracle import evaluate as oracle

ROOT = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- random candidates

QUALIFICATIONS = ["QTS", "Qualified Teacher Status", "QTLS", "EYTS", "PGCE", "NPQH", "NPQSL", "BA Hons"]
JOB_TITLES = [
    "Teacher of Maths",
    "Advanced Skills Teacher",
    "Assistant Headteacher",
    "Deputy Headteacher",
    "Head of Department",
    "Leading Practitioner",
    "Headteacher",
]
KEY_STAGES = ["early_years", "ks1", "ks2", "ks3", "ks4", "ks5"]
RESPONSIBILITIES = [
    "Led whole-school CPD on assessment",
    "Coordinated whole school behaviour policy",
    "Supported colleagues across the trust",
    "Worked with other schools in the local authority",
    "Taught Year 9 mathematics",
    "Ran the chess club",
]
AS_OF = dt.date(2024, 9, 1)


@st.composite
def jobs(draw: st.DrawFn) -> dict[str, Any]:
    started = draw(st.dates(dt.date(1995, 1, 1), dt.date(2024, 6, 1)))
    job: dict[str, Any] = {"job_title": draw(st.sampled_from(JOB_TITLES)), "started_on": started}
    if draw(st.booleans()):
        job["is_current_role"] = True
    else:
        job["ended_on"] = started + dt.timedelta(days=draw(st.integers(0, 4000)))
    job["key_stages"] = draw(st.lists(st.sampled_from(KEY_STAGES), max_size=3, unique=True))
    job["responsibilities"] = draw(st.lists(st.sampled_from(RESPONSIBILITIES), max_size=2))
    if draw(st.booleans()):
        job["employment_type"] = draw(st.sampled_from(["job", "job", "break"]))
    return job


@st.composite
def candidates(draw: st.DrawFn) -> Candidate:
    data: dict[str, Any] = {"kind": "candidate", "version": 1}
    if draw(st.booleans()):
        status: dict[str, Any] = {}
        for key, strategy in (
            ("qualified_teacher_status", st.sampled_from(["yes", "no", "on_track", "non_teacher"])),
            ("qtls", st.booleans()),
            ("set_membership", st.booleans()),
            ("is_statutory_induction_complete", st.booleans()),
        ):
            if draw(st.booleans()):
                status[key] = draw(strategy)
        data["professional_status"] = status
    if draw(st.booleans()):
        data["qualifications"] = [{"name": n} for n in draw(st.lists(st.sampled_from(QUALIFICATIONS), max_size=3))]
    if draw(st.booleans()):
        data["training_and_cpds"] = [
            {"name": n, "completed": done}
            for n, done in draw(st.lists(st.tuples(st.sampled_from(QUALIFICATIONS), st.booleans()), max_size=3))
        ]
    if draw(st.booleans()):
        data["employment_history"] = draw(st.lists(jobs(), max_size=4))
    if draw(st.booleans()):
        data["personal_statement"] = draw(st.sampled_from(RESPONSIBILITIES))
    return Candidate.model_validate(data)


@pytest.fixture(scope="module")
def rule_library() -> RuleLibrary:
    library = load_library()
    assert library.findings == []
    return library


def _in_dependency_order(library: RuleLibrary) -> list[tuple[str, Condition]]:
    by_fact = {d.derives: d.when for d in library.derivations}
    ordered: dict[str, Condition] = {}

    def visit(name: str) -> None:
        if name in ordered:
            return
        for fact in facts_used(by_fact[name]):
            if fact in by_fact:
                visit(fact)
        ordered[name] = by_fact[name]

    for name in sorted(by_fact):
        visit(name)
    return list(ordered.items())


def _oracle_values(facts: Facts) -> dict[str, Any]:
    """The facts as the oracle reads them: values, and each text fact present when any text is given."""
    known: dict[str, Any] = dict(facts.values)
    known.update({name: " ".join(i.text for i in items) for name, items in facts.texts.items() if items})
    return known


def _open_world_features(facts: Facts) -> Any:
    def lookup(fact: str, patterns: tuple[str, ...]) -> bool | None:
        items = facts.texts.get(fact)
        if items is None:
            return None
        hit = any(re.search(p, item.text, re.IGNORECASE) for item in items for p in patterns)
        return True if hit else None

    return lookup


@pytest.fixture(scope="module")
def derivation_engine(rule_library: RuleLibrary) -> Any:
    units = [Unit(name=d.derives, condition=d.when, origin=f"rules/{d.id}") for d in rule_library.derivations]
    engine = Engine(compile_program([], units))
    yield engine
    engine.close()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(candidate=candidates())
def test_library_derivations_agree_with_oracle(
    candidate: Candidate, rule_library: RuleLibrary, derivation_engine: Engine
) -> None:
    facts = candidate_facts(candidate, rule_library.normaliser, AS_OF)
    features, _ = feature_values(derivation_engine.program, facts, closed_world=False)
    values = engine_values(facts)
    values.update(features)
    derived = derivation_engine.derive(values)

    lookup = _open_world_features(facts)
    known = _oracle_values(facts)
    expected: dict[str, bool] = {}
    for name, when in _in_dependency_order(rule_library):
        truth = oracle(when, known, lookup)
        if truth is not None:
            known[name] = expected[name] = truth
    assert derived == expected


def _sample_roles(library: RuleLibrary) -> list[Any]:
    compiled = []
    for path in sorted((ROOT / "samples" / "roles").glob("*.yaml")):
        loaded = load_file(path)
        assert isinstance(loaded.model, Role), loaded.findings
        role, findings = compile_role(loaded, library)
        assert role is not None, findings
        compiled.append(role)
    return compiled


@pytest.fixture(scope="module")
def sample_roles(rule_library: RuleLibrary) -> list[Any]:
    roles = _sample_roles(rule_library)
    if not roles:
        pytest.skip("no sample roles in samples/roles")
    return roles


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(candidate=candidates())
def test_sample_role_conditions_agree_with_oracle(
    candidate: Candidate, rule_library: RuleLibrary, sample_roles: list[Any]
) -> None:
    """Every machine condition of the sample roles, engine vs oracle, over derived facts too."""
    facts = candidate_facts(candidate, rule_library.normaliser, AS_OF)
    lookup = _open_world_features(facts)
    known = _oracle_values(facts)
    for name, when in _in_dependency_order(rule_library):
        truth = oracle(when, known, lookup)
        if truth is not None:
            known[name] = truth
    for compiled in sample_roles:
        features, _ = feature_values(compiled.program, facts, closed_world=False)
        values = engine_values(facts)
        values.update(features)
        outcome = compiled.engine.run(values)
        for criterion in compiled.role.criteria:
            if criterion.condition is None:
                continue
            assert outcome.met(criterion.id) == oracle(criterion.condition, known, lookup), criterion.id


def test_exists_on_a_text_fact_sees_the_candidates_text(rule_library: RuleLibrary) -> None:
    """Regression: text facts once never reached the engine, so `exists` on one was always false."""
    role = load_text(
        "kind: role\nversion: 1\ntitle: Deputy Headteacher\npost_type: deputy_headteacher\n"
        "criteria:\n"
        "  - {id: E1, text: A supporting statement, level: essential, category: other,"
        " assessed_by: [application], condition: {fact: personal_statement, exists: true}}\n",
        "role.yaml",
    )
    compiled, findings = compile_role(role, rule_library)
    assert compiled is not None, findings
    candidate = load_text("kind: candidate\nversion: 1\npersonal_statement: I have led whole-school CPD.\n", "c.yaml")
    result = evaluate_candidate(compiled, candidate, AS_OF)
    # The oracle: the statement is given, so "personal_statement exists" holds.
    assert isinstance(role.model, Role) and isinstance(candidate.model, Candidate)
    leaf = role.model.criteria[0].condition
    assert isinstance(leaf, Comparison)
    assert oracle(leaf, {"personal_statement": candidate.model.personal_statement}) is True
    assert result.results[0].verdict.value == "met", result.results[0].explanation.summary
