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
