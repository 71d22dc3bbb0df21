"""Shortlist ranking: tie order, panel scores and moderation, agreement, provisional shortlists,
applicants from CSV, bad input, the decision rule shared with evaluate, and JSON written in pieces."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.results.evaluation import Decision, Verdict
from speccheck.results.shortlist import ShortlistReport
from speccheck.shortlist.batch import FileSource, Setup, compile_setup, run_batch
from speccheck.shortlist.ranking import build_shortlist
from speccheck.shortlist.sheets import Sheets
from speccheck.shortlist.sheets_csv import parse_moderation_csv, parse_scores_csv

ROOT = Path(__file__).resolve().parents[2]
HEAD = "samples/roles/head-of-school-completed.yaml"
ASSISTANT = "samples/roles/assistant-head-teaching-learning.yaml"


@pytest.fixture(scope="module")
def head_batch() -> tuple[object, list[object]]:
    setup = Setup(str(ROOT / HEAD), HEAD, (), dt.date(2021, 3, 1))
    compiled, problems = compile_setup(setup)
    assert compiled is not None, problems
    sources = [
        FileSource(str(p), f"samples/candidates/{p.name}")
        for p in sorted((ROOT / "samples" / "candidates").glob("*.yaml"))
    ]
    return compiled, run_batch(setup, sources, compiled=compiled)


def _report(
    head_batch: tuple[object, list[object]], sheet_text: str = "", moderation: str = "", **options: object
) -> ShortlistReport:
    compiled, evaluated = head_batch
    sheets = parse_scores_csv(sheet_text, "s.csv") if sheet_text else Sheets()
    if moderation:
        sheets.extend(parse_moderation_csv(moderation, "m.csv"))
    return build_shortlist(compiled, evaluated, sheets, as_of=dt.date(2021, 3, 1), **options)  # type: ignore[arg-type]


def _by_id(report: ShortlistReport) -> dict[str, object]:
    return {c.candidate_id: c for c in report.candidates}


def test_ranking_order_and_ties_without_scores(head_batch: tuple[object, list[object]]) -> None:
    report = _report(head_batch)
    order = [(c.decision, c.essential_met, c.desirable_score, c.candidate_id) for c in report.candidates]
    assert [o[3] for o in order] == ["C-005", "C-001", "C-003", "C-002", "C-008", "C-007", "C-004", "C-006"]
    rank = {Decision.SHORTLIST: 0, Decision.REVIEW: 1, Decision.REJECT: 2}
    keys = [(-e, rank[d], -w, i) for d, e, w, i in order]
    assert keys == sorted(keys)
    assert [c.rank for c in report.candidates] == list(range(1, 9))
    assert report.provisional and report.provisional_reason and "no panel scores" in report.provisional_reason
    assert report.decisions == {"shortlist": 1, "review": 4, "reject": 3}
    assert all(c.decision is c.machine_decision for c in report.candidates)


def test_a_near_empty_application_never_ranks_above_one_that_meets_more(
    head_batch: tuple[object, list[object]],
) -> None:
    """The sparse application (nothing addressed: a review) used to rank above every reject, however much they
    met, because the decision sorted first. What an application meets now comes first."""
    report = _report(head_batch)
    sparse = _by_id(report)["C-006"]
    assert sparse.decision is Decision.REVIEW and sparse.essential_met == 0  # type: ignore[attr-defined]
    for other in report.candidates:
        if other.essential_met > sparse.essential_met:  # type: ignore[attr-defined]
            assert other.rank < sparse.rank, (other.candidate_id, other.rank)  # type: ignore[attr-defined]
    assert report.candidates[0].decision is Decision.SHORTLIST  # the shortlist still heads the ranking
    assert report.candidates[-1].candidate_id == "C-006"


def test_tie_order_does_not_depend_on_input_order(head_batch: tuple[object, list[object]]) -> None:
    compiled, evaluated = head_batch
    forward = build_shortlist(compiled, evaluated, Sheets(), as_of=dt.date(2021, 3, 1))  # type: ignore[arg-type]
    backward = build_shortlist(compiled, list(reversed(evaluated)), Sheets(), as_of=dt.date(2021, 3, 1))  # type: ignore[arg-type]
    assert forward == backward


def test_weights_count_in_the_desirable_score(tmp_path: Path) -> None:
    role = (
        (ROOT / HEAD)
        .read_text()
        .replace(
            "    level: desirable\n    category: qualifications\n    assessed_by: [application, certificate]\n    condition: {fact: recent_leadership_training",
            "    level: desirable\n    weight: 5\n    category: qualifications\n    assessed_by: [application, certificate]\n    condition: {fact: recent_leadership_training",
        )
    )
    assert "weight: 5" in role
    (tmp_path / "role.yaml").write_text(role)
    setup = Setup(str(tmp_path / "role.yaml"), "role.yaml", (), dt.date(2021, 3, 1))
    compiled, _ = compile_setup(setup)
    evaluated = run_batch(
        setup, [FileSource(str(ROOT / "samples/candidates/strong-deputy.yaml"), "c.yaml")], compiled=compiled
    )
    report = build_shortlist(compiled, evaluated, Sheets(), as_of=dt.date(2021, 3, 1))  # type: ignore[arg-type]
    assert report.candidates[0].desirable_score == 13  # DS01 counts 5, the other eight 1 each


def test_panel_scores_decide_evidenced_criteria_and_keep_the_machine_verdict(
    head_batch: tuple[object, list[object]],
) -> None:
    sheet = "panellist,candidate,criterion,score\nAnn,C-005,E02,1\nBo,C-005,E02,1\nAnn,C-005,E06,3\nBo,C-005,E06,2\nAnn,C-005,E01,0\nBo,C-005,E01,0\n"
    report = _report(head_batch, sheet)
    priya = _by_id(report)["C-005"]
    cells = {c.criterion_id: c for c in priya.cells}  # type: ignore[attr-defined]
    assert (cells["E02"].machine_verdict, cells["E02"].verdict, cells["E02"].panel_score) == (
        Verdict.EVIDENCED,
        Verdict.NOT_MET,
        1.0,
    )
    assert (cells["E06"].verdict, cells["E06"].panel_score) == (Verdict.MET, 2.5)
    assert (
        cells["E01"].verdict is Verdict.MET and cells["E01"].panel_score == 0.0
    )  # a machine verdict is not changed by scores
    assert priya.decision is Decision.REJECT and priya.machine_decision is Decision.SHORTLIST  # type: ignore[attr-defined]
    assert "E02" in priya.decision_reason  # type: ignore[attr-defined]
    assert priya.panel_total == 3.5 and not priya.provisional  # type: ignore[attr-defined]
    assert not report.provisional


def test_two_point_disagreement_is_discussed_until_moderated(head_batch: tuple[object, list[object]]) -> None:
    sheet = "panellist,candidate,criterion,score\nAnn,C-005,E02,0\nBo,C-005,E02,2\nCy,C-005,E02,2\n"
    report = _report(head_batch, sheet)
    cell = next(c for c in _by_id(report)["C-005"].cells if c.criterion_id == "E02")  # type: ignore[attr-defined]
    assert cell.discuss and cell.panel_score is None and cell.verdict is Verdict.EVIDENCED
    assert [(d.candidate, d.criterion_id, d.spread) for d in report.discussion] == [("C-005", "E02", 2)]
    moderated = _report(head_batch, sheet, "candidate,criterion,score,reason\nC-005,E02,1,agreed: no senior post yet\n")
    cell = next(c for c in _by_id(moderated)["C-005"].cells if c.criterion_id == "E02")  # type: ignore[attr-defined]
    assert not cell.discuss and cell.panel_score == 1.0 and cell.verdict is Verdict.NOT_MET
    assert cell.moderated and cell.moderated.reason == "agreed: no senior post yet"
    assert moderated.discussion[0].moderated is not None  # still listed, with the agreed score


def test_conflict_and_provisional(head_batch: tuple[object, list[object]]) -> None:
    sheet = "panellist,candidate,criterion,score,note\nAnn,C-005,E02,3,\nBo,C-005,,conflict,sister\nBo,C-005,E02,0,\nBo,C-003,E02,2,\nAnn,C-003,E02,2,\n"
    report = _report(head_batch, sheet)
    priya, harriet = _by_id(report)["C-005"], _by_id(report)["C-003"]
    assert priya.conflicted_panellists == ["Bo"] and priya.scoring_panellists == ["Ann"]  # type: ignore[attr-defined]
    assert priya.provisional and not harriet.provisional  # type: ignore[attr-defined]
    assert [(c.panellist, c.candidate, c.reason) for c in report.conflicts] == [("Bo", "C-005", "sister")]
    assert not report.provisional
    only_one = _report(head_batch, "panellist,candidate,criterion,score\nAnn,C-005,E02,3\n")
    assert only_one.provisional and "Ann" in (only_one.provisional_reason or "")


def test_agreement_is_reported_per_criterion_and_overall(head_batch: tuple[object, list[object]]) -> None:
    sheet = (
        "panellist,candidate,criterion,score\n"
        + "".join(
            f"{p},{c},E02,{s}\n"
            for p, c, s in [
                ("A", "C-005", 3),
                ("B", "C-005", 3),
                ("A", "C-003", 1),
                ("B", "C-003", 1),
                ("A", "C-008", 2),
                ("B", "C-008", 2),
            ]
        )
        + "A,C-005,E06,3\nB,C-005,E06,0\nA,C-003,E06,0\nB,C-003,E06,3\n"
    )
    agreement = _report(head_batch, sheet).agreement
    per = {c.criterion_id: c for c in agreement.criteria}
    assert per["E02"].alpha == 1.0 and per["E02"].units == 3
    assert per["E06"].alpha is not None and per["E06"].alpha < 0
    assert per["E07"].alpha is None and per["E07"].units == 0
    assert agreement.alpha is not None and -1 < agreement.alpha < per["E02"].alpha and agreement.units == 5


def test_bad_candidate_files_are_reported_and_the_rest_ranked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in sorted((ROOT / "samples" / "candidates").glob("*.yaml"))[:3]:
        (tmp_path / path.name).write_text(path.read_text())
    (tmp_path / "broken.yaml").write_text("kind: candidate\nversion: 1\nid: C-9\nevidence:\n  - text: [unclosed\n")
    (tmp_path / "wrong.yaml").write_text("kind: candidate\nversion: 1\nid: C-10\nqualifications: 3\n")
    (tmp_path / "twin.yaml").write_text((ROOT / "samples/candidates/strong-deputy.yaml").read_text())
    (tmp_path / "twin2.yaml").write_text((ROOT / "samples/candidates/strong-deputy.yaml").read_text())
    out = tmp_path / "out.json"
    code = main(["shortlist", HEAD, str(tmp_path), "-o", str(out)])
    err = capsys.readouterr().err
    report = json.loads(out.read_text())
    assert code == ExitCode.FINDINGS
    assert len(report["candidates"]) == 4
    where = {(f["rule_id"], Path(f["position"]["path"]).name, f["position"]["line"]) for f in report["findings"]}
    assert ("yaml-syntax", "broken.yaml", 6) in where or any(w[1] == "broken.yaml" for w in where)
    assert ("schema", "wrong.yaml", 4) in where
    assert ("candidate-duplicate-id", "twin2.yaml", 1) in where
    assert "broken.yaml" in err and "wrong.yaml" in err


def test_score_rows_for_unknown_things_are_findings(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(
        "panellist,candidate,criterion,score\nAnn,C-005,E02,3\nAnn,C-999,E02,3\nAnn,C-005,X9,3\nAnn,C-005,E06,7\n"
    )
    out = tmp_path / "out.json"
    code = main(["shortlist", HEAD, "samples/candidates", "--scores", str(sheet), "-o", str(out)])
    report = json.loads(out.read_text())
    assert code == ExitCode.FINDINGS
    found = sorted((f["rule_id"], f["position"]["line"], f["position"]["col"]) for f in report["findings"])
    assert found == [("score-out-of-scale", 5, 4), ("score-unknown-candidate", 3, 2), ("score-unknown-criterion", 4, 3)]
    assert len(report["candidates"]) == 8


APPLICANTS = """\
id,first_name,last_name,email,qualified_teacher_status,qualifications,training,job_1_title,job_1_organisation,job_1_started_on,job_1_current,job_1_key_stages,job_1_responsibilities,evidence_E02,personal_statement
R-1,Ada,Quill,ada@example.org,yes,BEd Primary; NPQH,NPQSL (in progress),Deputy Headteacher,Hill School,01/09/2010,yes,ks1; ks2,Led whole-school CPD,I have led a team of twelve teachers.,I am Ada.
R-2,Ben,Stroud,,no,PGCE,,Teacher,Vale School,2015-09-01,maybe,ks3,,,
R-3,Cy,Marsh,,yes,BSc,,Teacher,Dale School,2012-09-01,yes,ks3,,,
"""


def test_applicants_csv_rows_are_candidates_with_row_positions(tmp_path: Path) -> None:
    sheet = tmp_path / "applicants.csv"
    sheet.write_text(APPLICANTS.replace("personal_statement\n", "personal_statement,favourite_colour\n"))
    out = tmp_path / "out.json"
    code = main(["shortlist", HEAD, str(sheet), "-o", str(out)])
    report = json.loads(out.read_text())
    assert code == ExitCode.FINDINGS
    assert sorted(c["candidate_id"] for c in report["candidates"]) == ["R-1", "R-3"]
    ada = next(c for c in report["candidates"] if c["candidate_id"] == "R-1")
    assert ada["name"] == "Ada Quill" and ada["path"] == f"{sheet}:2"
    e02 = next(c for c in ada["cells"] if c["criterion_id"] == "E02")
    assert e02["machine_verdict"] == "evidenced" and e02["evidence"][0]["line"] == 2 and e02["evidence"][0]["col"] == 14
    e01 = next(c for c in ada["cells"] if c["criterion_id"] == "E01")
    assert e01["machine_verdict"] == "met"
    rows = {(f["rule_id"], f["position"]["line"], f["position"]["col"]) for f in report["findings"]}
    assert ("schema", 3, 11) in rows  # job_1_current "maybe" on row 3
    assert ("csv-column", 1, 16) in rows  # the unknown column, a warning


@pytest.mark.parametrize("role", [HEAD, ASSISTANT])
def test_decide_is_evaluates_rule(role: str) -> None:
    """The shortlist decides from final verdicts with evaluate's rule; on the machine verdicts the batch
    carries it must give exactly evaluate's decision and reason."""
    from speccheck.evaluate.decision import decide

    setup = Setup(str(ROOT / role), role, (), dt.date(2021, 3, 1))
    compiled, _ = compile_setup(setup)
    sources = [FileSource(str(p), p.name) for p in sorted((ROOT / "samples" / "candidates").glob("*.yaml"))]
    for item in run_batch(setup, sources, compiled=compiled):
        assert item.result is not None
        verdicts = [(j.criterion_id, j.level, j.verdict) for j in item.result.criteria]
        assert decide(verdicts) == (item.result.decision, item.result.decision_reason)


def test_json_written_in_pieces_is_the_model_json(head_batch: tuple[object, list[object]]) -> None:
    from speccheck.report import shortlist_json

    report = _report(
        head_batch, 'panellist,candidate,criterion,score,note\nAnn,C-005,E02,3,"a ""quoted"" note\nover two lines"\n'
    )
    for case in (report, report.model_copy(update={"candidates": []})):
        assert shortlist_json.render(case) == case.model_dump_json(indent=2) + "\n"
