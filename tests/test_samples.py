"""The samples show what the product is for: every verdict, every decision, the seed cases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from speccheck.audit.run import audit_role
from speccheck.evaluate.plans import compile_role
from speccheck.evaluate.verdicts import evaluate_candidate
from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_as
from speccheck.files.role import Role, application_date
from speccheck.library.loading import RuleLibrary
from speccheck.results.evaluation import CandidateResult, Decision, Verdict

ROOT = Path(__file__).resolve().parent.parent
ROLES = {p.stem: p for p in (ROOT / "samples" / "roles").glob("*.yaml")}
CANDIDATES = sorted((ROOT / "samples" / "candidates").glob("*.yaml"))


def _results(library: RuleLibrary, role: str) -> dict[str, CandidateResult]:
    loaded = load_as(ROLES[role], Role)
    compiled, problems = compile_role(loaded, library)
    assert compiled is not None, problems
    as_of, _ = application_date(loaded.model, None, dt.date(2025, 1, 1))  # type: ignore[arg-type]
    return {p.stem: evaluate_candidate(compiled, load_as(p, Candidate), as_of) for p in CANDIDATES}


@pytest.fixture(scope="module")
def head(library: RuleLibrary) -> dict[str, CandidateResult]:
    return _results(library, "head-of-school-completed")


@pytest.fixture(scope="module")
def assistant(library: RuleLibrary) -> dict[str, CandidateResult]:
    return _results(library, "assistant-head-teaching-learning")


def test_at_least_six_invented_candidates() -> None:
    assert len(CANDIDATES) >= 6


def test_every_verdict_and_decision_occurs(
    head: dict[str, CandidateResult], assistant: dict[str, CandidateResult]
) -> None:
    results = [*head.values(), *assistant.values()]
    assert {r.decision for r in results} == set(Decision)
    assert {c.verdict for r in results for c in r.results} == set(Verdict)


def test_ast_is_shortlisted_for_assistant_head_on_whole_school_work(assistant: dict[str, CandidateResult]) -> None:
    ast = assistant["ast-whole-school"]
    assert ast.decision is Decision.SHORTLIST
    assert ast.derived["senior_leadership_experience"] is False
    e02 = next(r for r in ast.results if r.criterion_id == "AH-E02")
    assert e02.verdict is Verdict.EVIDENCED
    assert "equivalent route — for the panel to judge" in e02.explanation.summary
    assert any("whole-school" in q.text.lower() for q in e02.explanation.evidence)


# Criteria a certificate decides: the only ones an application may be failed on when it shows an equivalent route.
CERTIFICATE_FACTS = {
    "has_qts",
    "qualifications",
    "teacher_statuses",
    "leadership_training",
    "recent_leadership_training",
}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_the_seed_002_ast_is_never_failed_on_experience_for_a_sample_leadership_post(
    library: RuleLibrary, role: str
) -> None:
    """Seed 002: an Advanced Skills Teacher with years of whole-school work and no senior title must reach
    the panel. A criterion about experience, seniority or responsibility that she meets by an equivalent route
    is evidenced for the panel to judge, never failed for want of the title: she is reviewed or shortlisted
    for every sample post, except where the post demands a certificate she does not hold (the Headteacher
    sample makes the NPQH essential, which its audit flags as an equality risk: npqh-required)."""
    ast = _results(library, role)["ast-whole-school"]
    unmet = [r for r in ast.results if r.verdict is Verdict.NOT_MET]
    for result in unmet:
        condition = result.explanation.facts
        assert {f.fact for f in condition} & CERTIFICATE_FACTS, (result.criterion_id, result.explanation.summary)
    if role != "headteacher":
        assert ast.decision in (Decision.REVIEW, Decision.SHORTLIST), ast.decision_reason
    else:
        assert ast.decision_reason == "essential criteria not met: E2"  # the NPQH, a certificate


def test_qtls_with_set_membership_counts_as_qts(assistant: dict[str, CandidateResult]) -> None:
    assert assistant["qtls-set-member"].derived["has_qts"] is True


def test_no_qts_is_rejected_with_what_would_satisfy(head: dict[str, CandidateResult]) -> None:
    result = head["no-qts"]
    assert result.decision is Decision.REJECT
    qts = next(r for r in result.results if r.criterion_id == "E01")
    assert qts.verdict is Verdict.NOT_MET
    assert qts.explanation.needs and qts.explanation.needs.startswith("needs QTS")
    assert "PGCE" in qts.explanation.needs


def test_employment_gap_is_reported_with_its_dates(head: dict[str, CandidateResult]) -> None:
    (gap,) = [f for f in head["employment-gap"].findings if f.rule_id == "employment-gap"]
    assert "2016-08 to 2018-08" in gap.message
    assert "employment-gap" not in [f.rule_id for f in head["strong-deputy"].findings]


def test_nursery_posts_are_early_years_not_school_teaching(head: dict[str, CandidateResult]) -> None:
    e03 = next(r for r in head["eyts-holder"].results if r.criterion_id == "E03")
    assert e03.verdict is Verdict.NOT_MET
    assert "Early Years Teacher 2012–2018 is early years, not school teaching" in e03.explanation.summary


def test_recent_means_within_the_window_before_the_closing_date(head: dict[str, CandidateResult]) -> None:
    def verdict(candidate: str, criterion: str) -> Verdict:
        return next(r.verdict for r in head[candidate].results if r.criterion_id == criterion)

    assert verdict("strong-deputy", "DS01") is Verdict.MET  # NPQH 2019
    assert verdict("employment-gap", "DS01") is Verdict.NOT_MET  # NPQSL 2015, over five years before 2021-03-19
    assert verdict("employment-gap", "E04") is Verdict.MET  # deputy head since 2018
    assert verdict("ast-whole-school", "E04") is Verdict.EVIDENCED  # a current AST: a recent equivalent route


def test_head_of_school_audit_shows_the_seed_gaps(library: RuleLibrary) -> None:
    audit = audit_role(load_as(ROLES["head-of-school"], Role), library)
    ids = {f.rule_id for f in audit.findings}
    assert "safeguarding-criterion" in ids
    years = [f for f in audit.findings if f.rule_id == "fixed-years-experience"]
    assert any("E03" in f.message for f in years)
    (coverage,) = audit.coverage
    assert all(row.status == "covered" for row in coverage.rows)


def test_assistant_head_is_not_required_to_deputise(library: RuleLibrary) -> None:
    audit = audit_role(load_as(ROLES["assistant-head-teaching-learning"], Role), library)
    (coverage,) = audit.coverage
    assert "stpcd.deputy.absence" not in {row.duty_id for row in coverage.rows}
    assert "safeguarding-criterion" not in {f.rule_id for f in audit.findings}


def test_the_head_of_school_sample_is_seed_003_as_it_is() -> None:
    """No issue date, closing date or assessment method: seed 003 has none (domain research §9.6)."""
    seed = load_as(ROLES["head-of-school"], Role).model
    assert seed is not None
    assert seed.issued is None and seed.closing_date is None
    assert all(not c.assessed_by for c in seed.criteria)


def test_the_completed_head_of_school_is_the_same_post_with_additions() -> None:
    """Every duty and criterion of the seed, unchanged; what the school added is new, never a rewrite."""
    seed = load_as(ROLES["head-of-school"], Role).model
    completed = load_as(ROLES["head-of-school-completed"], Role).model
    assert seed is not None and completed is not None
    assert completed.duties == seed.duties
    by_id = {c.id: c for c in completed.criteria}
    for criterion in seed.criteria:
        added = by_id[criterion.id]
        assert added.assessed_by, criterion.id
        assert added.model_copy(update={"assessed_by": []}) == criterion, criterion.id
    (extra,) = set(by_id) - {c.id for c in seed.criteria}
    assert by_id[extra].category.value == "safeguarding"
    assert completed.issued == dt.date(2021, 3, 1) and completed.closing_date == dt.date(2021, 3, 19)
    assert (completed.title, completed.references, completed.responsible_to) == (
        seed.title,
        seed.references,
        seed.responsible_to,
    )
