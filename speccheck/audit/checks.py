"""Check rules over a role's facts: type-checked, compiled into durable_rules, run, each firing a finding.

Every check rule that applies to the role (``speccheck.audit.applies``) is
compiled into durable_rules and run over one fact for the role, one per
criterion and one per duty (``speccheck.facts.role``); each firing is a finding
at its place in the file. Text tests (``matches``) are decided in Python before
the facts are asserted; the first text a rule's test matched fills ``{match}``
in its message and, for a role-scope rule, locates the finding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from speccheck.audit.applies import NO_JOB_DESCRIPTION, NO_PERSON_SPECIFICATION
from speccheck.audit.coverage import Statement
from speccheck.conditions.ast import facts_used, leaves
from speccheck.conditions.compiler import MET_PREFIX, Program, Unit, compile_program
from speccheck.conditions.engine import engine_for
from speccheck.conditions.typecheck import condition_findings
from speccheck.core.errors import SpeccheckError
from speccheck.core.findings import Finding, Position, Severity, sources_in_force
from speccheck.evaluate.features import feature_values
from speccheck.facts.role import role_facts
from speccheck.facts.role_subjects import judged_at
from speccheck.facts.scopes import CATALOGUES
from speccheck.facts.values import Facts, FactValue, TextItem, engine_values
from speccheck.files.loader import Loaded
from speccheck.files.role import Criterion, Duty, Role
from speccheck.files.rules import CheckRule
from speccheck.library.loading import RuleLibrary
from speccheck.results.audit import NotRun
from speccheck.text.spacing import single_spaced
from speccheck.text.variants import Variants

Subject = tuple[str, str]  # (scope, ref): ("role", "role"), ("criterion", "<index>"), ("duty", "<index>")
Hits = dict[str, tuple[TextItem, str]]  # feature name -> the text it matched and the words


@dataclass(frozen=True)
class CompiledChecks:
    program: Program
    checks: dict[str, CheckRule]
    # rule id -> names of the features its non-negated ``matches`` tests set (for {match} and positions)
    positive_features: dict[str, tuple[str, ...]]
    # scope -> the features its rules test: a criterion's text is not searched for a duty rule's words
    scope_features: dict[str, frozenset[str]]
    # scope -> the facts its rules read, and those messages name: no other fact of a subject is worked out
    scope_facts: dict[str, frozenset[str]]


def compile_checks(checks: list[CheckRule]) -> CompiledChecks:
    """Compile check rules; each fires on facts of its scope."""
    units = [Unit(name=c.id, condition=c.when, origin=f"rules/{c.category}/{c.id}", fact_type=c.scope) for c in checks]
    program = compile_program(units, [], fact_type="role", decide_false=False)
    by_key = {(f.fact, f.patterns): f.name for f in program.features}
    positive: dict[str, tuple[str, ...]] = {}
    by_scope: dict[str, set[str]] = {}
    for rule in checks:
        tests = [
            (by_key[(leaf.fact, tuple(leaf.values()))], loc)
            for leaf, loc in leaves(rule.when)
            if leaf.operator == "matches"
        ]
        positive[rule.id] = tuple(name for name, loc in tests if "not" not in loc)
        by_scope.setdefault(rule.scope, set()).update(name for name, _ in tests)
    return CompiledChecks(
        program=program,
        checks={c.id: c for c in checks},
        positive_features=positive,
        scope_features={scope: frozenset(names) for scope, names in by_scope.items()},
        scope_facts=_facts_read(checks),
    )


# Facts a finding's message reads besides those its rule tests ({criterion.near_duplicate_of}).
_NAMED_IN_MESSAGES = {"criterion": frozenset({"near_duplicate_of"})}


def _facts_read(checks: list[CheckRule]) -> dict[str, frozenset[str]]:
    """Per scope, the facts its rules test (present or absent alike: ``exists`` reads absence) and those
    messages name."""
    read: dict[str, set[str]] = {scope: set(names) for scope, names in _NAMED_IN_MESSAGES.items()}
    for rule in checks:
        read.setdefault(rule.scope, set()).update(facts_used(rule.when))
    return {scope: frozenset(names) for scope, names in read.items()}


def tested_duties(checks: list[CheckRule]) -> frozenset[str]:
    """The catalogue duties the checks test with ``duties_covered`` (the audit works out only those); worked out
    once per set of rules, as every role of a run is checked by one of a few."""
    return _once_per_rules(_TESTED, checks, _tested_duties)


def _tested_duties(checks: list[CheckRule]) -> frozenset[str]:
    return frozenset(
        name
        for rule in checks
        for leaf, _ in leaves(rule.when)
        if leaf.fact == "duties_covered"
        for name in leaf.values()
    )


def check_findings(library: RuleLibrary) -> list[Finding]:
    """Type-check every check rule's condition against its scope's facts."""
    findings = []
    for rule in library.checks:
        loaded = library.files.get(rule.id)
        findings += condition_findings(
            rule.when,
            CATALOGUES[rule.scope],
            at=("when",),
            locate=loaded.position if loaded else None,
            fix="use a fact of the rule's scope (speccheck rules docs --facts lists them)",
            subject=f'rule "{rule.id}"',
        )
    return findings


T = TypeVar("T")
# The check rules' identities -> the rules (kept, so an identity is never another object's while cached) and what
# was worked out from them.
_Cache = dict[tuple[int, ...], tuple[list[CheckRule], T]]
_KEPT_PER_CACHE = 64
_COMPILED: _Cache[CompiledChecks] = {}
_TESTED: _Cache[frozenset[str]] = {}


def _once_per_rules(cache: _Cache[T], checks: list[CheckRule], make: Callable[[list[CheckRule]], T]) -> T:
    """``make(checks)``, worked out once per set of rules (in any order) while ``cache`` keeps it."""
    key = tuple(sorted(id(c) for c in checks))
    kept = cache.get(key)
    if kept is None:
        if len(cache) >= _KEPT_PER_CACHE:
            cache.clear()
        kept = cache[key] = (list(checks), make(checks))
    return kept[1]


def _compiled(checks: list[CheckRule]) -> CompiledChecks:
    """The compiled checks, compiled once per set of rules; raises ``SpeccheckError`` past an engine limit."""
    return _once_per_rules(_COMPILED, checks, compile_checks)


@dataclass(frozen=True)
class _RoleRun:
    """One role as the checks saw it: its facts, what each text test matched, and what could not run."""

    role: Role
    loaded: Loaded[Role]
    day: dt.date | None
    subjects: dict[Subject, Facts]
    hits: dict[Subject, Hits]
    not_run: tuple[NotRun, ...] = ()


def _format(
    template: str,
    role: Role,
    subject: Criterion | Duty | None,
    *,
    day: dt.date | None,
    match: str | None,
    duplicates: list[str],
    not_run: tuple[NotRun, ...] = (),
    count: int | None = None,
) -> str:
    values = {
        "role.title": role.title,
        "role.post_type": role.post_type.value,
        "role.date": day.isoformat() if day else "an unknown date",
        "role.not_run": _names(not_run),
        "role.not_run_duties": _names(n for n in not_run if n.reason == NO_JOB_DESCRIPTION),
        "role.not_run_criteria": _names(n for n in not_run if n.reason == NO_PERSON_SPECIFICATION),
        "match": match or "",
    }
    if count is not None:
        values["count"] = str(count)
    if subject is not None:
        kind = "criterion" if isinstance(subject, Criterion) else "duty"
        values[f"{kind}.id"] = subject.id
        values[f"{kind}.text"] = single_spaced(subject.text)
        values["criterion.near_duplicate_of"] = ", ".join(duplicates)
    return re.sub(r"\{([a-z_.]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def _names(not_run: Iterable[NotRun]) -> str:
    return "; ".join(n.name for n in not_run) or "none"


def _given(role: Role, path: tuple[str, ...]) -> bool:
    """Whether the role gives the part at ``path`` (``("recruitment", "advert")``): present and not empty."""
    value: object = role
    for name in path:
        value = getattr(value, name, None)
    return bool(value)


def _role_position(rule: CheckRule, role: Role, loaded: Loaded[Role]) -> Position:
    path = tuple(rule.at.split(".")) if rule.at is not None else ()
    if rule.at == "title" or (path and _given(role, path)):
        return loaded.position(path, key=rule.at != "title")
    return loaded.position(("criteria",), key=True) if role.criteria else loaded.position(("title",))


def _finding(rule: CheckRule, compiled: CompiledChecks, scope: str, ref: str, run: _RoleRun) -> Finding:
    """The finding for one firing of a rule on one subject, at the subject's place in the file."""
    role, loaded = run.role, run.loaded
    hits = run.hits.get((scope, ref), {})
    first = next((hits[name] for name in compiled.positive_features.get(rule.id, ()) if name in hits), None)
    subject: Criterion | Duty | None = None
    duplicates: list[str] = []
    if scope == "criterion":
        subject = role.criteria[int(ref)]
        position = loaded.position(("criteria", int(ref), "text"))
        near = run.subjects[(scope, ref)].values.get("near_duplicate_of", [])
        duplicates = list(near) if isinstance(near, list) else []
    elif scope == "duty":
        subject = role.duties[int(ref)]
        position = loaded.position(("duties", int(ref), "text"))
    else:
        position = loaded.position(first[0].loc) if first else _role_position(rule, role, loaded)
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        message=_format(
            rule.message,
            role,
            subject,
            day=run.day,
            match=first[1] if first else None,
            duplicates=duplicates,
            not_run=run.not_run,
        ),
        position=position,
        fix=rule.fix,
        sources=sources_in_force(rule.source, run.day),
    )


