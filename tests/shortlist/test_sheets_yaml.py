"""Score sheets and moderation files as YAML: the sheet-wide panellist, positions, schema errors."""

from __future__ import annotations

from speccheck.shortlist.scores import Scale, resolve
from speccheck.shortlist.sheets_yaml import parse_moderation_yaml, parse_scores_yaml

SCALE = Scale(scale_max=3, pass_mark=2)
CANDIDATES = {"C-1": "C-1", "A-XYZ": "C-1", "C-2": "C-2"}
CRITERIA = ["E1", "E2", "D1"]


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


def test_yaml_moderation_needs_a_reason() -> None:
    yaml_sheets = parse_moderation_yaml(
        "kind: moderation\nversion: 1\nmoderated:\n  - {candidate: C-1, criterion: E1, score: 2}\n", "m.yaml"
    )
    assert yaml_sheets.findings and "reason" in yaml_sheets.findings[0].message
