"""Run the pass/fail examples that every rule file carries, and report each outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import yaml

from speccheck.audit.coverage import matcher_for
from speccheck.audit.run import audit_role
from speccheck.conditions.compiler import compile_program
from speccheck.conditions.engine import engine_for
from speccheck.evaluate.features import feature_values
from speccheck.evaluate.plans import needed_derivations
from speccheck.facts.candidate import candidate_facts, engine_values
from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_text
from speccheck.files.role import PostType, Role
from speccheck.files.rules import CheckRule, DerivationRule, DutyCatalogue, Example
from speccheck.library.loading import RuleLibrary

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
    loaded = load_text(text, f"{rule.id}:example")
    if not isinstance(loaded.model, Candidate):
        return "invalid", "; ".join(f.message for f in loaded.findings)
    program = compile_program([], needed_derivations(library, [rule.derives]))
    facts = candidate_facts(loaded.model, library.normaliser, EXAMPLE_DATE)
    features, _ = feature_values(program, facts, closed_world=False)
    values = engine_values(facts)
    values.update(features)
    derived = engine_for(program).derive(values)
    return derived.get(rule.derives), ""


def _run_check(library: RuleLibrary, rule: CheckRule, example: Example) -> tuple[Any, str]:
    text = yaml.safe_dump(example_role(rule, example.input), sort_keys=False)
    loaded = load_text(text, f"{rule.id}:example")
    if not isinstance(loaded.model, Role):
        return "invalid", "; ".join(f.message for f in loaded.findings)
    only = RuleLibrary(checks=[rule], vocabulary=library.vocabulary)
    findings = [f for f in audit_role(loaded, only).findings if f.rule_id == rule.id]
    return len(findings), "; ".join(f.message for f in findings)


def _duty_examples(catalogue: DutyCatalogue) -> list[ExampleResult]:
    """Each duty's example statements through the matcher: pass ones must cover it, fail ones must not."""
    results = []
    for duty in catalogue.duties:
        matcher = matcher_for(duty, catalogue.synonyms)
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


def verify(library: RuleLibrary) -> list[ExampleResult]:
    """Every example of every derivation and check rule through the engine, and of every duty through the matcher."""
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
    for catalogue in sorted(library.duty_catalogues, key=lambda c: c.id):
        results.extend(_duty_examples(catalogue))
    return results
