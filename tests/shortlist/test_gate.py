"""The role's audit gates the shortlist: which findings leave a criterion out, and what that does to the
decisions, the scores, the outputs and --strict."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.core.findings import Finding, Position, Severity
from speccheck.files.loader import load_as
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary, load_library
from speccheck.shortlist.gate import GATES, NOT_GATED, gate_role, gates
from speccheck.shortlist.run import Refused, ShortlistRequest, ShortlistRun, make_shortlist

ROOT = Path(__file__).resolve().parents[2]
PASTORAL = ROOT / "samples/roles/assistant-head-pastoral.yaml"
HEADTEACHER = ROOT / "samples/roles/headteacher.yaml"
CANDIDATES = ROOT / "samples/candidates"


@pytest.fixture(scope="module")
def library() -> RuleLibrary:
    return load_library()


def test_the_table_names_real_rules_and_decides_every_equality_rule_on_a_criterion(library: RuleLibrary) -> None:
    rules = {rule.id: rule for rule in library.checks}
    assert set(GATES) <= set(rules), set(GATES) - set(rules)
    assert not set(GATES) & set(NOT_GATED)
    equality = {rule.id for rule in library.checks if rule.category == "equality" and rule.scope == "criterion"}
    assert equality <= set(GATES) | set(NOT_GATED), equality - set(GATES) - set(NOT_GATED)
    assert {rules[i].category for i in GATES} == {"equality", "clarity"}
    for rule_id, gate in GATES.items():
        expected = (
            ("unlawful", Severity.WARNING) if rules[rule_id].category == "equality" else ("unassessable", Severity.INFO)
        )
        assert (gate.kind, gate.at_least) == expected, rule_id


def test_an_equality_finding_below_warning_does_not_gate() -> None:
    at = Position(path="r.yaml", line=1, col=1)
    faith = Finding(rule_id="faith-criterion", severity=Severity.WARNING, message="m", position=at)
    assert gates(faith) is GATES["faith-criterion"]
    assert gates(faith.model_copy(update={"severity": Severity.INFO})) is None  # a profile may lower it
    assert gates(faith.model_copy(update={"rule_id": "route-exclusive-criterion"})) is None


def test_the_pastoral_role_leaves_out_its_age_limit_faith_and_interview_only_criteria(library: RuleLibrary) -> None:
    gate = gate_role(load_as(PASTORAL, Role), library)
    assert {cid: why.kind for cid, why in gate.left_out.items()} == {
        "E3": "unlawful",  # "Ideally under 35": no-age-limits, a role-scope rule whose words stand in E3's text
        "E4": "unlawful",  # "A practising Christian" at a school with no religious character
        "E6": "unassessable",  # used to shortlist, assessed only at interview
    }
    assert "age limit" in gate.left_out["E3"].reason and gate.left_out["E3"].rules == ("no-age-limits",)
    assert {f.severity for f in gate.findings} == {Severity.ERROR, Severity.WARNING}  # no information
    assert [f.rule_id for f in gate.errors] == ["safer-recruitment-trained-panel", "no-age-limits"]


def test_a_headteacher_role_with_a_faith_character_keeps_its_faith_criterion(library: RuleLibrary) -> None:
    gate = gate_role(load_as(HEADTEACHER, Role), library)
    assert "E8" not in gate.left_out  # the school states its religious character
    assert {"E2", "E9", "E10", "E12"} <= set(gate.left_out)  # NPQH essential; energetic; health; interview only


def _pastoral(library: RuleLibrary, **options: object) -> ShortlistRun | Refused | None:
    made, problems = make_shortlist(
        ShortlistRequest(role=PASTORAL, candidates=(CANDIDATES,), today=dt.date(2030, 1, 1), record=False, **options),  # type: ignore[arg-type]
        library,
    )
    assert problems == []
    return made


def test_left_out_criteria_are_kept_out_of_decisions_counts_and_hints(library: RuleLibrary) -> None:
    made = _pastoral(library)
    assert isinstance(made, ShortlistRun)
    report = made.report
    assert [f.rule_id for f in report.audit][:2] == ["safer-recruitment-trained-panel", "stpcd-deputy-assistant"]
    info = {c.id: c for c in report.criteria}
    assert info["E3"].left_out is not None and info["E3"].left_out.kind == "unlawful"
    assert info["E2"].left_out is None
    for candidate in report.candidates:
        for cell in candidate.cells:
            if cell.criterion_id in ("E3", "E4", "E6"):
                assert cell.left_out and cell.evidence == [] and cell.needs is None and cell.scores == []
                assert cell.summary.startswith("left out of the decision: ")
        for gone in ("E3", "E4", "E6"):
            assert gone not in candidate.decision_reason.replace(",", " ").split()
    desirable = [c for c in report.candidates if c.desirable_score]
    assert all(c.desirable_score <= 1 for c in desirable)  # DS2 alone can count: E3 and E4 never do


def test_scores_for_a_left_out_criterion_are_findings_not_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    sheet = tmp_path / "ann.csv"
    sheet.write_text("panellist,candidate,criterion,score\nAnn,C-005,E3,3\nAnn,C-005,E2,2\n")
    out = tmp_path / "out.json"
    assert (
        main(["shortlist", str(PASTORAL), "samples/candidates", "--scores", str(sheet), "-o", str(out)]) == ExitCode.OK
    )
    report = json.loads(out.read_text())
    left = [f for f in report["findings"] if f["rule_id"] == "score-left-out-criterion"]
    assert [(f["severity"], f["position"]["line"], f["position"]["col"]) for f in left] == [("warning", 2, 3)]
    priya = next(c for c in report["candidates"] if c["candidate_id"] == "C-005")
    assert priya["panel_total"] == 2


def test_strict_refuses_a_role_with_audit_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, library: RuleLibrary
) -> None:
    monkeypatch.chdir(ROOT)
    refused = _pastoral(library, strict=True)
    assert isinstance(refused, Refused) and [f.rule_id for f in refused.findings] == [
        "safer-recruitment-trained-panel",
        "no-age-limits",
    ]
    out = tmp_path / "pack.html"
    assert main(["shortlist", str(PASTORAL), "samples/candidates", "--strict", "-o", str(out)]) == ExitCode.FINDINGS
    err = capsys.readouterr().err
    assert "--strict" in err and "no-age-limits" in err and not out.exists()
    head = "samples/roles/head-of-school-completed.yaml"  # warnings and information only: shortlisted
    assert main(["shortlist", head, "samples/candidates", "--strict", "-o", str(tmp_path / "r.json")]) == ExitCode.OK


def test_every_output_opens_with_the_audit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    outputs = [tmp_path / f"s.{suffix}" for suffix in ("json", "txt", "html")]
    assert main(["shortlist", str(PASTORAL), "samples/candidates", *(a for p in outputs for a in ("-o", str(p)))]) == 0
    assert "left out of the decisions: E3, E4, E6" in capsys.readouterr().err
    data = json.loads(outputs[0].read_text())
    assert list(data)[:5] == ["kind", "role_id", "role_title", "role_path", "audit"]
    text = outputs[1].read_text()
    assert text.index("The role's audit") < text.index("Ranking")
    assert text.index("Ideally under 35") < text.index("Ranking")
