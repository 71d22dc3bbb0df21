"""Candidate x role -> one verdict per criterion, with its explanation, and a decision.

A role is compiled once (``compile_role``) and the compiled form evaluates any
number of candidates (``evaluate_candidate``). durable_rules decides every
machine condition and derivation; Python only extracts facts, matches text
before the facts are asserted, and words the explanations.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from speccheck.conditions.ast import Condition, facts_used
from speccheck.conditions.compiler import Program, Unit, compile_program
from speccheck.conditions.describe import describe
from speccheck.conditions.engine import Engine, Outcome, engine_for
from speccheck.conditions.typecheck import Catalogue, FactSpec, condition_findings
from speccheck.core.errors import SpeccheckError
from speccheck.core.findings import Finding, Severity
from speccheck.evaluate.evidence import Keywords, PhraseIndex, TextIndex
from speccheck.facts.candidate import candidate_facts
from speccheck.facts.values import Facts, TextItem, engine_values
from speccheck.files.candidate import Candidate
from speccheck.files.loader import Loaded
from speccheck.files.role import Criterion, Level, Role
from speccheck.library.loading import RuleLibrary
from speccheck.results.evaluation import (
    CandidateResult,
    CriterionResult,
    Decision,
    EvaluationReport,
    Explanation,
    FactSeen,
    Quote,
    Verdict,
)


@dataclass(frozen=True)
class CriterionPlan:
    """Everything about a criterion that does not depend on the candidate, worked out once."""

    criterion: Criterion
    essential: bool
    category: str
    assessed_by: list[str]
    deferred: str | None  # the summary, when it is judged only after the application stage
    words: str | None  # the condition in words
    shown: tuple[FactSpec, ...]  # facts its explanation shows, through derivations
    features: frozenset[str]  # text features whose matches it quotes
    keywords: Keywords


@dataclass(frozen=True)
class CompiledRole:
    """A role compiled for the engine, reused for every candidate."""

    role: Role
    role_id: str
    path: str
    program: Program
    catalogue: Catalogue
    library: RuleLibrary
    plans: tuple[CriterionPlan, ...]
    phrases: PhraseIndex

    @property
    def engine(self) -> Engine:
        return engine_for(self.program)


def needed_derivations(library: RuleLibrary, facts: list[str]) -> list[Unit]:
    """The derivation rules that decide ``facts``, directly or through other derived facts."""
    by_fact = {d.derives: d for d in library.derivations}
    wanted: dict[str, None] = {}
    queue = list(facts)
    while queue:
        fact = queue.pop()
        if fact in by_fact and fact not in wanted:
            wanted[fact] = None
            queue.extend(facts_used(by_fact[fact].when))
    return [
        Unit(name=by_fact[f].derives, condition=by_fact[f].when, origin=f"rules/{by_fact[f].id}")
        for f in sorted(wanted)
    ]


def compile_role(loaded: Loaded[Role], library: RuleLibrary) -> tuple[CompiledRole | None, list[Finding]]:
    """Check every criterion condition and compile the role; findings say what is wrong where."""
    role = loaded.model
    assert role is not None
    catalogue = library.candidate_catalogue()
    findings: list[Finding] = []
    for index, criterion in enumerate(role.criteria):
        if criterion.condition is None:
            continue
        findings += condition_findings(
            criterion.condition,
            catalogue,
            at=("criteria", index, "condition"),
            locate=loaded.position,
            fix="facts are listed in the README; derived facts come from rules/derive",
            subject=f'criterion "{criterion.id}"',
        )
    if findings:
        return None, findings
    role_id = role.id or _stem(loaded.path)
    units = [
        Unit(name=c.id, condition=c.condition, origin=f"{loaded.path} criterion {c.id}")
        for c in role.criteria
        if c.condition is not None
    ]
    try:
        program = compile_program(
            units,
            needed_derivations(
                library, [f for c in role.criteria if c.condition is not None for f in facts_used(c.condition)]
            ),
        )
    except SpeccheckError as exc:
        return None, [
            Finding(
                rule_id="engine-limit",
                severity=Severity.ERROR,
                message=exc.message,
                position=loaded.position(("criteria",)),
                fix=exc.hint,
            )
        ]
    plans = tuple(_plan(c, catalogue, library, program) for c in role.criteria)
    phrases = PhraseIndex([plan.keywords for plan in plans if plan.words is None and plan.deferred is None])
    return CompiledRole(role, role_id, loaded.path, program, catalogue, library, plans, phrases), []


def _shown_facts(condition: Condition, catalogue: Catalogue, library: RuleLibrary) -> tuple[FactSpec, ...]:
    by_fact = {d.derives: d for d in library.derivations}
    shown: list[FactSpec] = []
    queue = facts_used(condition)
    visited: set[str] = set()
    while queue:
        name = queue.pop(0)
        if name in visited:
            continue
        visited.add(name)
        spec = catalogue[name]
        shown.append(spec)
        if spec.derived_by:
            queue.extend(facts_used(by_fact[name].when))
    return tuple(shown)


def _plan(criterion: Criterion, catalogue: Catalogue, library: RuleLibrary, program: Program) -> CriterionPlan:
    methods = [a.value for a in criterion.assessed_by]
    deferred = None
    if criterion.assessed_by and not criterion.application_stage:
        deferred = "deferred: assessed by " + ", ".join(methods)
    words = shown = None
    features: frozenset[str] = frozenset()
    if criterion.condition is not None:
        words = describe(criterion.condition, catalogue)
        shown = _shown_facts(criterion.condition, catalogue, library)
        texts = {spec.name for spec in shown}
        features = frozenset(f.name for f in program.features if f.fact in texts)
    return CriterionPlan(
        criterion=criterion,
        essential=criterion.level is Level.ESSENTIAL,
        category=criterion.category.value,
        assessed_by=methods,
        deferred=deferred,
        words=words,
        shown=shown or (),
        features=features,
        keywords=Keywords.given(criterion.keywords) if criterion.keywords else Keywords.from_text(criterion.text),
    )


def _stem(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]


def feature_values(
    program: Program, facts: Facts, *, closed_world: bool
) -> tuple[dict[str, bool], dict[str, tuple[TextItem, str]]]:
    """Decide each text feature in Python: the values to assert and the first match of each.

    Open world (candidates): a text that does not match says nothing, so the
    feature is left absent. Closed world (role audits): the role is the whole
    text, so no match is decided false.
    """
    values: dict[str, bool] = {}
    hits: dict[str, tuple[TextItem, str]] = {}
    for feature in program.features:
        items = facts.texts.get(feature.fact)
        if items is None:
            continue
        hit = _first_match(items, feature.patterns)
        if hit is not None:
            values[feature.name] = True
            hits[feature.name] = hit
        elif closed_world:
            values[feature.name] = False
    return values, hits


_PATTERN_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    compiled = _PATTERN_CACHE.get(pattern)
    if compiled is None:
        compiled = _PATTERN_CACHE[pattern] = re.compile(pattern, re.IGNORECASE)
    return compiled


def _first_match(items: list[TextItem], patterns: tuple[str, ...]) -> tuple[TextItem, str] | None:
    for item in items:
        for pattern in patterns:
            found = _compiled(pattern).search(item.text)
            if found:
                return item, found.group(0)
    return None


def _quote(item: TextItem, loaded: Loaded[Candidate], matched: list[str], *, explicit: bool = False) -> Quote:
    text = " ".join(item.text.split())
    if len(text) > 300:
        text = text[:297] + "..."
    return Quote(text=text, position=loaded.position(item.loc), matched=matched, explicit=explicit)


def _keyword_evidence(plan: CriterionPlan, index: TextIndex, loaded: Loaded[Candidate]) -> list[Quote]:
    """Passages that address a criterion with no machine condition, by its keywords."""
    return [
        _quote(TextItem(sentence, item.loc), loaded, matched) for item, sentence, matched in index.find(plan.keywords)
    ]


def _named_evidence(candidate: Candidate) -> dict[str, list[TextItem]]:
    """Evidence statements by the criterion ids the applicant named for them."""
    table: dict[str, list[TextItem]] = {}
    for index, item in enumerate(candidate.evidence):
        for criterion_id in item.criteria:
            table.setdefault(criterion_id, []).append(TextItem(item.text, ("evidence", index, "text")))
    return table


def _explicit_evidence(plan: CriterionPlan, named: dict[str, list[TextItem]], loaded: Loaded[Candidate]) -> list[Quote]:
    return [_quote(item, loaded, [], explicit=True) for item in named.get(plan.criterion.id, ())]


def _show(value: Any) -> str:
    if value is None:
        return "nothing given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _facts_seen(plan: CriterionPlan, facts: Facts, outcome: Outcome) -> list[FactSeen]:
    seen = []
    for spec in plan.shown:
        if spec.type == "text":
            items = facts.texts.get(spec.name)
            value: Any = f"{len(items)} passage(s)" if items else None
            seen.append(FactSeen(fact=spec.name, label=spec.label, value=value, present=bool(items)))
        elif spec.derived_by:
            value = outcome.derived.get(spec.name)
            seen.append(
                FactSeen(
                    fact=spec.name, label=spec.label, value=value, present=value is not None, derived_by=spec.derived_by
                )
            )
        else:
            value = facts.values.get(spec.name)
            seen.append(FactSeen(fact=spec.name, label=spec.label, value=value, present=spec.name in facts.values))
    return seen


def _found(seen: list[FactSeen]) -> str:
    parts = [f"{s.label}: {_show(s.value)}" for s in seen if s.derived_by is None]
    return "; ".join(parts) if parts else "nothing relevant"


def _condition_result(
    plan: CriterionPlan,
    facts: Facts,
    outcome: Outcome,
    hits: dict[str, tuple[TextItem, str]],
    named: dict[str, list[TextItem]],
    loaded: Loaded[Candidate],
) -> tuple[Verdict, Explanation]:
    words = plan.words
    seen = _facts_seen(plan, facts, outcome)
    quotes = _explicit_evidence(plan, named, loaded)
    for name in sorted(plan.features & hits.keys()):
        item, matched = hits[name]
        quotes.append(_quote(item, loaded, [matched]))
    decided = outcome.met(plan.criterion.id)
    if decided is True:
        return Verdict.MET, Explanation(summary=f"met: {words}", condition=words, facts=seen, evidence=quotes)
    if decided is False:
        found = _found(seen)
        return Verdict.NOT_MET, Explanation(
            summary=f"not met: needs {words}; found {found}",
            condition=words,
            facts=seen,
            evidence=quotes,
            needs=f"needs {words}; found {found}",
        )
    missing = [s.label for s in seen if not s.present and s.derived_by is None]
    because = "the application does not give " + ", ".join(missing) if missing else "the application does not show it"
    return Verdict.NO_EVIDENCE, Explanation(
        summary=f"no evidence: {because}",
        condition=words,
        facts=seen,
        evidence=quotes,
        needs=f"needs {words}",
    )


def _evidence_result(
    plan: CriterionPlan, named: dict[str, list[TextItem]], index: TextIndex, loaded: Loaded[Candidate]
) -> tuple[Verdict, Explanation]:
    quotes = _explicit_evidence(plan, named, loaded) or _keyword_evidence(plan, index, loaded)
    if quotes:
        how = (
            "the applicant names this criterion"
            if quotes[0].explicit
            else "the application mentions " + ", ".join(f"“{w}”" for w in quotes[0].matched)
        )
        return Verdict.EVIDENCED, Explanation(summary=f"evidenced: {how}; the panel must judge it", evidence=quotes)
    keywords = list(plan.keywords.labels[:6])
    return Verdict.NO_EVIDENCE, Explanation(
        summary="no evidence: nothing in the application addresses it",
        needs="evidence addressing it" + (", e.g. mentioning " + ", ".join(keywords) if keywords else ""),
    )


def decide(verdicts: list[tuple[str, Level, Verdict]]) -> tuple[Decision, str]:
    """The decision from (criterion id, level, verdict), as DESIGN.md defines it.

    Any essential not met: reject; any essential with no evidence: review;
    otherwise shortlist. The shortlist applies it again to verdicts after panel scores.
    """
    essential = [(cid, verdict) for cid, level, verdict in verdicts if level is Level.ESSENTIAL]
    unmet = [cid for cid, verdict in essential if verdict is Verdict.NOT_MET]
    if unmet:
        return Decision.REJECT, "essential criteria not met: " + ", ".join(unmet)
    open_ = [cid for cid, verdict in essential if verdict is Verdict.NO_EVIDENCE]
    if open_:
        return Decision.REVIEW, "no evidence yet for essential criteria: " + ", ".join(open_)
    return Decision.SHORTLIST, "every essential criterion judged at application is met or evidenced"


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
    gaps = facts.values.get("unexplained_gaps", 0)
    if gaps:
        findings.append(
            Finding(
                rule_id="employment-gap",
                severity=Severity.INFO,
                message=f"employment history has {gaps} unexplained gap(s) of over 3 months; explore them with the candidate",
                position=loaded.position(("employment_history",)),
                fix="ask about the gap at interview (safer recruitment)",
            )
        )
    return findings


def evaluate_candidate(
    compiled: CompiledRole, loaded: Loaded[Candidate], as_of: dt.date, *, anonymise: bool = False
) -> CandidateResult:
    """Every criterion's verdict and the decision for one loaded candidate."""
    candidate = loaded.model
    assert candidate is not None
    facts = candidate_facts(candidate, compiled.library.normaliser, as_of)
    features, hits = feature_values(compiled.program, facts, closed_world=False)
    values = engine_values(facts)
    values.update(features)
    outcome = compiled.engine.run(values)
    index = TextIndex(facts.texts.get("all_text", []), compiled.phrases)
    named = _named_evidence(candidate)
    results = []
    essential_met = 0
    desirable_score = 0.0
    for plan in compiled.plans:
        if plan.deferred is not None:
            verdict, explanation = Verdict.DEFERRED, Explanation(summary=plan.deferred)
        elif plan.words is not None:
            verdict, explanation = _condition_result(plan, facts, outcome, hits, named, loaded)
        else:
            verdict, explanation = _evidence_result(plan, named, index, loaded)
        criterion = plan.criterion
        if verdict is Verdict.MET or verdict is Verdict.EVIDENCED:
            if plan.essential:
                essential_met += 1
            else:
                desirable_score += criterion.weight
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
    details = candidate.personal_details
    name = " ".join(p for p in (details.first_name, details.last_name) if p) or None
    return CandidateResult(
        candidate_id=candidate.id or _stem(loaded.path),
        name=None if anonymise else name,
        path=loaded.path,
        decision=decision,
        decision_reason=reason,
        results=results,
        essential_met=essential_met,
        desirable_score=desirable_score,
        derived=dict(sorted(outcome.derived.items())),
        findings=_candidate_findings(compiled, candidate, facts, loaded),
    )


def evaluate(
    compiled: CompiledRole,
    candidates: list[Loaded[Candidate]],
    as_of: dt.date,
    *,
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
        candidates=results,
        findings=findings,
    )
