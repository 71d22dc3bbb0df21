"""Panel scores per cell: moderated first, else the median within one point, else to discuss."""

from __future__ import annotations

from speccheck.results.evaluation import Verdict
from speccheck.shortlist.panel import Panel, final_verdict
from speccheck.shortlist.scores import Scale, resolve
from speccheck.shortlist.sheets_csv import parse_moderation_csv, parse_scores_csv

SCALE = Scale(scale_max=3, pass_mark=2)
CANDIDATES = {"C-1": "C-1", "C-2": "C-2", "C-3": "C-3"}


def _panel() -> Panel:
    sheets = parse_scores_csv(
        "panellist,candidate,criterion,score\n"
        "Bo,C-1,E1,2\nAnn,C-1,E1,3\nAnn,C-1,E2,0\nBo,C-1,E2,2\nAnn,C-2,E1,1\nBo,C-2,E1,3\nCy,C-2,,conflict\n",
        "s.csv",
    )
    sheets.extend(parse_moderation_csv("candidate,criterion,score,reason\nC-2,E1,2,agreed\n", "m.csv"))
    return Panel(resolve(sheets, ["E1", "E2"], CANDIDATES, SCALE))


def test_median_within_one_point_and_scores_by_panellist() -> None:
    cell = _panel().cell("C-1", "E1")
    assert [s.panellist for s in cell.scores] == ["Ann", "Bo"]
    assert (cell.spread, cell.panel_score, cell.moderated) == (1, 2.5, None)


def test_two_points_apart_has_no_panel_score_until_moderated() -> None:
    panel = _panel()
    assert (panel.cell("C-1", "E2").spread, panel.cell("C-1", "E2").panel_score) == (2, None)
    moderated = panel.cell("C-2", "E1")
    assert moderated.spread == 2 and moderated.panel_score == 2.0 and moderated.moderated is not None


def test_unscored_candidates_and_conflicts() -> None:
    panel = _panel()
    assert panel.cell("C-3", "E1").scores == () and panel.cell("C-3", "E1").panel_score is None
    assert panel.conflicted("C-2") == ["Cy"] and panel.conflicted("C-1") == []


def test_only_evidenced_verdicts_take_the_panel_score() -> None:
    assert final_verdict(Verdict.EVIDENCED, 2.0, SCALE) is Verdict.MET
    assert final_verdict(Verdict.EVIDENCED, 1.5, SCALE) is Verdict.NOT_MET
    assert final_verdict(Verdict.EVIDENCED, None, SCALE) is Verdict.EVIDENCED
    assert final_verdict(Verdict.NO_EVIDENCE, 3.0, SCALE) is Verdict.NO_EVIDENCE
    assert final_verdict(Verdict.NOT_MET, 3.0, SCALE) is Verdict.NOT_MET
