"""A role compiled once: its program for the engine and, per criterion, everything that does not
depend on the candidate (level, category, the condition in words, the facts its explanation shows)."""

from __future__ import annotations

from dataclasses import dataclass

from speccheck.conditions.ast import Condition, facts_used
from speccheck.conditions.compiler import Program
from speccheck.conditions.describe import describe
from speccheck.conditions.engine import Engine, engine_for
from speccheck.conditions.typecheck import Catalogue, FactSpec
from speccheck.core.findings import Finding
from speccheck.files.loader import Loaded
from speccheck.files.role import Criterion, Level, Role
from speccheck.files.rules import DerivationRule
from speccheck.library.loading import RuleLibrary
from speccheck.library.programs import role_program, routes_for
from speccheck.results.evaluation import Explanation
from speccheck.text.retrieval import Queries, Query, Weights, build_query


@dataclass(frozen=True)
class Route:
    """An equivalent route: the fact that says it holds, in words, and the text features that quote it."""

    derives: str
    label: str
    rule_id: str
    features: frozenset[str]


@dataclass(frozen=True)
class CriterionPlan:
    """Everything about a criterion that does not depend on the candidate, worked out once."""

    criterion: Criterion
    essential: bool
    category: str
    assessed_by: list[str]
    deferred: Explanation | None  # when it is judged only after the application stage: why, for every candidate
    words: str | None  # the condition in words
    shown: tuple[FactSpec, ...]  # facts its explanation shows, through derivations
    features: frozenset[str]  # text features whose matches it quotes
    routes: tuple[Route, ...]  # equivalent routes that stand in for its facts (never failed when one holds)
    query: Query  # what shows a sentence addresses it (criteria with no condition)
    nothing_found: Explanation  # criteria with no condition: the explanation when nothing addresses it


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
    queries: Queries  # the queries of the criteria judged by evidence, read together from each application

    @property
    def engine(self) -> Engine:
        return engine_for(self.program)


def compile_role(loaded: Loaded[Role], library: RuleLibrary) -> tuple[CompiledRole | None, list[Finding]]:
    """Check every criterion condition and compile the role; findings say what is wrong where."""
    program, findings = role_program(loaded, library)
    if program is None:
        return None, findings
    role = loaded.model
    assert role is not None
    catalogue = library.candidate_catalogue()
    role_id = role.id or file_stem(loaded.path)
    weights = Weights([c.text for c in role.criteria] + [d.text for d in role.duties], library.normaliser.variants)
    plans = tuple(_plan(c, catalogue, library, program, weights) for c in role.criteria)
    queries = Queries([p.query for p in plans if p.deferred is None and p.words is None])
    return CompiledRole(role, role_id, loaded.path, program, catalogue, library, plans, queries), []


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


def _plan(
    criterion: Criterion, catalogue: Catalogue, library: RuleLibrary, program: Program, weights: Weights
) -> CriterionPlan:
    methods = [a.value for a in criterion.assessed_by]
    query = criterion_query(criterion, library, weights)
    deferred = None
    if criterion.assessed_by and not criterion.application_stage:
        deferred = Explanation(summary="deferred: assessed by " + ", ".join(methods))
    words = shown = None
    features: frozenset[str] = frozenset()
    routes: tuple[Route, ...] = ()
    if criterion.condition is not None:
        words = describe(criterion.condition, catalogue)
        shown = _shown_facts(criterion.condition, catalogue, library)
        texts = {spec.name for spec in shown}
        features = frozenset(f.name for f in program.features if f.fact in texts)
        routes = tuple(_route(rule, catalogue, library, program) for rule in routes_for(library, texts))
    return CriterionPlan(
        criterion=criterion,
        essential=criterion.level is Level.ESSENTIAL,
        category=criterion.category.value,
        assessed_by=methods,
        deferred=deferred,
        words=words,
        shown=shown or (),
        features=features,
        routes=routes,
        query=query,
        nothing_found=_nothing_found(query),
    )


def _nothing_found(query: Query) -> Explanation:
    """The same for every candidate: said once for the role, not once per application."""
    hints = query.hints()
    return Explanation(
        summary="no evidence: nothing in the application addresses it",
        needs="evidence addressing it" + (", e.g. mentioning " + ", ".join(hints) if hints else ""),
    )


def _route(rule: DerivationRule, catalogue: Catalogue, library: RuleLibrary, program: Program) -> Route:
    texts = {spec.name for spec in _shown_facts(rule.when, catalogue, library)}
    features = frozenset(f.name for f in program.features if f.fact in texts)
    return Route(rule.derives, rule.label, rule.id, features)


def criterion_query(criterion: Criterion, library: RuleLibrary, weights: Weights) -> Query:
    """What shows a sentence addresses a criterion: its words, its keywords and the domain synonyms it touches."""
    vocabulary = library.vocabulary
    return build_query(
        criterion.text,
        criterion.keywords,
        weights,
        variants=library.normaliser.variants,
        synonyms=library.synonym_stems,
        generic=frozenset(vocabulary.generic_words),
        scopes={name: (scope.criterion, scope.sentence) for name, scope in vocabulary.scopes.items()},
    )


def file_stem(path: str) -> str:
    """A file's name without folder or suffix: the id of a role or candidate that gives none."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0]
