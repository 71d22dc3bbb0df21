"""A role's criterion conditions -> type-checked, and compiled with the derivations they rely on into one program.

Evaluation builds its per-criterion plans on the program; lint needs only the
findings: a condition that does not type-check, or a program that would cross
one of the engine's limits. The compiler is pure, so nothing here loads the
engine.
"""

from __future__ import annotations

from collections.abc import Iterable

from speccheck.conditions.ast import facts_used
from speccheck.conditions.compiler import Program, Unit, compile_program
from speccheck.conditions.typecheck import condition_findings
from speccheck.core.errors import SpeccheckError
from speccheck.core.findings import Finding, Severity
from speccheck.files.loader import Loaded
from speccheck.files.role import Role
from speccheck.files.rules import DerivationRule
from speccheck.library.loading import RuleLibrary


def routes_for(library: RuleLibrary, facts: Iterable[str]) -> list[DerivationRule]:
    """The equivalent routes (derivations with ``equivalent_for``) that stand in for any of ``facts``."""
    wanted = set(facts)
    return [d for d in library.derivations if wanted & set(d.equivalent_for)]


def needed_derivations(library: RuleLibrary, facts: list[str]) -> list[Unit]:
    """The derivation rules that decide ``facts``, directly or through other derived facts, and the
    equivalent routes that stand in for any of them."""
    by_fact = {d.derives: d for d in library.derivations}
    wanted: dict[str, None] = {}
    seen: set[str] = set()
    queue = list(facts)
    while queue:
        fact = queue.pop()
        if fact in seen:
            continue
        seen.add(fact)
        queue.extend(route.derives for route in routes_for(library, [fact]))
        if fact in by_fact:
            wanted[fact] = None
            queue.extend(facts_used(by_fact[fact].when))
    return [
        Unit(name=by_fact[f].derives, condition=by_fact[f].when, origin=f"rules/{by_fact[f].id}")
        for f in sorted(wanted)
    ]


def role_program(loaded: Loaded[Role], library: RuleLibrary) -> tuple[Program | None, list[Finding]]:
    """Check every criterion condition and compile them; findings say what is wrong where."""
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
        at: tuple[str | int, ...] = ("criteria",)
        for index, criterion in enumerate(role.criteria):
            if exc.where == f"{loaded.path} criterion {criterion.id}":
                at = ("criteria", index, "condition")
        return None, [
            Finding(
                rule_id="engine-limit",
                severity=Severity.ERROR,
                message=exc.message,
                position=loaded.position(at),
                fix=exc.hint,
            )
        ]
    return program, []
