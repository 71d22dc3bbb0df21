"""Each verdict worded: the condition and facts behind it, the passages quoted, what would satisfy it."""

from __future__ import annotations

import datetime as dt

from speccheck.evaluate.plans import CompiledRole, compile_role
from speccheck.evaluate.verdicts import evaluate_candidate
from speccheck.files.loader import load_text
from speccheck.library.loading import RuleLibrary
from speccheck.results.evaluation import CriterionResult, Verdict
from tests.evaluate.inline import CANDIDATE, ROLE

AS_OF = dt.date(2024, 1, 1)


def _results(compiled: CompiledRole, text: str) -> dict[str, CriterionResult]:
    result = evaluate_candidate(compiled, load_text(text, "c.yaml"), AS_OF)  # type: ignore[arg-type]
    return {r.criterion_id: r for r in result.results}


def test_a_condition_met_shows_its_facts_and_the_matched_text(compiled: CompiledRole) -> None:
    results = _results(compiled, CANDIDATE)
    e1 = results["E1"].explanation
    assert e1.summary == "met: QTS or a recognised equivalent; found teaching status: QTS"
    assert (e1.facts[0].fact, e1.facts[0].present) == ("has_qts", True)
    d1 = results["D1"].explanation
    assert [(q.matched, str(q.position), q.explicit) for q in d1.evidence] == [(["coach"], "c.yaml:6:21", False)]


def test_not_met_says_what_it_needs_and_what_was_found(compiled: CompiledRole) -> None:
    e3 = _results(compiled, CANDIDATE)["E3"].explanation
    assert (
        e3.needs == "needs years of teaching at least 5; found 3.3 years of teaching: Teacher 2019–2020, Teacher 2021–"
    )
    assert e3.summary == "not met: " + e3.needs
    assert [(f.fact, f.notes) for f in e3.facts] == [("years_teaching", ["Teacher 2019–2020", "Teacher 2021–"])]


def test_named_evidence_comes_first_then_keywords_then_nothing(compiled: CompiledRole) -> None:
    named = _results(compiled, CANDIDATE)["E2"]
    assert named.verdict is Verdict.EVIDENCED and named.explanation.evidence[0].explicit
    unnamed = CANDIDATE.replace("criteria: [E2, X9]", "criteria: []")
    keyword = _results(compiled, unnamed)["E2"].explanation
    assert (
        keyword.summary
        == "evidenced: supporting statement speaks to it (“led the”, “curriculum”); the panel must judge it"
    )
    bare = _results(compiled, "kind: candidate\nversion: 1\nid: C-2\n")
    e2 = bare["E2"]
    assert e2.verdict is Verdict.NO_EVIDENCE
    assert e2.explanation.needs == "evidence addressing it, e.g. mentioning curriculum, led the"
    assert bare["E1"].explanation.summary.startswith("no evidence: the application does not give")
    assert bare["D2"].verdict is Verdict.DEFERRED


def test_a_met_verdict_quotes_the_facts_it_rests_on(compiled: CompiledRole) -> None:
    earlier = CANDIDATE.replace("started_on: 2019-09-01", "started_on: 2012-09-01")
    e3 = _results(compiled, earlier)["E3"]
    assert e3.verdict is Verdict.MET
    assert e3.explanation.summary == (
        "met: years of teaching at least 5; found 10.3 years of teaching: Teacher 2012–2020, Teacher 2021–"
    )


def test_an_unmet_verdict_says_what_did_not_count_and_why(compiled: CompiledRole) -> None:
    later = CANDIDATE.replace(
        "  - {job_title: Teacher, organisation: B, started_on: 2021-09-01, is_current_role: true}",
        "  - {job_title: Teacher, organisation: B, started_on: 2021-09-01, is_current_role: true}\n"
        "  - {job_title: Deputy Headteacher, organisation: C, started_on: 2024-04-01, is_current_role: true}",
    )
    e3 = _results(compiled, later)["E3"].explanation
    assert e3.summary == (
        "not met: needs years of teaching at least 5; found 3.3 years of teaching: Teacher 2019–2020, Teacher 2021– "
        "(not counted: Deputy Headteacher from 2024-04 starts after the date judged at (2024-01-01))"
    )


def test_explanations_name_kinds_of_post_in_words_never_codes(library: RuleLibrary) -> None:
    role = ROLE.replace('{fact: has_qts, "==": true}', '{fact: senior_leadership_experience, "==": true}')
    loaded = load_text(role, "role.yaml")
    compiled, findings = compile_role(loaded, library)  # type: ignore[arg-type]
    assert compiled is not None, findings
    middle = CANDIDATE.replace("{job_title: Teacher, organisation: B,", "{job_title: Head of Science, organisation: B,")
    e1 = _results(compiled, middle)["E1"]
    assert e1.verdict is Verdict.NOT_MET
    assert e1.explanation.summary == (
        "not met: needs experience in a senior leadership post; found posts held: middle leader, teacher"
    )
    assert "_" not in e1.explanation.summary


def test_an_equivalent_route_is_evidenced_for_the_panel_never_failed(library: RuleLibrary) -> None:
    """Seed 002: an Advanced Skills Teacher is not failed on a senior-leadership criterion for want of a title."""
    role = ROLE.replace('{fact: has_qts, "==": true}', '{fact: senior_leadership_experience, "==": true}')
    compiled, findings = compile_role(load_text(role, "role.yaml"), library)  # type: ignore[arg-type]
    assert compiled is not None, findings
    for title in ("Advanced Skills Teacher", "AST (English)", "Acting Deputy Headteacher"):
        ast = CANDIDATE.replace("{job_title: Teacher, organisation: B,", f"{{job_title: {title}, organisation: B,")
        e1 = _results(compiled, ast)["E1"]
        assert e1.verdict is Verdict.EVIDENCED, title
        assert e1.explanation.summary.startswith("evidenced: equivalent route — for the panel to judge: "), title
