"""Pure renderers: a report in, text out. One registry; CLI choices come from its keys.

Each entry names the module that renders the format; the module is imported
only when the format is used, so ``speccheck lint -f parsable`` never imports
rich and ``--help`` imports no renderer. Every renderer takes any report kind
(lint, audit, evaluation; junit and json also verify) and is total: the
accessors below give each format the findings, suppressions, rules and files
of whichever report it is handed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from speccheck.core.findings import Finding
    from speccheck.results.audit import AuditReport
    from speccheck.results.evaluation import EvaluationReport
    from speccheck.results.lint import LintReport, SuppressedFinding
    from speccheck.results.rules import RuleInfo
    from speccheck.results.verify import VerifyReport

    Report = EvaluationReport | AuditReport | LintReport | VerifyReport
else:
    Report = Any


@dataclass(frozen=True)
class Renderer:
    """A format: the module that renders it, and what it is for (shown in --help)."""

    module: str
    description: str
    extension: str

    def __call__(self, report: Any, **options: Any) -> str:
        render: Callable[..., str] = importlib.import_module(self.module).render
        return render(report, **options)


RENDERERS: dict[str, Renderer] = {
    "text": Renderer("speccheck.report.terminal", "for people: grouped by file, summary by severity", "txt"),
    "json": Renderer("speccheck.report.json_report", "the report as JSON (schemas/report.schema.json)", "json"),
    "parsable": Renderer(
        "speccheck.report.parsable", "one line a finding: path:line:col: severity [rule-id] message", "parsable"
    ),
    "sarif": Renderer("speccheck.report.sarif", "SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDEs)", "sarif"),
    "junit": Renderer("speccheck.report.junit", "JUnit XML: one test case per file and rule", "xml"),
    "github": Renderer("speccheck.report.github", "GitHub Actions workflow-command annotations", "github"),
    "markdown": Renderer("speccheck.report.markdown", "a summary for a pull-request comment or job summary", "md"),
}


# --------------------------------------------------------------------------- what every format reads


def findings_of(report: Any) -> list[Finding]:
    """Every finding of a report, in the one sorted order."""
    from speccheck.core.findings import sorted_findings

    found = list(getattr(report, "findings", []))
    for role in getattr(report, "roles", []):
        found.extend(role.findings)
    for candidate in getattr(report, "candidates", []):
        found.extend(candidate.findings)
    return sorted_findings(found)


def suppressed_of(report: Any) -> list[SuppressedFinding]:
    return list(getattr(report, "suppressed", []))


def files_of(report: Any) -> list[str]:
    """The files a report covers: those checked, and any a finding points at."""
    files = set(getattr(report, "files", []))
    files.update(role.path for role in getattr(report, "roles", []))
    files.update(candidate.path for candidate in getattr(report, "candidates", []))
    if getattr(report, "role_path", None):
        files.add(report.role_path)
    for finding in findings_of(report) + [s.finding for s in suppressed_of(report)]:
        if finding.position is not None:
            files.add(finding.position.path)
    return sorted(files)


def checked_files(report: Any) -> list[str]:
    """The files a run checked (lint, verify), else the files the report covers."""
    return list(report.files) if hasattr(report, "files") else files_of(report)


def fail_on_of(report: Any) -> Any:
    """The severity at which the report's run fails (error unless the report says)."""
    from speccheck.core.findings import Severity

    summary = getattr(report, "summary", None)
    return summary.fail_on if summary is not None else Severity.ERROR


def rules_of(report: Any) -> list[RuleInfo]:
    """The rules of a report, by id: its own rule list, plus a descriptor for any other rule a finding names."""
    from speccheck.results.builtin_rules import BUILTIN_RULES
    from speccheck.results.rules import RuleInfo

    rules: dict[str, RuleInfo] = {info.id: info for info in getattr(report, "rules", [])}
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
    """Text on one line, for line-based formats."""
    return " ".join(text.splitlines())


def count_words(report: Any) -> str:
    """'1 error, 2 warning, 0 info' over the report's findings (not suppressed)."""
    from speccheck.core.findings import Severity

    counts = {s: 0 for s in Severity}
    for finding in findings_of(report):
        counts[finding.severity] += 1
    return ", ".join(f"{counts[s]} {s.value}" for s in Severity)
