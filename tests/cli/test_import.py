"""speccheck import and documents given to the other commands: outputs, exit codes, positions in the document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.files.loader import load_file
from speccheck.files.role import Role
from tests.golden_files import assert_golden
from tests.importing.fixtures import BUILDERS


def _save(folder: Path, name: str) -> Path:
    document, _ = BUILDERS[name]()
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


def test_import_to_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _save(tmp_path, "ticks_table")
    assert main(["import", str(path), "-o", "-"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith("# imported by speccheck import from ticks_table.docx")
    assert "kind: role" in out


def test_import_writes_files_that_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("job_description", "two_cells"):
        _save(tmp_path, name)
    out = tmp_path / "out"
    assert main(["import", str(tmp_path), "--output-dir", str(out)]) == ExitCode.OK
    written = sorted(p.name for p in out.iterdir())
    assert written == ["job_description.yaml", "two_cells.yaml"]
    for path in out.iterdir():
        loaded = load_file(path)
        assert loaded.findings == [] and isinstance(loaded.model, Role)
    assert "wrote" in capsys.readouterr().err


def test_import_golden(tmp_path: Path, capsys: pytest.CaptureFixture[str], update_goldens: bool) -> None:
    path = _save(tmp_path, "job_description")
    assert main(["import", str(path), "-o", "-"]) == ExitCode.OK
    assert_golden("import-job-description.yaml", capsys.readouterr().out, update=update_goldens)


def test_several_documents_need_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = _save(tmp_path, "ticks_table"), _save(tmp_path, "two_cells")
    assert main(["import", str(first), str(second)]) == ExitCode.USAGE
    assert "--output-dir" in capsys.readouterr().err


def test_a_bad_document_is_a_finding_and_the_others_are_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _save(tmp_path, "ticks_table")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    out = tmp_path / "out"
    assert main(["import", str(tmp_path), "--output-dir", str(out)]) == ExitCode.FINDINGS
    err = capsys.readouterr().err
    assert "broken.docx:1:1: error [document-damaged]" in err
    assert [p.name for p in out.iterdir()] == ["ticks_table.yaml"]


def test_audit_reads_a_word_document_and_positions_findings_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _save(tmp_path, "ticks_table")
    main(["audit", str(path), "-f", "json"])
    audit = json.loads(capsys.readouterr().out)
    assert audit["roles"][0]["title"] == "Deputy Headteacher"
    places = {f["position"].get("place") for f in audit["roles"][0]["findings"]}
    assert any(p and p.startswith("table 1, row") for p in places), places


def test_audit_of_a_folder_of_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("ticks_table", "job_description"):
        _save(tmp_path, name)
    main(["audit", str(tmp_path), "-f", "json"])
    audit = json.loads(capsys.readouterr().out)
    assert len(audit["roles"]) == 2


def test_a_folder_with_nothing_to_check_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.rtf").write_text("{\\rtf1 nothing}")
    assert main(["audit", str(tmp_path)]) == ExitCode.USAGE
    assert "nothing to check" in capsys.readouterr().err


def test_a_file_that_is_neither_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.rtf"
    path.write_text("{\\rtf1 nothing}")
    assert main(["audit", str(path), "-f", "json"]) == ExitCode.FINDINGS
    audit = json.loads(capsys.readouterr().out)
    assert [f["rule_id"] for f in audit["findings"]] == ["file-not-importable"]


def test_lint_reads_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    _save(tmp_path, "ticks_table")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
    code = main(["lint", ".", "--format", "sarif", "--no-config"])
    sarif = json.loads(capsys.readouterr().out)
    results = sarif["runs"][0]["results"]
    assert code == ExitCode.FINDINGS
    assert any(r["ruleId"] == "document-damaged" for r in results)
    assert any(
        r["locations"][0].get("message", {}).get("text", "").startswith("table 1")
        for r in results
        if r.get("locations")
    )


def test_evaluate_a_document_role_and_application(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    role = _save(tmp_path, "ticks_table")
    form = _save(tmp_path, "application_form")
    assert main(["evaluate", str(role), str(form), "-f", "json", "--as-of", "2025-03-01"]) == ExitCode.OK
    report = json.loads(capsys.readouterr().out)
    verdicts = {r["criterion_id"]: r["verdict"] for r in report["candidates"][0]["results"]}
    assert verdicts["E1"] == "met"  # QTS, decided by the condition the import proposed


def test_import_never_writes_over_an_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 13's output rule on issue 11's command: -o or --output-dir naming an input (by any path or hard
    link, or a file a given folder is read from) is a usage error before anything is written."""
    import os

    path = _save(tmp_path, "ticks_table")
    os.link(path, tmp_path / "link.docx")
    (tmp_path / "ticks_table.yaml").write_text("kind: role\n")  # a file the folder is read from
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    for args in (
        [str(path), "-o", str(path)],
        [str(path), "-o", str(tmp_path / "link.docx")],
        [str(tmp_path), "--output-dir", str(tmp_path)],
    ):
        assert main(["import", *args]) == ExitCode.USAGE, args
        assert "overwrite an input" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_device_named_docx_is_a_finding_in_every_command(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from tests.cli.inputs import ROLE

    bad = tmp_path / "form.docx"
    if kind == "fifo":
        os.mkfifo(bad)
    else:
        bad.symlink_to("/dev/zero")
    (tmp_path / "role.yaml").write_text(ROLE)
    assert main(["import", str(bad), "-o", "-"]) == ExitCode.FINDINGS
    assert "file-unreadable" in capsys.readouterr().err
    assert main(["shortlist", str(tmp_path / "role.yaml"), str(bad), "--as-of", "2025-02-01"]) == ExitCode.FINDINGS
    captured = capsys.readouterr()
    assert "file-unreadable" in captured.out + captured.err
