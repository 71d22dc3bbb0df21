"""speccheck shortlist on the command line: the text view and exit codes, usage errors, the workbook
read back, golden outputs in every file format, and the progress bar on a terminal only.

Regenerate the golden files after an intended change with
python -m pytest tests/cli/test_shortlist.py --update-goldens, and review the diff like code.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from tests.golden_files import assert_golden

ROOT = Path(__file__).resolve().parents[2]
HEAD = "samples/roles/head-of-school-completed.yaml"
ASSISTANT = "samples/roles/assistant-head-teaching-learning.yaml"
HEAD_SHEETS = ["okafor.csv", "patel.csv", "lee.csv"]


def _head_args() -> list[str]:
    args = ["shortlist", HEAD, "samples/candidates"]
    for name in HEAD_SHEETS:
        args += ["--scores", f"samples/scores/head-of-school/{name}"]
    return [*args, "--moderated", "samples/scores/head-of-school/moderation.csv"]


def test_cli_text_view_and_exit_code(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert main([*_head_args(), "--color", "never"]) == ExitCode.OK
    out = capsys.readouterr().out
    for text in (
        "Ranking",
        "Candidates x criteria",
        "To discuss",
        "Panel agreement",
        "Conflicts of interest",
        "C-005 (Priya Halloran)",
    ):
        assert text in out
    assert "PROVISIONAL" not in out


def test_cli_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["shortlist", HEAD]) == ExitCode.USAGE
    assert main(["shortlist", HEAD, "samples/candidates", "-o", str(tmp_path / "x.pdf")]) == ExitCode.USAGE
    assert "suffix" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_workbook_reads_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    path = tmp_path / "grid.xlsx"
    args = [*_head_args(), "--panel", "J Okafor", "--meeting-date", "2021-03-26"]
    assert main([*args, "-o", str(path), "-o", str(tmp_path / "r.json")]) == ExitCode.OK
    report = json.loads((tmp_path / "r.json").read_text())
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["Summary", "Shortlist"]
    assert book.sheetnames[-3:] == ["Discussion", "Agreement", "Notes"]
    assert len(book.sheetnames) == 5 + len(report["candidates"])
    judged = [c["id"] for c in report["criteria"] if c["application_stage"] and c["left_out"] is None]
    grid = book["Shortlist"]
    assert grid.freeze_panes == "C5"
    head = [c.value for c in grid[4]]
    assert head[:3] == ["Rank", "Candidate", "Decision"] and [str(h).split()[0] for h in head[8:]] == judged
    symbol = {"met": "✓", "not_met": "✗", "evidenced": "E", "no_evidence": "–", "deferred": "D"}
    for index, candidate in enumerate(report["candidates"]):
        row = [c.value for c in grid[5 + index]]
        assert row[0] == candidate["rank"] and row[2] == candidate["decision"]
        cells = {c["criterion_id"]: c for c in candidate["cells"]}
        assert [str(v)[0] for v in row[8:]] == [symbol[cells[cid]["verdict"]] for cid in judged]
    rules = [rule for ranges in grid.conditional_formatting for rule in ranges.rules]
    assert len(rules) >= 8 and all(rule.dxf is not None and rule.dxf.fill is not None for rule in rules)
    first = report["candidates"][0]
    sheet = book.worksheets[2]
    assert first["candidate_id"] in sheet["A1"].value and sheet.freeze_panes == "B6"
    assert [c.value for c in sheet[5]] == ["Criterion", "Verdict", "Panel", "Evidence and explanation"]
    e02 = next(r for r in sheet.iter_rows(min_row=6) if " E02 " in str(r[0].value))
    assert "“" in e02[3].value and "(evidence statement" in e02[3].value and "line" not in e02[3].value
    assert "J Okafor: 3" in e02[2].value
    assert book["Discussion"]["A2"].value == "C-008"
    summary = book["Summary"]
    words = [str(c.value) for row in summary.iter_rows() for c in row if c.value is not None]
    assert words[0] == "Shortlisting summary: Head of School" and "2021-03-26" in words[1]
    for text in ("Before you shortlist: the role's audit", "Decisions", "Criteria", "Agreed by the panel", "J Okafor"):
        assert text in words, text
    assert words.index("Before you shortlist: the role's audit") < words.index("Decisions")


def test_every_sheet_prints_on_a4_fitted_to_its_width_with_rows_tall_enough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paper size, fit to one page wide (as many tall as needed), repeated titles, and a row height for every
    row of wrapped text that is at least a line for each line its longest cell needs."""
    from speccheck.report.xlsx_layout import LINE_POINTS, lines_needed

    monkeypatch.chdir(ROOT)
    path = tmp_path / "grid.xlsx"
    assert main([*_head_args(), "-o", str(path)]) == ExitCode.OK
    book = load_workbook(path)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert "Confidential" in sheet.oddFooter.left.text and "&P of &N" in sheet.oddFooter.right.text
    assert book["Shortlist"].print_title_rows == "$4:$4" and book["Shortlist"].print_title_cols == "$A:$B"
    candidate = book.worksheets[2]
    assert candidate.print_title_rows == "$5:$5"
    widths = {i: candidate.column_dimensions[chr(64 + i)].width for i in range(1, 5)}
    for row in candidate.iter_rows(min_row=6, max_col=4):
        if all(c.value is not None for c in row):
            need = max(lines_needed(c.value, widths[c.column]) for c in row)
            assert candidate.row_dimensions[row[0].row].height >= need * LINE_POINTS, row[0].value


