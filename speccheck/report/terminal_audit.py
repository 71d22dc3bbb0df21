"""Terminal view of an audit: per role, the duty coverage tables, the standards tables, the findings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from speccheck.report.terminal_parts import SEVERITY_STYLE, finding_table, summary
from speccheck.results.audit import AuditReport, Coverage, CoverageRow, RoleAudit

MAX_SHOWN = 3  # covering statements listed in a standards table before "+n"


def _words(words: list[str]) -> str:
    return " + ".join(f"“{w}”" for w in words)


def _how(row: CoverageRow) -> str:
    if row.status != "covered":
        return "no statement covers it"
    if row.method == "covers":
        return "covers:" + (f" (its words match too: {_words(row.matched)})" if row.matched else "")
    if row.method == "pattern":
        return f"matched pattern {_words(row.matched)}"
    return f"matched {_words(row.matched)}"


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
    table = Table(header_style="bold", expand=True)
    table.add_column("duty", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("covered by", no_wrap=True)
    table.add_column("how / source", ratio=1)
    for row in coverage.rows:
        table.add_row(  # Text: ids and words from files are never read as markup
            Text(row.duty_id),
            _status(row, coverage.severity),
            Text(", ".join(row.covered_by) or "-"),
            Text(_how(row) + "\n" + row.source.cite()),
        )
    parts: list[RenderableType] = [_heading(coverage)]
    if coverage.note:
        parts.append(Text("note: " + " ".join(coverage.note.split()), style="dim"))
    parts.append(table)
    return Group(*parts)


def _standards_table(coverage: Coverage) -> RenderableType:
    table = Table(header_style="bold", expand=True, box=None, pad_edge=False)
    table.add_column("standard", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("covered by", no_wrap=True)
    table.add_column("matched", ratio=1)
    for row in coverage.rows:
        shown = row.covered_by[:MAX_SHOWN]
        more = len(row.covered_by) - len(shown)
        table.add_row(  # Text: ids and words from files are never read as markup
            Text(row.duty_id),
            _status(row, coverage.severity),
            Text(", ".join(shown) + (f" +{more}" if more > 0 else "") or "-"),
            Text(_how(row) if row.status == "covered" else " ".join(row.text.split())),
        )
    return Group(_heading(coverage), table)


def _role_panel(role: RoleAudit) -> RenderableType:
    body: list[RenderableType] = []
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
        body.append(Text("no statutory duty catalogue applies to this post type", style="dim"))
    for coverage in role.standards:
        body.append(_standards_table(coverage))
    if role.findings:
        body.append(finding_table(role.findings, show_path=False))
    body.append(Text.assemble("findings: ", summary(role.findings)))
    title = Text(f"{role.title} [{role.post_type}] {role.path}")  # Text: the brackets are not markup
    return Panel(Group(*body), title=title, title_align="left")


def renderable(report: AuditReport) -> RenderableType:
    parts: list[RenderableType] = [_role_panel(role) for role in report.roles]
    if report.findings:
        parts.append(Panel(finding_table(report.findings), title="files not audited", title_align="left"))
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
    return Group(*parts)
