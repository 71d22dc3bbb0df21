"""A role compiled once: its program for the engine and, per criterion, everything that does not
depend on the candidate (level, category, the condition in words, the facts its explanation shows)."""

from __future__ import annotations

from dataclasses import dataclass

from speccheck.conditions.ast import Condition
from speccheck.conditions.checking import (
    Catalogue,
    FactSpec,
    check,
    describe,
    facts_used,
)
from speccheck.conditions.compiler import Program, Unit, compile_program
from speccheck.conditions.engine import Engine, engine_for
from speccheck.core.errors import SpeccheckError
from speccheck.core.findings import Finding, Severity
from speccheck.evaluate.evidence import Keywords, PhraseIndex
from speccheck.files.loader import Loaded
from speccheck.files.role import Criterion, Level, Role
from speccheck.library.loading import RuleLibrary


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
    findings = _condition_findings(loaded, role, catalogue)
    if findings:
        return None, findings
    role_id = role.id or file_stem(loaded.path)
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


def _condition_findings(loaded: Loaded[Role], role: Role, catalogue: Catalogue) -> list[Finding]:
    """Each criterion condition type-checked against the fact catalogue; a problem is a finding at its key."""
    findings: list[Finding] = []
    for index, criterion in enumerate(role.criteria):
        if criterion.condition is None:
            continue
        for loc, message in check(criterion.condition, catalogue):
            findings.append(
                Finding(
                    rule_id="condition",
                    severity=Severity.ERROR,
                    message=f'criterion "{criterion.id}": {message}',
                    position=loaded.position(("criteria", index, "condition", *loc)),
                    fix="facts are listed in the README; derived facts come from rules/derive",
                )
            )
    return findings


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


def file_stem(path: str) -> str:
    """A file's name without folder or suffix: the id of a role or candidate that gives none."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]
