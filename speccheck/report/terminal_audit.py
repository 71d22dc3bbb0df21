"""Terminal view of an audit: per role, the duty coverage tables in the duties' words, a line per standards
framework, the findings, and the provenance legend once."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from speccheck.report.audit_words import NOT_CHECKED, audit_sources, how_in_words, row_sources, standards_line
from speccheck.report.terminal_parts import SEVERITY_STYLE, FindingLines, legend, summary
from speccheck.results.audit import AuditReport, Coverage, CoverageRow, RoleAudit
from speccheck.results.citations import cites_in_words, without_internal_refs


def _status(row: CoverageRow, severity: str) -> Text:
    if row.status == "covered":
        return Text("covered", style="green")
    return Text("missing", style=SEVERITY_STYLE.get(severity, "bold red"))


def _heading(coverage: Coverage) -> Text:
    text = Text(coverage.framework, style="bold")
    text.append(
        f"  {coverage.covered} of {coverage.total} covered",
        style="green" if coverage.covered == coverage.total else "yellow",
    )
    return text


def _duty_table(coverage: Coverage) -> RenderableType:
    common, cites = row_sources(coverage)
    table = Table(header_style="bold", expand=True, box=None, pad_edge=False)
    table.add_column("status", no_wrap=True)
    table.add_column("by", no_wrap=True)
    table.add_column("duty, and how it is covered", ratio=1)
    for row, cite in zip(coverage.rows, cites, strict=True):
        duty = Text(" ".join(row.text.split()))  # Text: words from files are never read as markup
        duty.append("\n" + "; ".join(x for x in (how_in_words(row), cite) if x), style="dim")
        table.add_row(_status(row, coverage.severity), Text(", ".join(row.covered_by) or "-"), duty)
    parts: list[RenderableType] = [_heading(coverage)]
    if common:
        parts.append(Text("source: " + common, style="dim"))
    if coverage.note:
        parts.append(Text("note: " + without_internal_refs(coverage.note), style="dim"))
    parts.append(table)
    return Group(*parts)


def _standards(coverage: Coverage) -> RenderableType:
    text = Text(coverage.framework, style="bold")
    text.append(": " + standards_line(coverage), style="green" if coverage.covered == coverage.total else "yellow")
    if coverage.sources:
        text.append("\n  source: " + cites_in_words(coverage.sources), style="dim")
    return text


def _not_checked(role: RoleAudit) -> Text:
    if any(n.kind == "coverage" for n in role.not_run):
        return Text(NOT_CHECKED, style="dim")
    return Text("no statutory duty catalogue applies to this post type", style="dim")


def _role_panel(role: RoleAudit) -> RenderableType:
    title = Text(f"{role.title} [{role.post_type}]", style="bold")  # Text: the brackets are not markup
    title.append("  " + role.path, style="dim")
    body: list[RenderableType] = [Rule(style="dim"), title]
    facts = Text()
    facts.append("judged at: ", style="dim")
    facts.append(role.as_of.isoformat() if role.as_of else "no date (current guidance)")
    if role.job_roles:
        facts.append("   Teaching Vacancies job roles: ", style="dim")
        facts.append(", ".join(role.job_roles))
    body.append(facts)
    for coverage in role.coverage:
        body.append(_duty_table(coverage))
    if not role.coverage:
        body.append(_not_checked(role))
    for coverage in role.standards:
        body.append(_standards(coverage))
    if role.findings:
        body.append(FindingLines(role.findings, sources=True))
    body.append(Text.assemble("findings: ", summary(role.findings)))
    return Group(*body)


def renderable(report: AuditReport) -> RenderableType:
    parts: list[RenderableType] = [_role_panel(role) for role in report.roles]
    if report.findings:
        parts += [Rule(Text("files not audited"), align="left", style="bold"), FindingLines(report.findings)]
    if not parts:
        parts.append(Text("no roles audited"))
    total = Text(f"{len(report.roles)} role{'s' if len(report.roles) != 1 else ''} audited")
    if report.profile:
        total.append(f", profile {report.profile}")
    if report.as_of:
        total.append(f", as of {report.as_of.isoformat()}")
    total.append("; findings: ")
    total.append_text(summary(report.all_findings()))
    parts.append(total)
    key = legend(audit_sources(report))
    if key is not None:
        parts.append(key)
    return Group(*parts)