def _engine_facts(
    compiled: CompiledChecks, subjects: dict[Subject, Facts], variants: Variants | None
) -> tuple[list[dict[str, FactValue]], dict[Subject, Hits]]:
    """One engine fact per subject, text tests decided (closed world: the role is all the text there is); with
    ``variants`` the texts are read through the text layer, so words the role denies ("there is no upper age
    limit", "a degree is not required") are no match."""
    facts = []
    hits_by_subject: dict[Subject, Hits] = {}
    for (scope, ref), subject_facts in subjects.items():
        features, hits = feature_values(
            compiled.program,
            subject_facts,
            closed_world=True,
            variants=variants,
            as_written=True,
            only=compiled.scope_features.get(scope, frozenset()),
        )
        hits_by_subject[(scope, ref)] = hits
        values = engine_values(subject_facts)
        values.update(features)
        facts.append({**values, "t": scope, "ref": ref})
    return facts, hits_by_subject


_SECTION = {"criterion": "criteria", "duty": "duties"}


def _every(rule: CheckRule, count: int, run: _RoleRun) -> Finding:
    """One finding for a rule that fired on every criterion (or duty) of the role, at the section."""
    return Finding(
        rule_id=rule.id,
        severity=rule.severity,
        message=_format(
            rule.message_every or rule.message,
            run.role,
            None,
            day=run.day,
            match=None,
            duplicates=[],
            not_run=run.not_run,
            count=count,
        ),
        position=run.loaded.position((_SECTION[rule.scope],), key=True),
        fix=rule.fix,
        sources=tuple(rule.source),
    )


