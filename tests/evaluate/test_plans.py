"""Compiling a role: a plan per criterion, the derivations it needs, and findings for bad conditions."""

from __future__ import annotations

from speccheck.evaluate.plans import CompiledRole, compile_role, file_stem
from speccheck.files.loader import load_text
from speccheck.library.loading import RuleLibrary


def test_plans_say_what_each_criterion_needs(compiled: CompiledRole) -> None:
    plans = {plan.criterion.id: plan for plan in compiled.plans}
    assert compiled.role_id == "role"  # no id: the file's stem
    assert plans["E1"].essential and plans["E1"].words is not None
    assert plans["E1"].shown[0].name == "has_qts"
    assert plans["E2"].words is None and plans["E2"].query.hints()[:2] == ["curriculum", "led the"]
    assert plans["D1"].features and not plans["D1"].essential
    assert plans["D2"].deferred is not None and plans["D2"].deferred.summary == "deferred: assessed by interview"


def test_a_bad_condition_is_a_finding_at_its_place(library: RuleLibrary) -> None:
    loaded = load_text(
        "kind: role\nversion: 1\ntitle: T\npost_type: deputy_headteacher\ncriteria:\n"
        "  - id: E1\n    text: x\n    level: essential\n    category: other\n    assessed_by: [application]\n"
        "    condition: {fact: no_such_fact, exists: true}\n",
        "r.yaml",
    )
    compiled, findings = compile_role(loaded, library)  # type: ignore[arg-type]
    assert compiled is None
    assert [(f.rule_id, str(f.position)) for f in findings] == [("condition", "r.yaml:11:23")]
    assert 'criterion "E1"' in findings[0].message


def test_file_stem() -> None:
    assert file_stem("a/b/role.yaml") == "role" and file_stem("c:\\x\\cand.json") == "cand" and file_stem("x") == "x"
