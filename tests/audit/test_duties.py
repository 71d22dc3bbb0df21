"""Coverage tables: the words that matched, decoys refused, covers: ids checked against the catalogues."""

from __future__ import annotations

from pathlib import Path

from speccheck.audit.run import audit_role
from speccheck.files.loader import load_as, load_text
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary

ROOT = Path(__file__).resolve().parents[2]


def test_the_coverage_table_reports_the_words_that_matched(library: RuleLibrary) -> None:
    audit = audit_role(load_as(ROOT / "samples" / "roles" / "deputy-head.yaml", Role), library)
    rows = {r.duty_id: r for r in audit.coverage[0].rows}
    row = rows["stpcd.deputy.major_role.staff_resources"]
    assert row.method == "terms" and row.matched == ["Line manage", "heads of"]
    assert row.how == "matched “Line manage” + “heads of”"
    assert row.statements[0].id == "D4" and row.statements[0].position is not None
    assert row.statements[0].position.line > 1
    # covers: rows keep how == "covers:" and still show the words that would have matched
    head = audit_role(load_as(ROOT / "samples" / "roles" / "head-of-school.yaml", Role), library)
    aims = next(r for r in head.coverage[0].rows if r.duty_id == "stpcd.deputy.major_role.aims_objectives")
    assert aims.how == "covers:" and aims.method == "covers" and aims.matched == ["formulating", "aims"]


def test_decoys_in_the_deputy_sample_are_not_taken(library: RuleLibrary) -> None:
    audit = audit_role(load_as(ROOT / "samples" / "roles" / "deputy-head.yaml", Role), library)
    rows = {r.duty_id: r for r in audit.coverage[0].rows}
    assert rows["stpcd.deputy.absence"].status == "missing"  # D8 represents, D9 monitors attendance
    assert "D9" not in rows["stpcd.deputy.major_role.monitoring"].covered_by


def test_an_unknown_covers_id_is_a_located_error(library: RuleLibrary) -> None:
    text = "kind: role\nversion: 1\ntitle: D\npost_type: deputy_headteacher\nduties:\n  - {id: D1, text: x, covers: [stpcd.deputy.nope]}\n"
    findings = [f for f in audit_role(load_text(text, "r.yaml"), library).findings if f.rule_id == "unknown-duty-id"]
    assert len(findings) == 1 and findings[0].position is not None and findings[0].position.line == 6
