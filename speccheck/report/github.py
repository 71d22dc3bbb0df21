"""GitHub Actions renderer: workflow commands that annotate the pull request at each finding.

See "Workflow commands for GitHub Actions" (``::error file=...,line=...,col=...,title=...::message``):
data is escaped %, CR and LF; property values also ``:`` and ``,``.
"""

from __future__ import annotations

import re

from speccheck.core.controls import without_controls
from speccheck.core.findings import Finding
from speccheck.report.contents import FindingsReport, checked_files, count_words, findings_of, suppressed_of

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


# Line breaks other than CR and LF have no escape; they become spaces so no reader splits a command.
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def escape_data(text: str) -> str:
    return _OTHER_BREAKS.sub(" ", without_controls(text)).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = []
    pos = finding.position
    if pos is not None:
        properties += [f"file={escape_property(pos.path)}", f"line={pos.line}", f"col={pos.col}"]
    properties.append(f"title={escape_property(f'speccheck {finding.rule_id}')}")
    message = finding.message + (f"\nfix: {finding.fix}" if finding.fix else "")
    return f"::{LEVEL[finding.severity.value]} {','.join(properties)}::{escape_data(message)}"


def render(report: FindingsReport, **_: object) -> str:
    """One annotation a finding, then a plain summary line for the job log."""
    lines = [annotation(finding) for finding in findings_of(report)]
    suppressed = len(suppressed_of(report))
    lines.append(f"speccheck: {len(checked_files(report))} file(s), {count_words(report)}; {suppressed} suppressed")
    return "\n".join(lines) + "\n"
