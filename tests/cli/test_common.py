"""Helpers every command shares: the one exit rule, and standard output for text and bytes."""

from __future__ import annotations

import io
import sys

import pytest

from speccheck.cli.common import exit_code, formats, write_stdout
from speccheck.core.errors import ExitCode
from speccheck.core.findings import Finding, Severity
from speccheck.results.audit import AuditReport

WARNING = Finding(rule_id="r", severity=Severity.WARNING, message="m")


@pytest.mark.parametrize(
    ("fail_on", "code"),
    [(Severity.ERROR, ExitCode.OK), (Severity.WARNING, ExitCode.FINDINGS), (Severity.INFO, ExitCode.FINDINGS)],
)
def test_exit_code_is_decided_by_the_report_at_the_threshold(fail_on: Severity, code: ExitCode) -> None:
    assert exit_code(AuditReport(roles=[], findings=[WARNING]), fail_on) is code
    assert exit_code(AuditReport(roles=[]), fail_on) is ExitCode.OK


def test_format_choices_are_the_findings_formats() -> None:
    assert formats() == ["github", "json", "junit", "markdown", "parsable", "sarif", "text"]


def test_write_stdout_takes_text_and_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    write_stdout("text\n")
    write_stdout(b"\x00bytes")
    stream.flush()
    assert raw.getvalue() == b"text\n\x00bytes"


def _files(tmp_path: object) -> object:
    from pathlib import Path

    from tests.cli.inputs import CANDIDATE, ROLE

    assert isinstance(tmp_path, Path)
    (tmp_path / "role.yaml").write_text(ROLE)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "cand.yaml").write_text(CANDIDATE)
    (tmp_path / "c" / "other.json").write_text('{"kind": "candidate", "version": 1, "id": "C-8"}')
    (tmp_path / "s.csv").write_text("panellist,candidate,criterion,score\n")
    return tmp_path


@pytest.mark.parametrize(
    "extra",
    [
        ["-o", "{t}/s.csv"],
        ["-o", "{t}/c/other.json"],
        ["-o", "{t}/s.json", "-o", "{t}/link.csv"],
        ["--record", "{t}/c/cand.yaml"],
        ["--record", "{t}/role.yaml"],
    ],
)
def test_shortlist_never_writes_over_an_input(
    tmp_path: object, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13: -o or --record naming an input replaced it."""
    import os
    from pathlib import Path

    from speccheck.cli import main

    t = _files(tmp_path)
    assert isinstance(t, Path)
    os.link(t / "s.csv", t / "link.csv")
    before = {p: p.read_bytes() for p in t.rglob("*") if p.is_file()}
    args = ["shortlist", f"{t}/role.yaml", f"{t}/c", "--scores", f"{t}/s.csv", *(a.format(t=t) for a in extra)]
    assert main(args) == ExitCode.USAGE
    assert "overwrite an input" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in t.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("command", ["evaluate", "lint"])
def test_findings_commands_never_write_over_an_input(
    tmp_path: object, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from speccheck.cli import main

    t = _files(tmp_path)
    assert isinstance(t, Path)
    before = (t / "c" / "cand.yaml").read_bytes()
    inputs = [f"{t}/role.yaml", f"{t}/c"] if command == "evaluate" else [f"{t}/c"]
    for output in (f"{t}/c/cand.yaml", f"json={t}/c/cand.yaml"):
        assert main([command, *inputs, "--no-config" if command == "lint" else "--color=never", "-o", output]) == 2
    assert (t / "c" / "cand.yaml").read_bytes() == before
    assert "overwrite an input" in capsys.readouterr().err


def test_an_output_that_is_a_folder_is_a_usage_error(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from speccheck.cli import main

    t = _files(tmp_path)
    assert isinstance(t, Path)
    (t / "out").mkdir()
    assert main(["lint", f"{t}/c", "--no-config", "-o", f"{t}/out"]) == ExitCode.USAGE
    assert "is a folder" in capsys.readouterr().err
    assert main(["shortlist", f"{t}/role.yaml", f"{t}/c", "-o", f"{t}/out.json/"]) in (ExitCode.OK, ExitCode.USAGE)
