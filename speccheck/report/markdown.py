"""Markdown renderer: a summary fit for a pull-request comment or a GitHub job summary.

Lint: the result, counts by severity, the findings (the first ``MAX_ROWS``),
and the suppressed findings with their reasons in a collapsed section. Audit:
per role, the statutory duty coverage tables in the duties' words, a line per
standards framework, and the findings. Evaluation: the decisions, then each
candidate's verdicts in a collapsed section. Verify: the examples that failed.
Findings keep their fixes (in the document's words) and sources (provenance in
words, with the legend once at the end). Every cell is escaped, so no input can
break the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from speccheck.core.findings import Finding, Severity, SourceRef
from speccheck.report.audit_words import NOT_CHECKED, audit_sources, how_in_words, row_sources, standards_line
from speccheck.report.contents import FindingsReport, checked_files, fail_on_of, findings_of, suppressed_of
from speccheck.results.audit import AuditReport, Coverage, RoleAudit
from speccheck.results.citations import (
    PROVENANCE_LEGEND,
    cites_in_words,
    fix_in_words,
    without_internal_refs,
)
from speccheck.results.evaluation import EvaluationReport, judged_as_at
from speccheck.results.lint import LintReport, SuppressedFinding
from speccheck.results.verify import VerifyReport

MAX_ROWS = 100
_SPECIAL = re.compile(r"([\\`*_\[\]|<>#~])")


def cell(text: object) -> str:
    """Text safe in a table cell: one line, Markdown and HTML characters escaped."""
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", flat) if flat else " "


def code(text: str) -> str:
    """Text as inline code, unless it holds a backtick (then escaped text)."""
    flat = " ".join(text.split())
    return f"`{flat}`" if flat and "`" not in flat else cell(flat)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _where(finding: Finding) -> str:
    pos = finding.position
    return code(str(pos)) if pos else "-"


def finding_rows(findings: list[Finding], *, limit: int = MAX_ROWS) -> list[str]:
    """The findings as a table, each with its fix and, when any finding has one, its sources."""
    if not findings:
        return ["No findings."]
    shown = findings[:limit]
    cited = any(f.sources for f in shown)
    rows = []
    for f in shown:
        fix = cell(fix_in_words(f.fix)) if f.fix else "-"
        row = [_where(f), f.severity.value, code(f.rule_id), cell(f.message), fix]
        rows.append(row + ([cell(cites_in_words(f.sources)) if f.sources else "-"] if cited else []))
    lines = table(["where", "severity", "rule", "message", "fix", *(["source"] if cited else [])], rows)
    if len(findings) > limit:
        lines += ["", f"… and {len(findings) - limit} more finding(s); see the full report."]
    return lines


def legend(sources: Iterable[SourceRef]) -> list[str]:
    """What the provenance words mean, once at the end of a report that cites a source."""
    if not any(True for _ in sources):
        return []
    return ["", "**How far each source was checked:**", ""] + [
        f"- *{words}*: {meaning}" for words, meaning in PROVENANCE_LEGEND.items()
    ]


def suppressed_section(items: list[SuppressedFinding]) -> list[str]:
    if not items:
        return []
    rows = []
    for item in items[:MAX_ROWS]:
        s = item.suppression
        by = ", ".join(x for x in (s.owner or "", f"until {s.expires}" if s.expires else "") if x) or "-"
        rows.append(
            [_where(item.finding), code(item.finding.rule_id), s.kind, cell(s.reason or "no reason given"), cell(by)]
        )
    lines = ["", f"<details><summary>{len(items)} suppressed finding(s)</summary>", ""]
    lines += table(["where", "rule", "how", "reason", "owner / expiry"], rows)
    if len(items) > MAX_ROWS:
        lines += ["", f"… and {len(items) - MAX_ROWS} more."]
    return [*lines, "", "</details>"]


def _lint(report: LintReport) -> list[str]:
    findings = findings_of(report)
    suppressed = suppressed_of(report)
    counts = report.counts()
    threshold = fail_on_of(report)
    verdict = "fails" if report.fails_at(threshold) else "passes"
    lines = [
        f"## speccheck {report.kind}: {verdict}",
        "",
        f"{len(checked_files(report))} file(s) checked; the run fails on findings at or above **{threshold.value}**.",
        "",
    ]
    lines += table(
        ["error", "warning", "info", "suppressed"],
        [
            [
                str(counts[Severity.ERROR]),
                str(counts[Severity.WARNING]),
                str(counts[Severity.INFO]),
                str(len(suppressed)),
            ]
        ],
    )
    lines += ["", "### Findings", "", *finding_rows(findings)]
    sources = [source for finding in findings[:MAX_ROWS] for source in finding.sources]
    return lines + suppressed_section(suppressed) + legend(sources)


def _duty_table(coverage: Coverage) -> list[str]:
    common, cites = row_sources(coverage)
    lines = ["", f"#### {cell(coverage.framework)}: {coverage.covered} of {coverage.total} duties covered", ""]
    if common:
        lines += [f"Source: {cell(common)}", ""]
    if coverage.note:
        lines += [f"Note: {cell(without_internal_refs(coverage.note))}", ""]
    rows = [
        [
            cell(row.text),
            "**missing**" if row.status == "missing" else cell(row.status),
            cell(", ".join(row.covered_by) or "-"),
            cell(how_in_words(row)),
            cell(cite),
        ]
        for row, cite in zip(coverage.rows, cites, strict=True)
    ]
    return lines + table(["duty", "status", "covered by", "how", "source"], rows)


def _role(role: RoleAudit) -> list[str]:
    lines = ["", f"### {cell(role.title)} ({cell(role.post_type)})", "", f"File: {code(role.path)}"]
    for coverage in role.coverage:
        lines += _duty_table(coverage)
    if not role.coverage and any(n.kind == "coverage" for n in role.not_run):
        lines += ["", NOT_CHECKED[:1].upper() + NOT_CHECKED[1:] + "."]
    if role.standards:
        lines += ["", "#### Standards", ""]
        lines += [f"- **{cell(c.framework)}**: {cell(standards_line(c))}" for c in role.standards]
    return [*lines, "", "#### Findings", "", *finding_rows(list(role.findings))]


def _audit(report: AuditReport) -> list[str]:
    counts = report.counts()
    lines = [
        "## speccheck audit",
        "",
        f"{len(report.roles)} role(s) audited: " + ", ".join(f"{counts[s]} {s.value}" for s in Severity) + ".",
    ]
    for role in report.roles:
        lines += _role(role)
    if report.findings:
        lines += ["", "### Files not audited", "", *finding_rows(list(report.findings))]
    return lines + legend(audit_sources(report))


def _evaluation(report: EvaluationReport) -> list[str]:
    lines = [
        f"## speccheck evaluate: {cell(report.role_title)}",
        "",
        f"Role file {code(report.role_path)}, {judged_as_at(report.as_of, report.as_of_from)}.",
        "",
    ]
    rows = [
        [
            cell(c.candidate_id + (f" ({c.name})" if c.name else "")),
            f"**{c.decision.value}**",
            str(c.essential_met),
            f"{c.desirable_score:g}",
            cell(c.decision_reason),
        ]
        for c in report.candidates
    ]
    lines += table(["candidate", "decision", "essential met", "desirable", "why"], rows)
    for candidate in report.candidates:
        lines += ["", f"<details><summary>{cell(candidate.candidate_id)}: {candidate.decision.value}</summary>", ""]
        lines += table(
            ["criterion", "level", "verdict", "explanation"],
            [
                [code(r.criterion_id), r.level.value, r.verdict.value, cell(r.explanation.summary)]
                for r in candidate.results
            ],
        )
        if candidate.findings:
            lines += ["", *finding_rows(list(candidate.findings))]
        lines += ["", "</details>"]
    if report.findings:
        lines += ["", "### Files not evaluated", "", *finding_rows(list(report.findings))]
    return lines + legend(source for finding in report.all_findings() for source in finding.sources)


def _verify(report: VerifyReport) -> list[str]:
    failed = [e for e in report.examples if not e.ok]
    verdict = "passes" if not failed and not report.findings else "fails"
    lines = [
        f"## speccheck rules verify: {verdict}",
        "",
        f"{len(report.rules)} rule(s), {len(report.examples)} example(s), {len(failed)} failed.",
    ]
    if failed:
        rows = [[code(e.rule_id), e.kind, cell(e.name), cell(repr(e.expected)), cell(repr(e.got))] for e in failed]
        lines += ["", *table(["rule", "kind", "example", "expected", "got"], rows)]
    if report.findings:
        lines += ["", "### Rule files with problems", "", *finding_rows(list(report.findings))]
    return lines


def _view(report: FindingsReport) -> list[str]:
    if isinstance(report, AuditReport):
        return _audit(report)
    if isinstance(report, EvaluationReport):
        return _evaluation(report)
    if isinstance(report, VerifyReport):
        return _verify(report)
    return _lint(report)


def render(report: FindingsReport, **_: object) -> str:
    return "\n".join(_view(report)) + "\n"
