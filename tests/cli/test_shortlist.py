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
    assert main([*_head_args(), "-o", str(path), "-o", str(tmp_path / "r.json")]) == ExitCode.OK
    report = json.loads((tmp_path / "r.json").read_text())
    book = load_workbook(path)
    assert book.sheetnames[0] == "Shortlist" and book.sheetnames[-3:] == ["Discussion", "Agreement", "Notes"]
    assert len(book.sheetnames) == 4 + len(report["candidates"])
    grid = book["Shortlist"]
    assert grid.freeze_panes == "C5"
    head = [c.value for c in grid[4]]
    assert head[:3] == ["Rank", "Candidate", "Decision"] and head[8:] == [c["id"] for c in report["criteria"]]
    for index, candidate in enumerate(report["candidates"]):
        row = [c.value for c in grid[5 + index]]
        assert row[0] == candidate["rank"] and row[2] == candidate["decision"]
        assert [str(v).split(" ")[0] for v in row[8:]] == [
            c["verdict"].replace("_", " ").split(" ")[0] for c in candidate["cells"]
        ]
    rules = [rule for ranges in grid.conditional_formatting for rule in ranges.rules]
    assert len(rules) >= 8 and all(rule.dxf is not None and rule.dxf.fill is not None for rule in rules)
    first = report["candidates"][0]
    sheet = book.worksheets[1]
    assert first["candidate_id"] in sheet["A1"].value and sheet.freeze_panes == "B6"
    header = [c.value for c in sheet[5]]
    assert header[:7] == [
        "Criterion",
        "Level",
        "Criterion text",
        "Verdict",
        "Machine verdict",
        "Panel score",
        "Moderated",
    ]
    assert header[7:10] == report["panellists"]
    evidence_col = header.index("Evidence") + 1
    e02 = next(r for r in sheet.iter_rows(min_row=6) if r[0].value == "E02")
    assert "“" in e02[evidence_col - 1].value
    assert book["Discussion"]["A2"].value == "C-008"


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
