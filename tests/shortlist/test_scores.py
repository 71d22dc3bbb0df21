"""Panel scores resolved against a role and a batch; sheet files read by their suffix."""

from __future__ import annotations

from pathlib import Path

from speccheck.shortlist.scores import Scale, read_score_sheet, resolve
from speccheck.shortlist.sheets_csv import parse_scores_csv

ROOT = Path(__file__).resolve().parents[2]
SCALE = Scale(scale_max=3, pass_mark=2)
CANDIDATES = {"C-1": "C-1", "A-XYZ": "C-1", "C-2": "C-2"}
CRITERIA = ["E1", "E2", "D1"]


def _where(findings: list, rule_id: str) -> list[str]:  # type: ignore[type-arg]
    return [f"{f.position.line}:{f.position.col}" for f in findings if f.rule_id == rule_id]


def test_resolve_reports_unknown_candidates_criteria_duplicates_and_off_scale() -> None:
    text = (
        "panellist,candidate,criterion,score\n"
        "Ann,C-9,E1,2\nAnn,C-1,E7,2\nAnn,C-1,E1,4\nAnn,C-1,E1,2\nAnn,A-XYZ,E1,3\nAnn,C-1,E2,-1\n"
    )
    resolved = resolve(parse_scores_csv(text, "a.csv"), CRITERIA, CANDIDATES, SCALE)
    assert _where(resolved.findings, "score-unknown-candidate") == ["2:2"]
    assert _where(resolved.findings, "score-unknown-criterion") == ["3:3"]
    assert _where(resolved.findings, "score-out-of-scale") == ["4:4", "7:4"]
    assert _where(resolved.findings, "score-duplicate") == ["6:1"]  # the blind code names the same candidate
    assert [(s.candidate, s.criterion, s.score) for s in resolved.scores] == [("C-1", "E1", 2)]


def test_conflict_removes_that_panellists_scores_for_that_candidate_only() -> None:
    ann = parse_scores_csv(
        "panellist,candidate,criterion,score,note\nAnn,C-1,,conflict,friend\nAnn,C-1,E1,3,\nAnn,C-2,E1,1,\n", "a.csv"
    )
    bo = parse_scores_csv("panellist,candidate,criterion,score\nBo,C-1,E1,2\n", "b.csv")
    ann.extend(bo)
    resolved = resolve(ann, CRITERIA, CANDIDATES, SCALE)
    assert [(s.panellist, s.candidate) for s in resolved.scores] == [("Ann", "C-2"), ("Bo", "C-1")]
    assert [(s.panellist, s.candidate) for s in resolved.removed] == [("Ann", "C-1")]
    assert [f.rule_id for f in resolved.findings] == ["score-conflict-removed"]


def test_sample_sheets_read_cleanly() -> None:
    for path in sorted((ROOT / "samples" / "scores").rglob("*.csv")):
        if path.name == "moderation.csv":
            continue
        sheets = read_score_sheet(path)
        assert sheets.findings == [], path
        assert len({s.panellist for s in sheets.scores} | {c.panellist for c in sheets.conflicts}) == 1, path


def test_missing_sheet_is_a_finding() -> None:
    assert read_score_sheet(Path("/nonexistent/s.csv")).findings[0].rule_id == "file-unreadable"


def test_a_shortlist_without_a_workbook_never_imports_openpyxl(tmp_path: Path) -> None:
    """openpyxl (and the numpy it brings) took a third of a shortlist's start-up: only a workbook needs it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from speccheck.cli import main\n"
        f"main(['shortlist', {str(ROOT / 'samples/roles/head-of-school-completed.yaml')!r},"
        f" {str(ROOT / 'samples/candidates')!r}, '--scores', {str(ROOT / 'samples/scores/head-of-school/lee.csv')!r},"
        f" '-o', {str(tmp_path / 'out.json')!r}, '-o', {str(tmp_path / 'out.html')!r}])\n"
        "print(sorted(m for m in ('openpyxl', 'numpy') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
