"""Terminal view of a shortlist: the role's audit first, then the ranked table, the candidates x criteria
grid coloured by verdict, scores to discuss, panel agreement, conflicts and findings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from speccheck.report.shortlist_parts import (
    LEFT_OUT_SYMBOL,
    VERDICT_LABEL,
    VERDICT_SYMBOL,
    cell_text,
    counted_essentials,
    label,
    left_out,
    score_text,
)
from speccheck.report.terminal_parts import (
    DECISION_STYLE,
    VERDICT_STYLE,
    finding_sources,
    finding_table,
    legend,
    to_text,
)
from speccheck.results.evaluation import judged_as_at
from speccheck.results.shortlist import ShortlistReport


def render(report: ShortlistReport, *, width: int = 120, color: bool = False) -> str:
    return to_text(renderable(report), width=width, color=color)


def renderable(report: ShortlistReport) -> RenderableType:
    essentials = counted_essentials(report)
    head = Text.assemble(
        ("speccheck shortlist  ", "bold"),
        f"{report.role_title} ({report.role_path}), {judged_as_at(report.as_of, report.as_of_from)}",
        ("  BLIND" if report.anonymised else "", "bold magenta"),
    )
    parts: list[RenderableType] = [head, *_audit(report)]
    counts = ", ".join(f"{n} {d}" for d, n in report.decisions.items())
    panel = ", ".join(report.panellists) or "none"
    parts.append(
        Text(
            f"{len(report.candidates)} candidates ranked: {counts}.  Panel: {panel}.  Scale 0-{report.scale_max}, pass mark {report.pass_mark}."
        )
    )
    if report.provisional:
        parts.append(Text(f"PROVISIONAL: {report.provisional_reason}", style="bold yellow"))
    parts.append(_ranking(report, essentials))
    parts.append(_grid(report))
    if report.discussion:
        parts.append(_discussion(report))
    parts.append(_agreement(report))
    if report.conflicts:
        conflicts = Table(
            title="Conflicts of interest (scores removed)", title_justify="left", header_style="bold", expand=True
        )
        conflicts.add_column("panellist", no_wrap=True)
        conflicts.add_column("candidate", no_wrap=True)
        conflicts.add_column("reason", ratio=1)
        for conflict in report.conflicts:
            conflicts.add_row(conflict.panellist, conflict.candidate, conflict.reason or "")
        parts.append(conflicts)
    notes = [(c, f) for c in report.candidates for f in c.findings]
    if notes:
        parts.append(Text("Notes on applications", style="bold"))
        parts.append(finding_table([f for _, f in notes]))
    if report.findings:
        parts.append(Text("Left out of the ranking, and score sheet problems", style="bold"))
        parts.append(finding_table(report.findings))
    key = legend(finding_sources([*report.findings, *(f for _, f in notes)]))
    if key is not None:
        parts.append(key)
    return Group(*parts)


def _audit(report: ShortlistReport) -> list[RenderableType]:
    """The role's audit errors and warnings, and the criteria it leaves out of the decisions."""
    out: list[RenderableType] = []
    if report.audit:
        out.append(Text("The role's audit (speccheck audit ROLE for sources and fixes)", style="bold"))
        for finding in report.audit:
            out.append(
                Text.assemble(
                    (f"  {finding.severity.value:<8}", "bold red" if finding.severity.value == "error" else "yellow"),
                    finding.message,
                )
            )
    for criterion in left_out(report):
        assert criterion.left_out is not None
        out.append(
            Text.assemble(
                ("  left out ", "bold"),
                (f"{criterion.id} {criterion.text}", "strike"),
                f": {criterion.left_out.reason}",
            )
        )
    return out


