"""Score sheets as workbooks: speccheck scoresheet writes them, a panellist fills them in, shortlist --scores
reads them back with the CSV sheet's findings, at the cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.shortlist.scores import read_score_sheet
from speccheck.shortlist.sheets import CellPosition, place

ROOT = Path(__file__).resolve().parents[2]
HEAD = "samples/roles/head-of-school-completed.yaml"


@pytest.fixture()
def blank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "sheets.xlsx"
    args = ["scoresheet", HEAD, "samples/candidates", "--panellist", "J Okafor", "--panellist", "R Patel"]
    assert main([*args, "-o", str(out)]) == ExitCode.OK
    return out


def _columns(sheet: object) -> dict[str, int]:
    head = [c.value for c in sheet[5]]  # type: ignore[index]
    return {str(v): i + 1 for i, v in enumerate(head) if v}


def _rows(sheet: object) -> dict[str, int]:
    return {c.value: c.row for c in sheet["A"] if c.row > 6 and c.value}  # type: ignore[index]


def test_one_sheet_per_panellist_with_drop_downs_on_the_scale(blank: Path) -> None:
    book = load_workbook(blank)
    assert book.sheetnames == ["J Okafor", "R Patel"]
    sheet = book["J Okafor"]
    assert sheet["A1"].value.startswith("Score sheet: Head of School") and sheet["B2"].value == "J Okafor"
    columns = _columns(sheet)
    assert next(iter(columns)) == "Candidate" and list(columns)[-2:] == ["Conflict of interest", "Notes"]
    assert "E01" in columns and "E03" not in columns and "E27" not in columns  # left out by the audit
    assert "E17" not in columns  # assessed at interview
    assert list(_rows(sheet)) == sorted(_rows(sheet))  # by id, not by the machine's ranking
    lists = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert lists == {'"0,1,2,3"', '"conflict"'}
    setup = sheet.page_setup
    assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
    assert sheet.print_title_rows == "$5:$6"


def test_a_filled_in_workbook_reads_back_with_findings_at_the_cell(
    blank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    book = load_workbook(blank)
    okafor, patel = book["J Okafor"], book["R Patel"]
    columns, rows = _columns(okafor), _rows(okafor)
    okafor.cell(row=rows["C-005"], column=columns["E02"], value=3)
    okafor.cell(row=rows["C-005"], column=columns["E06"], value="2")
    okafor.cell(row=rows["C-001"], column=columns["E02"], value="two")  # a finding, at its cell
    okafor.cell(row=rows["C-003"], column=columns["Conflict of interest"], value="conflict")
    okafor.cell(row=rows["C-003"], column=columns["Notes"], value="worked with her")
    okafor.cell(row=rows["C-003"], column=columns["E02"], value=1)  # removed: the conflict
    okafor.cell(row=rows["C-008"], column=columns["Notes"], value="strong statement, thin on budgets")
    patel.cell(row=rows["C-005"], column=columns["E02"], value=2)
    patel.cell(row=rows["C-005"], column=columns["E06"], value=7)  # off the scale
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    sheets = read_score_sheet(filled, "filled.xlsx")
    bad = next(f for f in sheets.findings if f.rule_id == "score-not-a-number")
    assert isinstance(bad.position, CellPosition)
    letter = chr(ord("A") + columns["E02"] - 1)
    assert str(bad.position) == f"filled.xlsx:'J Okafor'!{letter}{rows['C-001']}" and place(bad.position) == (
        f"'J Okafor'!{letter}{rows['C-001']}"
    )

    out = tmp_path / "out.json"
    assert main(["shortlist", HEAD, "samples/candidates", "--scores", str(filled), "-o", str(out)]) == ExitCode.FINDINGS
    report = json.loads(out.read_text())
    found = {(f["rule_id"], f["position"]["line"], f["position"]["col"]) for f in report["findings"]}
    assert ("score-not-a-number", rows["C-001"], columns["E02"]) in found
    assert ("score-out-of-scale", rows["C-005"], columns["E06"]) in found
    assert any(rule == "score-conflict-removed" for rule, _, _ in found)
    assert report["panellists"] == ["J Okafor", "R Patel"]
    by_id = {c["candidate_id"]: c for c in report["candidates"]}
    e02 = next(c for c in by_id["C-005"]["cells"] if c["criterion_id"] == "E02")
    assert [(s["panellist"], s["score"]) for s in e02["scores"]] == [("J Okafor", 3), ("R Patel", 2)]
    assert by_id["C-003"]["conflicted_panellists"] == ["J Okafor"]
    assert [(c["panellist"], c["reason"]) for c in report["conflicts"]] == [("J Okafor", "worked with her")]
    assert by_id["C-008"]["panel_notes"] == [{"panellist": "J Okafor", "note": "strong statement, thin on budgets"}]


def test_the_same_scores_as_csv_or_as_a_workbook_give_the_same_shortlist(
    blank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    rows_csv = ["panellist,candidate,criterion,score"]
    book = load_workbook(blank)
    sheet = book["J Okafor"]
    columns, rows = _columns(sheet), _rows(sheet)
    for candidate, criterion, score in [("C-005", "E02", 3), ("C-001", "E06", 1), ("C-008", "E07", 2)]:
        sheet.cell(row=rows[candidate], column=columns[criterion], value=score)
        rows_csv.append(f"J Okafor,{candidate},{criterion},{score}")
    del book["R Patel"]
    filled, csv = tmp_path / "okafor.xlsx", tmp_path / "okafor.csv"
    book.save(filled)
    csv.write_text("\n".join(rows_csv) + "\n")
    results = []
    record = tmp_path / "first.record.json"  # codes are keyed by a secret new each run: the second run reuses it
    for keyed, sheet_file in ((["--record", str(record)], filled), (["--codes-from", str(record)], csv)):
        out = tmp_path / f"{sheet_file.suffix[1:]}.json"
        args = ["shortlist", HEAD, "samples/candidates", "--scores", str(sheet_file), "-o", str(out), *keyed]
        assert main(args) == 0
        results.append(json.loads(out.read_text())["candidates"])
    assert results[0] == results[1]


def test_a_file_that_is_not_a_workbook_is_one_finding(tmp_path: Path) -> None:
    fake = tmp_path / "scores.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really")
    findings = read_score_sheet(fake, "scores.xlsx").findings
    assert [f.rule_id for f in findings] == ["score-sheet-workbook"]
    csv_named = tmp_path / "moderation.xlsx"
    csv_named.write_bytes(b"x")
    from speccheck.shortlist.scores import read_moderation

    assert [f.rule_id for f in read_moderation(csv_named).findings] == ["file-kind"]


def test_blind_score_sheets_name_candidates_by_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "blind.xlsx"
    assert main(["scoresheet", HEAD, "samples/candidates", "--anonymise", "-o", str(out)]) == ExitCode.OK
    sheet = load_workbook(out).worksheets[0]
    ids = [c.value for c in sheet["A"] if c.row > 6 and c.value]
    assert len(ids) == 8 and all(str(i).startswith("A-") for i in ids)
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "Priya" not in text and "Halloran" not in text and "C-005" not in text
    assert main(["scoresheet", HEAD, "samples/candidates", "-o", str(tmp_path / "x.csv")]) == ExitCode.USAGE


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_given_as_a_workbook_is_one_finding(tmp_path: Path, kind: str) -> None:
    import os

    path = tmp_path / "scores.xlsx"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    assert [f.rule_id for f in read_score_sheet(path, "scores.xlsx").findings] == ["file-unreadable"]


def test_scoresheet_never_writes_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    from tests.cli.inputs import CANDIDATE, ROLE

    (tmp_path / "role.yaml").write_text(ROLE)
    (tmp_path / "c.yaml").write_text(CANDIDATE)
    os.link(tmp_path / "role.yaml", tmp_path / "role-link.xlsx")
    before = (tmp_path / "role.yaml").read_bytes()
    args = ["scoresheet", str(tmp_path / "role.yaml"), str(tmp_path / "c.yaml"), "-o", str(tmp_path / "role-link.xlsx")]
    assert main(args) == ExitCode.USAGE
    assert "overwrite an input" in capsys.readouterr().err
    assert (tmp_path / "role.yaml").read_bytes() == before
