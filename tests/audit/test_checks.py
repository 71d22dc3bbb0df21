"""Check rules over a role: conditions type-checked against their scope, firings located and their messages filled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from speccheck.audit.checks import check_findings, compile_checks, run_checks
from speccheck.audit.coverage import covered_by_statement
from speccheck.files.loader import load_text
from speccheck.files.role import Role
from speccheck.files.rules import CheckRule
from speccheck.library.loading import load_library

SOURCE = [{"doc": "D", "para": "1", "provenance": "V-PRIMARY"}]
ROLE = """kind: role
version: 1
title: Deputy head
post_type: deputy_headteacher
issued: 2024-01-01
duties:
  - {id: D1, text: Lead the curriculum}
criteria:
  - {id: E1, text: Leads a team, level: essential, category: skills}
  - {id: E2, text: A sense of humour, level: essential, category: personal_qualities}
"""


def _rule(rule_id: str, scope: str, when: dict[str, Any], message: str) -> CheckRule:
    return CheckRule.model_validate(
        {
            "kind": "rule",
            "version": 1,
            "type": "check",
            "id": rule_id,
            "title": "t",
            "category": "clarity",
            "severity": "warning",
            "applies_to": ["all"],
            "scope": scope,
            "when": when,
            "message": message,
            "source": SOURCE,
            "rationale": "r",
            "fix": "f",
            "examples": {"pass": [], "fail": []},
        }
    )


def _run(*rules: CheckRule) -> list[tuple[str, str, int | None]]:
    loaded = load_text(ROLE, "r.yaml")
    assert isinstance(loaded.model, Role)
    found = run_checks(loaded.model, loaded, list(rules), None)
    return sorted((f.rule_id, f.message, f.position.line if f.position else None) for f in found)


def test_a_criterion_finding_points_at_the_criterion_and_names_it() -> None:
    rule = _rule(
        "humour", "criterion", {"fact": "text", "matches": ["humou?r"]}, 'criterion "{criterion.id}" says {match}'
    )
    assert _run(rule) == [("humour", 'criterion "E2" says humour', 10)]


def test_a_role_finding_points_at_the_text_its_test_matched() -> None:
    rule = _rule(
        "curriculum", "role", {"fact": "jd_text", "matches": ["curriculum"]}, "{role.title} on {role.date}: {match}"
    )
    assert _run(rule) == [("curriculum", "Deputy head on 2024-01-01: curriculum", 7)]


def test_a_duty_finding_fills_the_duty_and_an_or_fires_once() -> None:
    when = {"any": [{"fact": "text", "matches": ["lead"]}, {"fact": "text", "matches": ["curriculum"]}]}
    rule = _rule("lead", "duty", when, 'duty "{duty.id}": {duty.text}')
    assert _run(rule) == [("lead", 'duty "D1": Lead the curriculum', 7)]


def test_only_tests_that_are_not_negated_give_the_match() -> None:
    when = {"all": [{"fact": "text", "matches": ["team"]}, {"not": {"fact": "text", "matches": ["humour"]}}]}
    compiled = compile_checks([_rule("team", "criterion", when, "m")])
    (name,) = compiled.positive_features["team"]
    assert next(f for f in compiled.program.features if f.name == name).patterns == ("team",)


def test_a_rule_testing_a_fact_its_scope_lacks_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "pack" / "clarity"
    folder.mkdir(parents=True)
    (folder / "bad-fact.yaml").write_text(
        "kind: rule\nversion: 1\ntype: check\nid: bad-fact\ntitle: t\ncategory: clarity\nseverity: info\n"
        "applies_to: [all]\nscope: duty\nwhen: {fact: level, '==': essential}\nmessage: m\n"
        "source: [{doc: D, para: '1', provenance: V-PRIMARY}]\nrationale: r\nfix: f\n"
        "examples: {pass: [], fail: []}\n"
    )
    library = load_library([tmp_path / "pack"])
    ours = [f for f in check_findings(library) if "bad-fact" in f.message]
    assert [(f.rule_id, f.message) for f in ours] == [("condition", 'rule "bad-fact": unknown duty fact "level"')]
    assert ours[0].position is not None and ours[0].position.line == 10


def test_a_role_finding_with_no_match_points_at_the_part_it_names_when_the_role_has_it() -> None:
    rule = CheckRule.model_validate(
        _rule("no-pay", "role", {"not": {"fact": "advert_text", "matches": ["£"]}}, "m").model_dump(by_alias=True)
        | {"at": "recruitment.advert"}
    )
    with_advert = ROLE + "recruitment:\n  shortlisting_panel_size: 2\n  advert:\n    text: Join us.\n"
    loaded = load_text(with_advert, "r.yaml")
    assert isinstance(loaded.model, Role)
    (finding,) = run_checks(loaded.model, loaded, [rule], None)
    assert finding.position is not None and (finding.position.line, finding.position.col) == (13, 3)
    without = _rule("empty", "role", {"fact": "advert_given", "==": False}, "m").model_dump(by_alias=True)
    # no advert: the criteria, as for a rule with no at:
    assert _run(CheckRule.model_validate(without | {"at": "recruitment.advert"})) == [("empty", "m", 8)]


def test_a_finding_cites_the_edition_in_force_when_the_role_is_judged() -> None:
    """KCSIE's shortlisting paragraph moved (220 in 2022 and 2023, 225 in 2024, 224 in 2025): --as-of picks it."""
    library = load_library()
    rule = next(r for r in library.checks if r.id == "shortlisting-panel-size")
    loaded = load_text(ROLE + "recruitment: {shortlisting_panel_size: 1}\n", "r.yaml")
    assert isinstance(loaded.model, Role)

    def cited(day: dt.date | None) -> list[str]:
        (finding,) = run_checks(loaded.model, loaded, [rule], day)  # type: ignore[arg-type]
        return [s.cite() for s in finding.sources]

    assert cited(dt.date(2023, 10, 1)) == [
        "Keeping Children Safe in Education 2023 (in force 1 September 2023) para 220 [V-SECONDARY]"
    ]
    assert cited(dt.date(2024, 10, 1)) == [
        "Keeping Children Safe in Education 2024 (in force 1 September 2024) para 225 [V-SECONDARY]"
    ]
    assert cited(dt.date(2025, 10, 1)) == [
        "Keeping Children Safe in Education 2025 (in force 1 September 2025) para 224 [V-SECONDARY]"
    ]