def _ranking(report: ShortlistReport, essentials: int) -> Table:
    table = Table(title="Ranking", title_justify="left", header_style="bold", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("candidate", no_wrap=True)
    table.add_column("decision", no_wrap=True)
    table.add_column("essential", justify="right", no_wrap=True)
    table.add_column("desirable", justify="right", no_wrap=True)
    table.add_column("panel", justify="right", no_wrap=True)
    table.add_column("why", ratio=1)
    for candidate in report.candidates:
        decision = Text(candidate.decision.value, style=DECISION_STYLE[candidate.decision.value])
        if candidate.machine_decision is not candidate.decision:
            decision.append(f"\n(was {candidate.machine_decision.value})", style="dim")
        why = Text(candidate.decision_reason)
        flags = []
        if candidate.provisional and report.panellists:
            flags.append("provisional: fewer than two panellists' scores count")
        if candidate.conflicted_panellists:
            flags.append("conflict: " + ", ".join(candidate.conflicted_panellists))
        if candidate.redactions:
            flags.append(f"{candidate.redactions} personal detail(s) redacted")
        if flags:
            why.append("\n" + "; ".join(flags), style="dim")
        table.add_row(
            str(candidate.rank),
            label(candidate),
            decision,
            f"{candidate.essential_met}/{essentials}",
            f"{candidate.desirable_score:g}",
            score_text(candidate.panel_total) or "-",
            why,
        )
    return table


def _grid(report: ShortlistReport) -> RenderableType:
    table = Table(
        title="Candidates x criteria", title_justify="left", box=None, padding=(0, 1, 0, 0), header_style="bold"
    )
    table.add_column("candidate", no_wrap=True)
    for criterion in report.criteria:
        style = "bold" if criterion.level.value == "essential" else ""
        table.add_column(Text("\n".join(criterion.id), style=style), justify="center", no_wrap=True, vertical="bottom")
    for candidate in report.candidates:
        cells = [Text(cell_text(cell), style=VERDICT_STYLE[cell.verdict.value]) for cell in candidate.cells]
        table.add_row(
            Text(f"{candidate.rank:>3} {label(candidate)}", style=DECISION_STYLE[candidate.decision.value]), *cells
        )
    legend = Text("  ")
    for verdict, symbol in VERDICT_SYMBOL.items():
        legend.append(f"{symbol} {VERDICT_LABEL[verdict]}", style=VERDICT_STYLE[verdict])
        legend.append("   ")
    legend.append(
        f"digits: panel score   ?: scores differ by 2+, discuss   {LEFT_OUT_SYMBOL}: left out by the audit   "
        "bold ids: essential"
    )
    return Group(table, legend)


def _discussion(report: ShortlistReport) -> Table:
    table = Table(
        title="To discuss: scores differ by 2 points or more", title_justify="left", header_style="bold", expand=True
    )
    table.add_column("candidate", no_wrap=True)
    table.add_column("criterion", no_wrap=True)
    table.add_column("scores", ratio=1)
    table.add_column("moderated", ratio=1)
    for item in report.discussion:
        scores = ", ".join(f"{s.panellist}: {s.score}" for s in item.scores)
        agreed = (
            f"{item.moderated.score} ({item.moderated.reason})" if item.moderated else Text("not yet", style="yellow")
        )
        table.add_row(item.candidate, item.criterion_id, scores, agreed)
    return table


def _agreement(report: ShortlistReport) -> RenderableType:
    agreement = report.agreement
    overall = f"{agreement.alpha:.2f}" if agreement.alpha is not None else f"undefined ({agreement.note})"
    line = Text.assemble(
        ("Panel agreement ", "bold"),
        f"(Krippendorff's alpha, {agreement.metric}): {overall} over {agreement.units} scored item(s)",
    )
    scored = [c for c in agreement.criteria if c.units]
    if not scored:
        return line
    table = Table(box=None, header_style="bold", padding=(0, 2, 0, 0))
    table.add_column("criterion", no_wrap=True)
    table.add_column("alpha", justify="right", no_wrap=True)
    table.add_column("candidates scored", justify="right", no_wrap=True)
    for item in scored:
        if item.alpha is None:
            shown = Text("-", style="dim")
        else:
            shown = Text(f"{item.alpha:.2f}", style="red" if item.alpha < 0.667 else "green")
        table.add_row(item.criterion_id, shown, str(item.units))
    return Group(
        line, table, Text("  alpha below 0.667 (red): the panel reads this criterion differently", style="dim")
    )
