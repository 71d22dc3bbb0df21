"""Helpers every command shares: the one exit rule, standard output for text and bytes, its width, SARIF's links."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from speccheck.cli import common, main
from speccheck.cli.common import exit_code, formats, write_stdout
from speccheck.core.errors import ExitCode, SpeccheckError
from speccheck.core.findings import Finding, Severity
from speccheck.results.audit import AuditReport

ROOT = Path(__file__).resolve().parents[2]

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


class _Stream(io.StringIO):
    def __init__(self, terminal: bool) -> None:
        super().__init__()
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


@pytest.mark.parametrize(
    ("terminal", "columns", "expected"),
    [
        (False, None, 80),  # a pipe, a file, a CI log: 80 columns, never a fixed 120
        (False, "132", 132),  # COLUMNS, when set, is the reader's choice
        (True, "100", 100),
        (True, "12", 40),  # too narrow to lay anything out: 40
        (True, None, 80),  # a terminal whose size cannot be read: 80
    ],
)
def test_width_is_the_terminal_s_else_80(
    monkeypatch: pytest.MonkeyPatch, terminal: bool, columns: str | None, expected: int
) -> None:
    monkeypatch.setattr(sys, "stdout", _Stream(terminal))
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert common.width() == expected
    assert common.on_terminal() is terminal


def test_width_reads_the_terminal_size_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Stream(True))
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(sys.stdout, "fileno", lambda: 1, raising=False)
    monkeypatch.setattr(common.os, "get_terminal_size", lambda fd: os.terminal_size((97, 30)))
    assert common.width() == 97


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (
            '{"url": "https://github.com/trust/speccheck.git", "vcs_info": {"vcs": "git", "commit_id": "0123abcd0123abcd"}}',
            "https://github.com/trust/speccheck/blob/0123abcd0123abcd/",
        ),
        ('{"url": "file:///home/me/speccheck", "dir_info": {"editable": true}}', None),  # a checkout: no address
        ('{"url": "https://example.org/speccheck.tar.gz", "archive_info": {}}', None),
        ('{"url": "https://github.com/trust/speccheck", "vcs_info": {"vcs": "git", "commit_id": "<x>"}}', None),
        ("not json", None),
    ],
)
def test_sarif_links_follow_a_github_install(record: str, expected: str | None) -> None:
    """pip records where it installed speccheck from (PEP 610): a GitHub repository at a commit is where the docs are."""
    assert common.installed_from(record) == expected


def test_docs_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPECCHECK_DOCS_URL", "https://github.com/trust/speccheck/blob/v1.0.0")
    assert common.docs_url() == "https://github.com/trust/speccheck/blob/v1.0.0/"
    for bad in ("docs/", "ftp://example.org/", "https://example.org/x?y=1"):
        monkeypatch.setenv("SPECCHECK_DOCS_URL", bad)
        with pytest.raises(SpeccheckError, match="SPECCHECK_DOCS_URL"):
            common.docs_url()


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


def test_an_output_over_a_document_a_given_folder_is_read_from_is_refused(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    """Folders are searched for Word, PDF and text documents too (issue 11), so those are inputs as well."""
    from pathlib import Path

    from speccheck.cli import main

    t = _files(tmp_path)
    assert isinstance(t, Path)
    (t / "c" / "form.txt").write_text("Application form\n")
    before = (t / "c" / "form.txt").read_bytes()
    assert main(["shortlist", f"{t}/role.yaml", f"{t}/c", "-o", f"{t}/c/form.txt"]) == ExitCode.USAGE
    assert "overwrite an input" in capsys.readouterr().err
    assert (t / "c" / "form.txt").read_bytes() == before


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"SPECCHECK_CACHE_DIR": "/var/cache/mine"}, "/var/cache/mine"),
        ({"SPECCHECK_CACHE_DIR": "/var/cache/mine", "XDG_CACHE_HOME": "/x"}, "/var/cache/mine"),
        ({"XDG_CACHE_HOME": "/x/cache"}, "/x/cache/speccheck"),
        ({"XDG_CACHE_HOME": "relative/cache"}, "HOME/.cache/speccheck"),  # the XDG rule: relative is ignored
        ({}, "HOME/.cache/speccheck"),
        ({"SPECCHECK_CACHE_DIR": "~/c"}, "HOME/c"),
        ({"SPECCHECK_NO_CACHE": "1", "SPECCHECK_CACHE_DIR": "/var/cache/mine"}, None),
        ({"SPECCHECK_NO_CACHE": "yes"}, None),
        ({"SPECCHECK_NO_CACHE": "0"}, "HOME/.cache/speccheck"),
        ({"SPECCHECK_NO_CACHE": ""}, "HOME/.cache/speccheck"),
    ],
)
def test_the_rule_library_cache_lives_where_the_environment_says(
    variables: dict[str, str], expected: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("SPECCHECK_CACHE_DIR", "SPECCHECK_NO_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    found = common.cache_folder()
    assert (str(found) if found else None) == (expected.replace("HOME", str(tmp_path)) if expected else None)


def test_the_command_line_keeps_the_library_where_it_is_told_and_nowhere_when_told_not_to(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    role = str(ROOT / "samples" / "roles" / "deputy-head.yaml")
    folder = tmp_path / "cache"
    monkeypatch.setenv("SPECCHECK_CACHE_DIR", str(folder))
    monkeypatch.setenv("SPECCHECK_NO_CACHE", "1")
    assert main(["lint", role, "-f", "parsable", "--no-config"]) in (ExitCode.OK, ExitCode.FINDINGS)
    without = capsys.readouterr().out
    assert not folder.exists()
    monkeypatch.delenv("SPECCHECK_NO_CACHE")
    outputs = []
    for _ in range(2):  # the miss that writes the entry, then the hit
        assert main(["lint", role, "-f", "parsable", "--no-config"]) in (ExitCode.OK, ExitCode.FINDINGS)
        outputs.append(capsys.readouterr().out)
    assert outputs == [without, without]
    assert len(list(folder.glob("library-*.pickle"))) == 1
