"""Each verdict worded: the condition and facts behind it, the passages quoted, what would satisfy it."""

from __future__ import annotations

import datetime as dt

from speccheck.evaluate.plans import CompiledRole
from speccheck.evaluate.verdicts import evaluate_candidate
from speccheck.files.loader import load_text
from speccheck.results.evaluation import CriterionResult, Verdict
from tests.evaluate.inline import CANDIDATE

AS_OF = dt.date(2024, 1, 1)


def _results(compiled: CompiledRole, text: str) -> dict[str, CriterionResult]:
    result = evaluate_candidate(compiled, load_text(text, "c.yaml"), AS_OF)  # type: ignore[arg-type]
    return {r.criterion_id: r for r in result.results}


def test_a_condition_met_shows_its_facts_and_the_matched_text(compiled: CompiledRole) -> None:
    results = _results(compiled, CANDIDATE)
    e1 = results["E1"].explanation
    assert e1.summary == "met: QTS or a recognised equivalent"
    assert (e1.facts[0].fact, e1.facts[0].present) == ("has_qts", True)
    d1 = results["D1"].explanation
    assert [(q.matched, str(q.position), q.explicit) for q in d1.evidence] == [(["coach"], "c.yaml:6:21", False)]


def test_not_met_says_what_it_needs_and_what_was_found(compiled: CompiledRole) -> None:
    e3 = _results(compiled, CANDIDATE)["E3"].explanation
    assert e3.needs == "needs years of teaching at least 5; found years of teaching: 3.3"
    assert e3.summary == "not met: " + e3.needs


def test_named_evidence_comes_first_then_keywords_then_nothing(compiled: CompiledRole) -> None:
    named = _results(compiled, CANDIDATE)["E2"]
    assert named.verdict is Verdict.EVIDENCED and named.explanation.evidence[0].explicit
    unnamed = CANDIDATE.replace("criteria: [E2, X9]", "criteria: []")
    keyword = _results(compiled, unnamed)["E2"].explanation
    assert keyword.summary == "evidenced: the application mentions “curriculum”, “led the”; the panel must judge it"
    bare = _results(compiled, "kind: candidate\nversion: 1\nid: C-2\n")
    e2 = bare["E2"]
    assert e2.verdict is Verdict.NO_EVIDENCE
    assert e2.explanation.needs == "evidence addressing it, e.g. mentioning curriculum, led the"
    assert bare["E1"].explanation.summary.startswith("no evidence: the application does not give")
    assert bare["D2"].verdict is Verdict.DEFERRED