def _grouped(fired: dict[str, list[tuple[str, str]]], compiled: CompiledChecks, run: _RoleRun) -> list[Finding]:
    """A finding per firing, or one per rule that says so when it fired on every subject of its scope."""
    findings = []
    sizes = {"criterion": len(run.role.criteria), "duty": len(run.role.duties)}
    for rule_id, subjects in fired.items():
        rule = compiled.checks[rule_id]
        total = sizes.get(rule.scope, 0)
        if rule.message_every and total >= 2 and len(subjects) == total:
            findings.append(_every(rule, total, run))
            continue
        findings += [_finding(rule, compiled, scope, ref, run) for scope, ref in subjects]
    return findings


def run_checks(
    role: Role,
    loaded: Loaded[Role],
    checks: list[CheckRule],
    as_of: dt.date | None,
    *,
    covered: Mapping[Statement, frozenset[str]] | None = None,
    not_run: Sequence[NotRun] = (),
    variants: Variants | None = None,
) -> list[Finding]:
    """Findings of the check rules on one role, judged at ``as_of`` or the role's issued date; ``covered`` is
    the catalogue duties each statement covers (``speccheck.audit.coverage.covered_by_statement``), the
    ``duties_covered`` facts (absent when None); ``not_run`` is what could not run, for the
    ``{role.not_run}`` of a message; ``variants`` reads the texts through the text layer."""
    try:
        compiled = _compiled(checks)
    except SpeccheckError as exc:
        return [Finding(rule_id="engine-limit", severity=Severity.ERROR, message=exc.message, fix=exc.hint)]
    subjects = role_facts(
        role,
        as_of,
        covered=frozenset().union(*covered.values()) if covered is not None else None,
        covered_by_duty=(
            {s.index: ids for s, ids in covered.items() if s.kind == "duty"} if covered is not None else None
        ),
        only=compiled.scope_facts,
    )
    facts, hits = _engine_facts(compiled, subjects, variants)
    run = _RoleRun(
        role=role, loaded=loaded, day=judged_at(role, as_of), subjects=subjects, hits=hits, not_run=tuple(not_run)
    )
    fired: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for rule_name, fact in engine_for(compiled.program).run_facts(facts):
        rule_id = rule_name[len(MET_PREFIX) :]
        scope, ref = fact["t"], str(fact["ref"])
        if (rule_id, scope, ref) in seen:
            continue  # $or branches fire once each
        seen.add((rule_id, scope, ref))
        fired.setdefault(rule_id, []).append((scope, ref))
    return _grouped(fired, compiled, run)
