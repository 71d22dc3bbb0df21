"""Score sheets and moderation files as CSV: rows, conflicts, and the position of every bad row."""

from __future__ import annotations

from speccheck.shortlist.sheets_csv import parse_moderation_csv, parse_scores_csv


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


def test_csv_moderation_needs_a_reason() -> None:
    sheets = parse_moderation_csv("candidate,criterion,score,reason\nC-1,E1,2,agreed\nC-1,E2,1,\n", "m.csv")
    assert [(m.candidate, m.score, m.reason) for m in sheets.moderated] == [("C-1", 2, "agreed")]
    assert _where(sheets.findings, "moderation-missing-field") == ["3:4"]


def test_a_field_over_the_csv_limit_is_a_finding_and_earlier_rows_count() -> None:
    text = 'panellist,candidate,criterion,score,note\nA Lee,C-1,E1,2,\nA Lee,C-2,E1,3,"' + "x" * 200_000 + '"\n'
    sheets = parse_scores_csv(text, "s.csv")
    assert [row.candidate for row in sheets.scores] == ["C-1"]
    assert _where(sheets.findings, "csv-syntax") == ["3:1"]
    moderation = parse_moderation_csv('candidate,criterion,score,reason\nC-1,E1,2,"' + "y" * 200_000 + '"\n', "m.csv")
    assert _where(moderation.findings, "csv-syntax") == ["2:1"]
