"""What every findings format reads from a report: its findings, suppressions, files, rules and threshold.

Every findings format takes any findings report (evaluation, audit, lint, and
verify where the format renders it) and is total: these accessors give each
format the same view of whichever report it is handed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, cast

from speccheck.core.controls import without_controls
from speccheck.core.findings import Finding, Severity
from speccheck.results.audit import AuditReport
from speccheck.results.lint import LintReport, SuppressedFinding
from speccheck.results.report import Report
from speccheck.results.rules import RuleInfo

if TYPE_CHECKING:  # an evaluation's and a verify run's models are built only by the runs that make them
    from speccheck.results.evaluation import EvaluationReport
    from speccheck.results.verify import VerifyReport

FindingsReport: TypeAlias = "EvaluationReport | AuditReport | LintReport | VerifyReport"


def findings_of(report: Report) -> list[Finding]:
    """Every finding of a report, in the one sorted order."""
    return report.all_findings()


def suppressed_of(report: FindingsReport) -> list[SuppressedFinding]:
    return list(report.suppressed) if isinstance(report, LintReport) else []


def files_of(report: FindingsReport) -> list[str]:
    """The files a report covers: those checked, and any a finding points at."""
    files: set[str] = set()
    if isinstance(report, LintReport):
        files.update(report.files)
    elif isinstance(report, AuditReport):
        files.update(role.path for role in report.roles)
    elif report.kind == "evaluation":
        evaluation = cast("EvaluationReport", report)
        files.update(candidate.path for candidate in evaluation.candidates)
        if evaluation.role_path:
            files.add(evaluation.role_path)
    for finding in findings_of(report) + [s.finding for s in suppressed_of(report)]:
        if finding.position is not None:
            files.add(finding.position.path)
    return sorted(files)


def checked_files(report: FindingsReport) -> list[str]:
    """The files a lint run checked, else the files the report covers."""
    return list(report.files) if isinstance(report, LintReport) else files_of(report)


def fail_on_of(report: FindingsReport) -> Severity:
    """The severity at which the report's run fails (error unless the report says)."""
    return report.summary.fail_on if isinstance(report, LintReport) else Severity.ERROR


def rules_of(report: FindingsReport) -> list[RuleInfo]:
    """The rules of a report, by id: its own rule list, plus a descriptor for any other rule a finding names."""
    from speccheck.results.builtin_rules import BUILTIN_RULES

    rules: dict[str, RuleInfo] = {info.id: info for info in report.rules} if isinstance(report, LintReport) else {}
    builtins = {info.id: info for info in BUILTIN_RULES}
    for finding in findings_of(report) + [s.finding for s in suppressed_of(report)]:
        if finding.rule_id in rules:
            continue
        rules[finding.rule_id] = builtins.get(finding.rule_id) or RuleInfo(
            id=finding.rule_id,
            title=finding.rule_id.replace("-", " "),
            kind="check",
            category="other",
            severity=finding.severity,
            rationale=finding.fix or finding.rule_id.replace("-", " "),
            fix=finding.fix,
            sources=finding.sources,
        )
    return [rules[rule_id] for rule_id in sorted(rules)]


def one_line(text: str) -> str:
    """Text on one line, for line-based formats, without control characters (a terminal may show it)."""
    return " ".join(without_controls(text).splitlines())


def count_words(report: Report) -> str:
    """'1 error, 2 warning, 0 info' over the report's findings (not suppressed)."""
    return ", ".join(f"{count} {severity.value}" for severity, count in report.counts().items())