def test_stpcd_editions_2024_and_2025_are_cited_from_their_first_day() -> None:
    library = load_library()
    rule = next(r for r in library.checks if r.id == "assistant-head-deputising-duty")
    text = ROLE.replace("deputy_headteacher", "assistant_headteacher").replace(
        "Lead the curriculum", "Deputise for the headteacher in their absence"
    )
    loaded = load_text(text, "r.yaml")
    assert isinstance(loaded.model, Role)

    covered = covered_by_statement(loaded.model, library.duty_catalogues, library.normaliser.variants)

    def editions(day: dt.date) -> list[str | None]:
        (finding,) = run_checks(loaded.model, loaded, [rule], day, covered=covered)
        return [s.edition for s in finding.sources if s.doc.startswith("School Teachers")]

    assert editions(dt.date(2024, 8, 31)) == ["2021-2023"]
    assert editions(dt.date(2024, 9, 1)) == ["2024 (in force 1 September 2024)"]
    assert editions(dt.date(2025, 9, 1)) == ["2025 (published 16 July 2025, in force 1 September 2025)"]


def test_a_subject_gets_only_the_facts_its_scopes_rules_read_and_no_finding_changes(monkeypatch: Any) -> None:
    """The audit works out, per scope, only the facts its check rules test (and messages name); working out
    every fact gives the same findings on every sample role."""
    import speccheck.audit.checks as checks
    from speccheck.audit.run import audit_role
    from speccheck.facts.role import role_facts

    library = load_library()
    roles = sorted((Path(__file__).resolve().parents[2] / "samples" / "roles").glob("*.yaml"))
    loaded = [load_text(path.read_text(), path.name) for path in roles]
    expected = [audit_role(item, library).findings for item in loaded]  # type: ignore[arg-type]
    read = compile_checks(library.checks).scope_facts
    facts = role_facts(loaded[0].model, None, only=read)  # type: ignore[arg-type]
    assert {
        name for (scope, _), f in facts.items() for name in [*f.values, *f.texts] if name not in read[scope]
    } == set()

    def every_fact(*args: Any, only: Any = None, **kwargs: Any) -> Any:
        return role_facts(*args, **kwargs)

    monkeypatch.setattr(checks, "role_facts", every_fact)
    assert [audit_role(item, library).findings for item in loaded] == expected  # type: ignore[arg-type]
