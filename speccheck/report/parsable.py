"""Parsable renderer: one line a finding, ``path:line:col: severity [rule-id] message``, for editors and grep;
and lint's text when it is not on a terminal: those lines, then one summary line (ruff's and flake8's form)."""

from __future__ import annotations

from collections import Counter

from speccheck.core.findings import Finding
from speccheck.report.contents import count_words, findings_of, one_line
from speccheck.results.lint import LintReport, SuppressedFinding
from speccheck.results.report import Report


def line(finding: Finding) -> str:
    """One finding as one line; a finding with no position shows ``-:1:1``."""
    pos = finding.position
    where = f"{pos.path}:{pos.line}:{pos.col}" if pos else "-:1:1"
    at = f" ({pos.place})" if pos and pos.place else ""
    return one_line(f"{where}: {finding.severity.value} [{finding.rule_id}] {finding.message}{at}")


def render(report: Report, **_: object) -> str:
    """Every finding (suppressed ones are left out), sorted by file, line and column."""
    return "".join(line(finding) + "\n" for finding in findings_of(report))


def suppressed_line(item: SuppressedFinding) -> str:
    """``path:line:col: suppressed [rule-id] by a waiver: reason (owner ..., until ...)``."""
    s = item.suppression
    how = "by a waiver" if s.kind == "waiver" else "by a comment"
    extra = ", ".join(
        x for x in (f"owner {s.owner}" if s.owner else "", f"until {s.expires}" if s.expires else "") if x
    )
    reason = one_line(s.reason or "no reason given")
    pos = item.finding.position
    where = f"{pos.path}:{pos.line}:{pos.col}" if pos else "-:1:1"
    return one_line(f"{where}: suppressed [{item.finding.rule_id}] {how}: {reason}" + (f" ({extra})" if extra else ""))


def suppressed_words(report: LintReport, *, listed: bool) -> str:
    """'4 suppressed (2 by comments, 2 by waivers); --show-suppressed lists them'."""
    if not report.suppressed:
        return "0 suppressed"
    kinds = Counter(item.suppression.kind for item in report.suppressed)
    parts = [
        f"{kinds['inline']} by comments" if kinds["inline"] else "",
        f"{kinds['waiver']} by waivers" if kinds["waiver"] else "",
    ]
    words = f"{len(report.suppressed)} suppressed ({', '.join(p for p in parts if p)})"
    return words if listed else words + "; --show-suppressed lists them"


def verdict_words(report: LintReport) -> str:
    """'fails (findings at or above error)' or 'passes (nothing at or above error)'."""
    fail_on = report.summary.fail_on.value
    return (
        f"fails (findings at or above {fail_on})"
        if report.summary.failed
        else f"passes (nothing at or above {fail_on})"
    )


def lint_text(report: LintReport, *, show_suppressed: bool = False) -> str:
    """Lint's text off a terminal: a line a finding (and a suppressed finding, when listed), then the summary."""
    lines = [line(finding) for finding in report.findings]
    if show_suppressed:
        lines += [suppressed_line(item) for item in report.suppressed]
    lines.append(
        f"{len(report.files)} file(s) checked: {count_words(report)}; "
        f"{suppressed_words(report, listed=show_suppressed)}; {verdict_words(report)}"
    )
    return "\n".join(lines) + "\n"
