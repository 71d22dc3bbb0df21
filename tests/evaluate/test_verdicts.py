"""Evaluating candidates: a verdict per criterion, the decision, the counts and the candidate's findings."""

from __future__ import annotations

import datetime as dt

from speccheck.evaluate.plans import CompiledRole
from speccheck.evaluate.verdicts import evaluate, evaluate_candidate
from speccheck.files.loader import Loaded, load_text
from speccheck.results.evaluation import Decision, Verdict
from tests.evaluate.inline import CANDIDATE

AS_OF = dt.date(2024, 1, 1)


def test_one_candidate_gets_a_verdict_per_criterion_and_a_decision(compiled: CompiledRole) -> None:
    result = evaluate_candidate(compiled, load_text(CANDIDATE, "c.yaml"), AS_OF)  # type: ignore[arg-type]
    verdicts = {r.criterion_id: r.verdict for r in result.results}
    assert verdicts == {
        "E1": Verdict.MET,
        "E2": Verdict.EVIDENCED,
        "E3": Verdict.NOT_MET,
        "D1": Verdict.MET,
        "D2": Verdict.DEFERRED,
    }
    assert (result.decision, result.decision_reason) == (Decision.REJECT, "essential criteria not met: E3")
    assert (result.essential_met, result.desirable_score) == (2, 2.0)  # D1 weighs 2
    assert (result.candidate_id, result.name, result.path) == ("C-1", "Ada Quill", "c.yaml")


def test_candidate_findings_name_unknown_criteria_and_gaps(compiled: CompiledRole) -> None:
    result = evaluate_candidate(compiled, load_text(CANDIDATE, "c.yaml"), AS_OF)  # type: ignore[arg-type]
    assert [(f.rule_id, str(f.position)) for f in result.findings] == [
        ("unknown-criterion", "c.yaml:11:63"),
        ("employment-gap", "c.yaml:8:3"),
    ]
    assert '"X9"' in result.findings[0].message
    assert result.findings[1].message == (
        "employment history has 1 unexplained gap(s) of over 3 months: 2020-09 to 2021-08; explore them with the candidate"
    )


def test_a_break_that_explains_a_gap_is_still_reported_as_explained(compiled: CompiledRole) -> None:
    explained = CANDIDATE.replace(
        "  - {job_title: Teacher, organisation: B,",
        "  - {employment_type: break, started_on: 2020-09-01, ended_on: 2021-08-31, reason_for_break: Travelling}\n"
        "  - {job_title: Teacher, organisation: B,",
    )
    result = evaluate_candidate(compiled, load_text(explained, "c.yaml"), AS_OF)  # type: ignore[arg-type]
    gap = result.findings[-1]
    assert gap.rule_id == "employment-gap"
    assert gap.message == (
        "employment history has time without a post that the application explains: "
        "career break 2020-09 to 2021-08: Travelling (explained)"
    )


def test_a_batch_keeps_the_findings_of_files_that_did_not_load(compiled: CompiledRole) -> None:
    broken: Loaded = load_text("kind: candidate\nversion: 1\nqualifications: 3\n", "bad.yaml")  # type: ignore[type-arg]
    report = evaluate(compiled, [load_text(CANDIDATE, "c.yaml"), broken], AS_OF)  # type: ignore[list-item]
    assert [c.candidate_id for c in report.candidates] == ["C-1"]
    assert [(f.rule_id, f.position.path) for f in report.findings] == [("schema", "bad.yaml")]  # type: ignore[union-attr]
    assert (report.role_id, report.as_of) == ("role", AS_OF)