GOLDEN_CASES = {
    "shortlist-head-of-school": (_head_args(), (".json", ".csv", ".html")),
    "shortlist-assistant-head-blind": (
        ["shortlist", ASSISTANT, "samples/candidates", "--anonymise"]
        + [
            arg
            for name in ("hughes.csv", "ahmed.csv", "walsh.csv")
            for arg in ("--scores", f"samples/scores/assistant-head/{name}")
        ],
        (".json", ".csv", ".html"),
    ),
}


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_golden(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    monkeypatch.chdir(ROOT)
    args, suffixes = GOLDEN_CASES[case]
    outputs = [tmp_path / f"{case}{suffix}" for suffix in suffixes]
    code = main([*args, *(a for p in outputs for a in ("-o", str(p)))])
    assert code == ExitCode.OK
    for path in outputs:
        assert_golden(path.name, path.read_text(), update=update_goldens)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)
    for terminal in (True, False):
        stream = _Terminal() if terminal else io.StringIO()
        monkeypatch.setattr(sys, "stderr", stream)
        assert main(["shortlist", HEAD, "samples/candidates", "-o", str(tmp_path / "o.json")]) == ExitCode.OK
        text = stream.getvalue()
        assert ("evaluating" in text and "8/8" in text) is terminal, text
        assert text.rstrip().endswith(f"wrote {tmp_path / 'o.json'}")


def test_text_golden(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, update_goldens: bool) -> None:
    """The panel's view as it is written when not on a terminal: 80 columns."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main([*_head_args(), "--color", "never"]) == ExitCode.OK
    assert_golden("shortlist-head-of-school.txt", capsys.readouterr().out, update=update_goldens)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_grid_pages_its_criteria_and_drops_none(
    columns: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main([*_head_args(), "--color", "never"]) == ExitCode.OK
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert main([*_head_args(), "-o", str(tmp_path / "r.json")]) == ExitCode.OK
    criteria = [c["id"] for c in json.loads((tmp_path / "r.json").read_text())["criteria"]]
    blocks = [i for i, line in enumerate(lines) if line.startswith("Candidates x criteria")]
    shown: list[str] = []
    for start in blocks:  # the ids are written down the columns of each block's header
        end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("candidate"))
        header = [row.replace("candidate", " " * len("candidate"), 1) for row in lines[start + 1 : end + 1]]
        width = max(len(row) for row in header)
        for col in range(width):
            letters = "".join(row[col] if col < len(row) else " " for row in header).strip()
            if letters:
                shown.append(letters)
    assert shown == criteria
    assert (len(blocks) > 1) is (columns < 120)
    ranking = lines.index("Ranking")
    assert lines[ranking + 2].startswith("  1  C-005 (Priya H")  # the ranking first, one line a candidate


def test_details_show_each_candidate_s_criteria(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main([*_head_args(), "--color", "never"]) == ExitCode.OK
    brief = capsys.readouterr().out
    assert main([*_head_args(), "--color", "never", "--details"]) == ExitCode.OK
    detailed = capsys.readouterr().out
    assert "“" not in brief and "“" in detailed
    assert "(and 8 more like it)" in brief and "(and 8 more like it)" not in detailed  # notes summarised, or in full
