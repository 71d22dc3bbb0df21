"""Helpers every command shares: the one exit rule, standard output for text and bytes, its width, SARIF's links."""

from __future__ import annotations

import io
import os
import sys

import pytest

from speccheck.cli import common
from speccheck.cli.common import exit_code, formats, write_stdout
from speccheck.core.errors import ExitCode, SpeccheckError
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
