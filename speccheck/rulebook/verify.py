"""Rule-pack tests: run the pass/fail examples every rule file carries, and report each outcome.

``verify_pack`` runs the examples of a user's own rule pack (``rules verify``),
as ``conftest verify`` does for OPA policies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from speccheck.audit.coverage import DutyMatcher, library_matchers, matcher_for
from speccheck.audit.run import audit_role
from speccheck.conditions.compiler import compile_program
from speccheck.conditions.engine import engine_for
from speccheck.core.findings import Finding, Position, Severity, sorted_findings
from speccheck.evaluate.features import feature_values
from speccheck.facts.candidate import CLOSED_TEXTS, candidate_facts
from speccheck.facts.values import engine_values
from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_text, of_kind
from speccheck.files.role import PostType, Role
from speccheck.files.rules import CheckRule, DerivationRule, DutyCatalogue, Example
from speccheck.library.loading import RuleLibrary
from speccheck.library.programs import needed_derivations
from speccheck.results.verify import ExampleOutcome, VerifyReport
from speccheck.rulebook.descriptors import shown_rule_path

EXAMPLE_DATE = dt.date(2025, 9, 1)


@dataclass(frozen=True)
class ExampleResult:
    rule_id: str
    kind: str  # pass or fail
    name: str
    ok: bool
    expected: Any
    got: Any
    detail: str = ""


def example_role(rule: CheckRule, fragment: dict[str, Any]) -> dict[str, Any]:
    """A minimal valid role for a check's post types, with the example's fields over it."""
    post_type = next((p.value for p in rule.applies_to if isinstance(p, PostType)), "deputy_headteacher")
    base: dict[str, Any] = {
        "kind": "role",
        "version": 1,
        "title": "Example post",
        "post_type": post_type,
        "issued": EXAMPLE_DATE,
    }
    return {**base, **fragment}


def _run_derivation(library: RuleLibrary, rule: DerivationRule, example: Example) -> tuple[Any, str]:
    text = yaml.safe_dump({"kind": "candidate", "version": 1, **example.input}, sort_keys=False)
    loaded = of_kind(load_text(text, f"{rule.id}:example"), Candidate)
    if loaded.model is None:
        return "invalid", "; ".join(f.message for f in loaded.findings)
    program = compile_program([], needed_derivations(library, [rule.derives]))
    facts = candidate_facts(loaded.model, library.normaliser, EXAMPLE_DATE)
    features, _ = feature_values(
        program, facts, closed_world=False, variants=library.normaliser.variants, closed_texts=CLOSED_TEXTS
    )
    values = engine_values(facts)
    values.update(features)
    derived = engine_for(program).derive(values)
    return derived.get(rule.derives), ""


def _run_check(library: RuleLibrary, rule: CheckRule, example: Example) -> tuple[Any, str]:
    text = yaml.safe_dump(example_role(rule, example.input), sort_keys=False)
    loaded = of_kind(load_text(text, f"{rule.id}:example"), Role)
    if loaded.model is None:
        return "invalid", "; ".join(f.message for f in loaded.findings)
    # the duty catalogues too: a check may test the duties a role covers (duties_covered)
    only = RuleLibrary(checks=[rule], duty_catalogues=library.duty_catalogues, vocabulary=library.vocabulary)
    findings = [f for f in audit_role(loaded, only).findings if f.rule_id == rule.id]
    return len(findings), "; ".join(f.message for f in findings)


def _duty_examples(catalogue: DutyCatalogue, matchers: Mapping[str, DutyMatcher]) -> list[ExampleResult]:
    """Each duty's example statements through the matcher (with the duties it includes): pass ones must cover
    it, fail ones must not."""
    results = []
    for duty in catalogue.duties:
        matcher = matchers[duty.id]
        for kind, texts in (("pass", duty.examples.passing), ("fail", duty.examples.failing)):
            for text in texts:
                found = matcher.match(text)
                got = found is not None
                detail = f"matched {list(found.words)}" if found else "no match"
                results.append(
                    ExampleResult(
                        catalogue.id, kind, f"{duty.id}: {text}", got == (kind == "pass"), kind == "pass", got, detail
                    )
                )
    return results


def verify(library: RuleLibrary, *, duty_examples: bool = True) -> list[ExampleResult]:
    """Every example of every derivation and check rule through the engine, and (``duty_examples``) of every duty
    through the matcher."""
    results = []
    rules: list[DerivationRule | CheckRule] = [*library.derivations, *library.checks]
    for rule in sorted(rules, key=lambda r: r.id):
        for kind, examples in (("pass", rule.examples.passing), ("fail", rule.examples.failing)):
            for example in examples:
                if isinstance(rule, DerivationRule):
                    got, detail = _run_derivation(library, rule, example)
                    expected = example.expect
                else:
                    got, detail = _run_check(library, rule, example)
                    expected = example.expect if example.expect is not None else (0 if kind == "pass" else 1)
                results.append(ExampleResult(rule.id, kind, example.name, got == expected, expected, got, detail))
    if not duty_examples:
        return results
    try:
        matchers = library_matchers(library.duty_catalogues, library.normaliser.variants)
    except ValueError:  # an unknown included duty (the library's own finding says so): run without includes
        matchers = {
            d.id: matcher_for(d, c.synonyms, library.normaliser.variants)
            for c in library.duty_catalogues
            for d in c.duties
        }
    for catalogue in sorted(library.duty_catalogues, key=lambda c: c.id):
        results.extend(_duty_examples(catalogue, matchers))
    return results


# --------------------------------------------------------------------------- rule packs


def verify_pack(library: RuleLibrary, folders: list[Path] | None, *, base: Path | None = None) -> VerifyReport:
    """Run the examples of the rules defined under ``folders`` (all rules when None)."""

    def inside(rule_id: str) -> bool:
        if folders is None:
            return True
        loaded = library.files.get(rule_id)
        if loaded is None:
            return False
        path = Path(loaded.path).resolve()
        return any(path.is_relative_to(folder.resolve()) for folder in folders)

    def shown(rule_id: str) -> str | None:
        loaded = library.files.get(rule_id)
        return shown_rule_path(loaded.path, base) if loaded else None

    every: list[DerivationRule | CheckRule] = [*library.derivations, *library.checks]
    rules = [r for r in every if inside(r.id)]
    selected = RuleLibrary(
        derivations=library.derivations,
        checks=[r for r in library.checks if inside(r.id)],
        duty_catalogues=library.duty_catalogues,  # a check may test the duties a role covers (duties_covered)
        vocabulary=library.vocabulary,
        files=library.files,
    )
    wanted = {r.id for r in rules}
    outcomes = [
        ExampleOutcome(
            rule_id=result.rule_id,
            kind=result.kind,
            name=result.name,
            ok=result.ok,
            expected=result.expected,
            got=result.got,
            detail=result.detail,
            path=shown(result.rule_id),
        )
        for result in verify(selected, duty_examples=False)
        if result.rule_id in wanted
    ]
    findings = [_reshown(f, base) for f in library.findings if folders is None or _under(f, folders)]
    for rule in rules:
        if not rule.examples.passing or not rule.examples.failing:
            loaded = library.files.get(rule.id)
            missing = " and ".join(
                k for k, v in (("pass", rule.examples.passing), ("fail", rule.examples.failing)) if not v
            )
            findings.append(
                Finding(
                    rule_id="rule-examples",
                    severity=Severity.ERROR,
                    message=f'rule "{rule.id}" has no {missing} example',
                    position=_reposition(loaded.position(("examples",), key=True), base) if loaded else None,
                    fix="add examples: a rule's examples are its tests",
                )
            )
    return VerifyReport(
        rules=sorted(r.id for r in rules),
        examples=sorted(outcomes, key=lambda o: (o.rule_id, o.kind != "pass", o.name)),
        findings=sorted_findings(findings),
    )


def _under(finding: Finding, folders: list[Path]) -> bool:
    if finding.position is None:
        return True
    path = Path(finding.position.path).resolve()
    return any(path.is_relative_to(folder.resolve()) for folder in folders)


def _reposition(position: Position, base: Path | None) -> Position:
    return position.model_copy(update={"path": shown_rule_path(position.path, base)})


def _reshown(finding: Finding, base: Path | None) -> Finding:
    if finding.position is None:
        return finding
    return finding.model_copy(update={"position": _reposition(finding.position, base)})
