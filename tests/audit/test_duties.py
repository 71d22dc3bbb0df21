"""Coverage tables: the words that matched, decoys refused, covers: ids checked against the catalogues."""

from __future__ import annotations

from pathlib import Path

from speccheck.audit.duties import duty_coverage
from speccheck.audit.run import audit_role
from speccheck.core.findings import Severity
from speccheck.files.loader import Loaded, load_as, load_text
from speccheck.files.role import Role
from speccheck.files.rules import DutyCatalogue
from speccheck.library.loading import RuleLibrary
from speccheck.results.audit import duty_label

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


def _catalogue(library: RuleLibrary, name: str) -> DutyCatalogue:
    return next(c for c in library.duty_catalogues if c.id == name)


def _loaded(text: str) -> Loaded[Role]:
    loaded = load_text(text, "r.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    return loaded


def test_a_role_with_nothing_to_search_gets_one_finding_not_one_per_duty(library: RuleLibrary) -> None:
    loaded = _loaded("kind: role\nversion: 1\ntitle: Deputy\npost_type: deputy_headteacher\n")
    assert loaded.model is not None
    table, findings = duty_coverage(loaded.model, _catalogue(library, "stpcd-deputy-assistant"), loaded)
    assert table.covered == 0 and table.total == len(table.rows) > 1
    (finding,) = findings
    assert f"the role has no job description, so none of its {table.total} duties is covered" in finding.message


def test_a_standards_catalogue_sums_up_what_is_missing(library: RuleLibrary) -> None:
    loaded = _loaded(
        "kind: role\nversion: 1\ntitle: Head\npost_type: headteacher\nduties:\n  - {id: D1, text: Teach a class}\n"
    )
    assert loaded.model is not None
    catalogue = _catalogue(library, "headteachers-standards-2020")
    table, findings = duty_coverage(loaded.model, catalogue, loaded, severity=Severity.INFO)
    (finding,) = findings
    missing = [r for r in table.rows if r.status == "missing"]
    assert finding.severity is Severity.INFO and table.severity == "info"
    # the standards in their words ("Ethics and professional conduct"; "1. School culture"), the ids only in the fix
    assert finding.message.endswith(
        f"{len(missing)} of {table.total} not covered by the job description or "
        f"person specification: " + "; ".join(duty_label(r.text) for r in missing)
    )
    assert "Ethics and professional conduct; 1. School culture; 2. Teaching" in finding.message
    assert finding.fix is not None and ", ".join(r.duty_id for r in missing) in finding.fix
    assert finding.position is not None and finding.position.line == 5  # the duties: key
