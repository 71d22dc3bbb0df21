"""Score sheets and moderation files: formats, positions of every bad row, resolving against a role."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.shortlist.agreement import krippendorff_alpha, median, spread
from speccheck.shortlist.scores import (
    Scale,
    parse_moderation_csv,
    parse_moderation_yaml,
    parse_scores_csv,
    parse_scores_yaml,
    read_score_sheet,
    resolve,
)

ROOT = Path(__file__).resolve().parents[2]
SCALE = Scale(scale_max=3, pass_mark=2)
CANDIDATES = {"C-1": "C-1", "A-XYZ": "C-1", "C-2": "C-2"}
CRITERIA = ["E1", "E2", "D1"]


def _where(findings: list, rule_id: str) -> list[str]:  # type: ignore[type-arg]
    return [f"{f.position.line}:{f.position.col}" for f in findings if f.rule_id == rule_id]


def test_csv_sheet_reads_scores_notes_and_conflicts() -> None:
    text = (
        "Panellist, Candidate ,criterion,SCORE,note\nAnn,C-1,E1,2,good\nAnn,C-2,,conflict,neighbour\n\nAnn,C-1,E2,3,\n"
    )
    sheets = parse_scores_csv(text, "ann.csv")
    assert sheets.findings == []
    assert [(s.panellist, s.candidate, s.criterion, s.score, s.note) for s in sheets.scores] == [
        ("Ann", "C-1", "E1", 2, "good"),
        ("Ann", "C-1", "E2", 3, None),
    ]
    assert [(c.panellist, c.candidate, c.reason, c.position.line) for c in sheets.conflicts] == [
        ("Ann", "C-2", "neighbour", 3)
    ]
    assert sheets.scores[1].position.line == 5  # blank line 4 is skipped, lines still count


def test_csv_positions_are_row_and_column() -> None:
    text = "panellist,candidate,criterion,score\nAnn,C-1,E1,two\nAnn,C-1,E2,\nAnn,C-1,E1,1.5\n"
    sheets = parse_scores_csv(text, "ann.csv")
    assert _where(sheets.findings, "score-not-a-number") == ["2:4", "4:4"]
    assert _where(sheets.findings, "score-missing-field") == ["3:4"]
    assert all(str(f.position).startswith("ann.csv:") for f in sheets.findings)


def test_csv_multiline_note_keeps_the_next_row_position() -> None:
    text = 'panellist,candidate,criterion,score,note\nAnn,C-1,E1,2,"two\nlines"\nAnn,C-1,E2,x,\n'
    sheets = parse_scores_csv(text, "s.csv")
    assert _where(sheets.findings, "score-not-a-number") == ["4:4"]


def test_csv_header_must_name_the_columns() -> None:
    sheets = parse_scores_csv("who,candidate,criterion,score\nAnn,C-1,E1,2\n", "s.csv")
    assert [f.rule_id for f in sheets.findings] == ["score-sheet-column", "score-sheet-header"]
    assert "panellist" in sheets.findings[1].message
    assert sheets.scores == []
    assert parse_scores_csv("", "e.csv").findings[0].rule_id == "score-sheet-empty"


def test_yaml_sheet_with_sheet_panellist_and_positions() -> None:
    text = (
        "kind: scores\nversion: 1\npanellist: Bo\nconflicts:\n  - {candidate: C-2, reason: cousin}\n"
        "scores:\n  - {candidate: C-1, criterion: E1, score: 3}\n  - {candidate: C-1, criterion: E2, score: 9}\n"
    )
    sheets = parse_scores_yaml(text, "bo.yaml")
    assert sheets.findings == []
    assert [(s.panellist, s.score) for s in sheets.scores] == [("Bo", 3), ("Bo", 9)]
    assert sheets.conflicts[0].reason == "cousin"
    resolved = resolve(sheets, CRITERIA, CANDIDATES, SCALE)
    (bad,) = [f for f in resolved.findings if f.rule_id == "score-out-of-scale"]
    assert str(bad.position) == "bo.yaml:8:44"


def test_yaml_sheet_schema_errors_have_positions() -> None:
    sheets = parse_scores_yaml(
        "kind: scores\nversion: 1\nscores:\n  - {candidate: C-1, criterion: E1, score: high}\n", "x.yaml"
    )
    assert sheets.findings and sheets.findings[0].position.line == 4  # type: ignore[union-attr]
    wrong = parse_scores_yaml("kind: candidate\nversion: 1\n", "c.yaml")
    assert wrong.findings[0].rule_id == "file-kind"


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


def test_moderation_needs_a_reason() -> None:
    sheets = parse_moderation_csv("candidate,criterion,score,reason\nC-1,E1,2,agreed\nC-1,E2,1,\n", "m.csv")
    assert [(m.candidate, m.score, m.reason) for m in sheets.moderated] == [("C-1", 2, "agreed")]
    assert _where(sheets.findings, "moderation-missing-field") == ["3:4"]
    yaml_sheets = parse_moderation_yaml(
        "kind: moderation\nversion: 1\nmoderated:\n  - {candidate: C-1, criterion: E1, score: 2}\n", "m.yaml"
    )
    assert yaml_sheets.findings and "reason" in yaml_sheets.findings[0].message


def test_sample_sheets_read_cleanly() -> None:
    for path in sorted((ROOT / "samples" / "scores").rglob("*.csv")):
        if path.name == "moderation.csv":
            continue
        sheets = read_score_sheet(path)
        assert sheets.findings == [], path
        assert len({s.panellist for s in sheets.scores} | {c.panellist for c in sheets.conflicts}) == 1, path


def test_missing_sheet_is_a_finding() -> None:
    assert read_score_sheet(Path("/nonexistent/s.csv")).findings[0].rule_id == "file-unreadable"


# ---------------------------------------------------------------- agreement


def _units(rows: list[list[float | None]]) -> list[list[float]]:
    return [[row[u] for row in rows if row[u] is not None] for u in range(len(rows[0]))]  # type: ignore[misc]


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the worked example with missing data.
_N = None
PUBLISHED = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _N, _N, _N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _N, 3],
    [_N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _N],
]


@pytest.mark.parametrize(("metric", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_alpha_matches_krippendorffs_published_example(metric: str, expected: float) -> None:
    alpha = krippendorff_alpha(_units(PUBLISHED), metric)  # type: ignore[arg-type]
    assert alpha.value is not None and round(alpha.value, 3) == expected
    assert alpha.units == 11  # unit 12 has one value, so it is not pairable


def test_alpha_matches_the_wikipedia_example() -> None:
    rows = [
        [_N, _N, _N, _N, _N, 3, 4, 1, 2, 1, 1, 3, 3, _N, 3],
        [1, _N, 2, 1, 3, 3, 4, 3, _N, _N, _N, _N, _N, _N, _N],
        [_N, _N, 2, 1, 3, 4, 4, _N, 2, 1, 1, 3, 3, _N, 4],
    ]
    assert round(krippendorff_alpha(_units(rows), "nominal").value or 0, 6) == 0.691358
    assert round(krippendorff_alpha(_units(rows), "interval").value or 0, 6) == 0.810845


def test_alpha_edges() -> None:
    assert krippendorff_alpha([[2, 2], [3, 3], [0, 0]]).value == 1.0
    assert krippendorff_alpha([[1], [2]]).value is None
    same = krippendorff_alpha([[2, 2], [2, 2]])
    assert same.value is None and same.note and "same" in same.note
    assert krippendorff_alpha([[0, 3], [3, 0]]).value < 0  # type: ignore[operator]


def test_pairwise_definition_agrees_with_the_coincidence_matrix() -> None:
    """A second, independent formulation: alpha = 1 - D_o / D_e over all pairable pairs (interval)."""
    units = [[1, 2, 2], [3, 3], [0, 1, 3], [2, 2, 2], [1, 3]]
    values = [v for u in units for v in u]
    n = len(values)
    observed = (
        sum(sum((a - b) ** 2 for i, a in enumerate(u) for j, b in enumerate(u) if i != j) / (len(u) - 1) for u in units)
        / n
    )
    expected = sum((a - b) ** 2 for i, a in enumerate(values) for j, b in enumerate(values) if i != j) / (n * (n - 1))
    assert krippendorff_alpha(units, "interval").value == pytest.approx(1 - observed / expected)


def test_spread_and_median() -> None:
    assert spread([1, 3, 2]) == 2 and spread([2]) == 0
    assert median([1, 2]) == 1.5 and median([3, 1, 2]) == 2.0
