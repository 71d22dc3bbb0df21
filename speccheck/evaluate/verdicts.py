"""Candidate x role -> one verdict per criterion, with its explanation, and a decision.

A role is compiled once (``plans.compile_role``) and the compiled form evaluates
any number of candidates (``evaluate_candidate``). durable_rules decides every
machine condition and derivation; Python only extracts facts, matches text
before the facts are asserted, and words the explanations.
"""

from __future__ import annotations

import datetime as dt

from speccheck.core.findings import Finding, Severity
from speccheck.evaluate.decision import decide, tally
from speccheck.evaluate.evidence import ApplicationIndex
from speccheck.evaluate.explain import Quoter, judge, named_evidence
from speccheck.evaluate.features import feature_values
from speccheck.evaluate.plans import CompiledRole, file_stem
from speccheck.facts.candidate import CLOSED_TEXTS, candidate_facts
from speccheck.facts.values import Facts, engine_values
from speccheck.files.candidate import Candidate
from speccheck.files.loader import Loaded
from speccheck.files.role import AsOfFrom
from speccheck.results.evaluation import CandidateResult, CriterionResult, EvaluationReport


def evaluate_candidate(compiled: CompiledRole, loaded: Loaded[Candidate], as_of: dt.date) -> CandidateResult:
    """Every criterion's verdict and the decision for one loaded candidate."""
    candidate = loaded.model
    assert candidate is not None
    facts = candidate_facts(candidate, compiled.library.normaliser, as_of, recent_years=compiled.role.recent_years)
    features, hits = feature_values(
        compiled.program,
        facts,
        closed_world=False,
        variants=compiled.library.normaliser.variants,
        closed_texts=CLOSED_TEXTS,
    )
    values = engine_values(facts)
    values.update(features)
    outcome = compiled.engine.run(values)
    index = ApplicationIndex(facts.texts.get("all_text", []), compiled.library.normaliser.variants, compiled.queries)
    named = named_evidence(candidate)
    quote = Quoter(loaded)
    results = []
    for plan in compiled.plans:
        verdict, explanation = judge(plan, facts, outcome, hits, named, index, quote)
        criterion = plan.criterion
        results.append(
            CriterionResult(
                criterion_id=criterion.id,
                text=criterion.text,
                level=criterion.level,
                category=plan.category,
                assessed_by=plan.assessed_by,
                verdict=verdict,
                explanation=explanation,
            )
        )
    decision, reason = decide([(r.criterion_id, r.level, r.verdict) for r in results])
    essential_met, desirable_score = tally(
        (r.level, plan.criterion.weight, r.verdict) for r, plan in zip(results, compiled.plans, strict=True)
    )
    details = candidate.personal_details
    name = " ".join(p for p in (details.first_name, details.last_name) if p) or None
    return CandidateResult(
        candidate_id=candidate.id or file_stem(loaded.path),
        name=name,
        path=loaded.path,
        decision=decision,
        decision_reason=reason,
        results=results,
        essential_met=essential_met,
        desirable_score=desirable_score,
        derived=dict(sorted(outcome.derived.items())),
        findings=_candidate_findings(compiled, candidate, facts, loaded),
    )


def _candidate_findings(
    compiled: CompiledRole, candidate: Candidate, facts: Facts, loaded: Loaded[Candidate]
) -> list[Finding]:
    known = {c.id for c in compiled.role.criteria}
    findings = list(loaded.findings)
    for index, item in enumerate(candidate.evidence):
        for j, criterion_id in enumerate(item.criteria):
            if criterion_id not in known:
                findings.append(
                    Finding(
                        rule_id="unknown-criterion",
                        severity=Severity.WARNING,
                        message=f'evidence names criterion "{criterion_id}", which the role "{compiled.role_id}" does not have',
                        position=loaded.position(("evidence", index, "criteria", j)),
                        fix="use a criterion id from the role's person specification: " + ", ".join(sorted(known)),
                    )
                )
    gap = _gap_finding(facts, loaded)
    if gap is not None:
        findings.append(gap)
    return findings


def _gap_finding(facts: Facts, loaded: Loaded[Candidate]) -> Finding | None:
    """Gaps of over 3 months, each with its dates, and the breaks that explain time without a post, as explained."""
    gaps = facts.notes.get("unexplained_gaps", [])
    explained = facts.left_out.get("unexplained_gaps", [])
    if not gaps and not explained:
        return None
    if gaps:
        message = (
            f"employment history has {len(gaps)} unexplained gap(s) of over 3 months: {'; '.join(gaps)}"
            + (f"; and {'; '.join(explained)}" if explained else "")
            + "; explore them with the candidate"
        )
        fix = "ask about each gap at interview (safer recruitment)"
    else:
        message = f"employment history has time without a post that the application explains: {'; '.join(explained)}"
        fix = "confirm the reasons given at interview (safer recruitment)"
    return Finding(
        rule_id="employment-gap",
        severity=Severity.INFO,
        message=message,
        position=loaded.position(("employment_history",)),
        fix=fix,
    )


def evaluate(
    compiled: CompiledRole,
    candidates: list[Loaded[Candidate]],
    as_of: dt.date,
    *,
    as_of_from: AsOfFrom = "given",
    extra_findings: list[Finding] | None = None,
) -> EvaluationReport:
    """Evaluate loaded candidates; those that failed to load contribute only their findings."""
    results = []
    findings = list(extra_findings or [])
    for loaded in candidates:
        if loaded.model is None:
            findings.extend(loaded.findings)
            continue
        results.append(evaluate_candidate(compiled, loaded, as_of))
    return EvaluationReport(
        role_id=compiled.role_id,
        role_title=compiled.role.title,
        role_path=compiled.path,
        as_of=as_of,
        as_of_from=as_of_from,
        candidates=results,
        findings=findings,
    )
