"""Terminal view of a shortlist: the role's audit first (its errors and warnings, and the criteria it leaves
out), then the ranked table, the candidates x criteria grid coloured by
verdict (in blocks of criteria that fit the width, never dropping one), scores to discuss, panel
agreement, conflicts, each candidate's notes summarised and the files left out; with ``details``,
every criterion of every candidate with why and the evidence quoted."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial

from rich.console import Console, ConsoleOptions, Group, RenderableType
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
from speccheck.report.shortlist_stream import CandidatePart, Piece, Write, joined
from speccheck.report.terminal_parts import (
    DECISION_STYLE,
    VERDICT_STYLE,
    FindingLines,
    indented,
    notes_summary,
    to_text,
)
from speccheck.results.evaluation import judged_as_at
from speccheck.results.shortlist import RankedCandidate, RankedView, ShortlistReport


def render(report: ShortlistReport, *, width: int = 80, color: bool = False, details: bool = False, **_: object) -> str:
    return joined(partial(Stream, width=width, color=color, details=details), report)


def piece(candidate: RankedCandidate, frame: ShortlistReport, *, width: int, color: bool) -> str:
    """A candidate's details (every criterion, why, the evidence), as text."""
    return to_text(Group(*_detail(frame, candidate)), width=width, color=color)


class Stream:
    """The view is written at the end (its ranking reads every candidate's reason and notes); each
    candidate's details are made as it comes."""

    wants_model = False

    def __init__(self, write: Write, *, width: int = 80, color: bool = False, details: bool = False, **_: object):
        self.write = write
        self.width = width
        self.color = color
        self.details = details
        self.piece: Piece | None = partial(piece, width=width, color=color) if details else None
        self.frame: ShortlistReport | None = None
        self.parts: list[CandidatePart] = []  # the view's ranking reads each one's reason, redactions and notes
        self.detail_texts: list[str] = []

    def start(self, frame: ShortlistReport, rows: Sequence[RankedView]) -> None:
        self.frame = frame

    def add(self, part: CandidatePart, piece: str | None) -> None:
        self.parts.append(part if part.candidate is None else replace(part, candidate=None))
        if piece is not None:
            self.detail_texts.append(piece)

    def finish(self) -> None:
        assert self.frame is not None
        view = to_text(_head(self.frame, self.parts, details=self.details), width=self.width, color=self.color)
        self.write(view + "".join(self.detail_texts))


def _head(report: ShortlistReport, rows: Sequence[CandidatePart], *, details: bool) -> RenderableType:
    """Everything before the candidates' details."""
    essentials = counted_essentials(report)
    head = Text.assemble(
        ("speccheck shortlist  ", "bold"),
        report.role_title,
        ("  BLIND" if report.anonymised else "", "bold magenta"),
    )
    parts: list[RenderableType] = [
        head,
        Text(report.role_path, style="dim"),
        Text(judged_as_at(report.as_of, report.as_of_from), style="dim"),
        *_audit(report),
    ]
    counts = ", ".join(f"{n} {d}" for d, n in report.decisions.items())
    panel = ", ".join(report.panellists) or "none"
    parts.append(
        Text(
            f"{len(rows)} candidates ranked: {counts}.  Panel: {panel}.  Scale 0-{report.scale_max}, pass mark {report.pass_mark}."
        )
    )
    if report.provisional:
        parts.append(Text(f"PROVISIONAL: {report.provisional_reason}", style="bold yellow"))
    parts.append(_ranking(report, rows, essentials))
    parts.append(_grid(report, [part.row for part in rows]))
    if report.discussion:
        parts.append(_discussion(report))
    parts.append(_agreement(report))
    if report.conflicts:
        conflicts = Table(
            title="Conflicts of interest (scores removed)",
            title_justify="left",
            title_style="bold",
            header_style="bold",
            expand=True,
            box=None,
        )
        conflicts.add_column("panellist", no_wrap=True)
        conflicts.add_column("candidate", no_wrap=True)
        conflicts.add_column("reason", ratio=1)
        for conflict in report.conflicts:
            conflicts.add_row(conflict.panellist, conflict.candidate, conflict.reason or "")
        parts.append(conflicts)
    parts += _notes(rows, details=details)
    if report.findings:
        parts.append(Text("Left out of the ranking, and score sheet problems", style="bold"))
        parts.append(FindingLines(report.findings))
    if not details:
        parts.append(Text("each candidate's criteria with why and the evidence: add --details", style="dim"))
    return Group(*parts)


def _audit(report: ShortlistReport) -> list[RenderableType]:
    """The role's audit errors and warnings, and the criteria it leaves out of the decisions, each wrapped
    under its own indent."""
    out: list[RenderableType] = []
    if report.audit:
        out.append(Text("The role's audit (speccheck audit ROLE for sources and fixes)", style="bold"))
        for finding in report.audit:
            severity = finding.severity.value
            out.append(
                indented(
                    Text.assemble((severity, "bold red" if severity == "error" else "yellow"), " ", finding.message),
                    2,
                )
            )
    for criterion in left_out(report):
        assert criterion.left_out is not None
        out.append(
            indented(
                Text.assemble(
                    ("left out ", "bold"),
                    (f"{criterion.id} {_short(criterion.text, 40)}", "strike"),
                    f": {criterion.left_out.reason}",
                ),
                2,
            )
        )
    return out


def _notes(rows: Sequence[CandidatePart], *, details: bool) -> list[RenderableType]:
    """Each candidate's notes on the application, a line a rule (every one, with its place, with details)."""
    noted = [c for c in rows if c.findings]
    if not noted:
        return []
    parts: list[RenderableType] = [Text("Notes on applications", style="bold")]
    for candidate in noted:
        parts.append(Text(label(candidate.row)))
        if details:
            parts.append(indented(FindingLines(candidate.findings), 2))
        else:
            parts += [indented(Text(note, style="dim"), 2) for note in notes_summary(candidate.findings)]
    return parts


def _detail(report: ShortlistReport, candidate: RankedCandidate) -> list[RenderableType]:
    """A candidate's criteria: verdict (and the machine's, where the panel's scores changed it), why, evidence."""
    texts = {criterion.id: criterion for criterion in report.criteria}
    parts: list[RenderableType] = [
        Text(""),
        Text.assemble(
            (f"{candidate.rank}. {label(candidate)}", "bold"),
            "  ",
            (candidate.decision.value.upper(), DECISION_STYLE[candidate.decision.value]),
        ),
    ]
    for cell in candidate.cells:
        criterion = texts.get(cell.criterion_id)
        head = Text.assemble(
            (cell.criterion_id, "bold"),
            f"  {criterion.level.value if criterion else ''}  ",
            (VERDICT_LABEL[cell.verdict.value], VERDICT_STYLE[cell.verdict.value]),
        )
        if cell.machine_verdict is not cell.verdict:
            head.append(f" (machine: {VERDICT_LABEL[cell.machine_verdict.value]})", style="dim")
        if cell.panel_score is not None:
            head.append(f"  panel {score_text(cell.panel_score)}")
        body = Text(criterion.text if criterion else "")
        body.append("\n" + cell.summary, style="dim")
        for quote in cell.evidence[:2]:
            body.append(f"\n“{quote.text}”  {quote.where or f'line {quote.line}'}", style="italic")
        parts += [head, indented(body)]
    return parts


class _Ranking:
    """The ranking, one line a candidate at any width from 60 columns, with why the decision stands (and
    any flags) wrapped under it across the whole width."""

    def __init__(self, report: ShortlistReport, rows: Sequence[CandidatePart], essentials: int) -> None:
        self.report = report
        self.rows = rows
        self.essentials = essentials

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        report = self.report
        fixed = 3 + 2 + 2 + 9 + 2 + 9 + 2 + 9 + 2 + 5  # rank, decision, essential, desirable, panel and the gaps
        room = max(12, min(28, options.max_width - fixed))
        yield Text("Ranking", style="bold")
        yield Text(
            f"{'#':>3}  {'candidate':<{room}}  {'decision':<9}  {'essential':>9}  {'desirable':>9}  {'panel':>5}",
            style="bold",
            no_wrap=True,
        )
        for part in self.rows:
            candidate = part.row
            row = Text(f"{candidate.rank:>3}  {_short(label(candidate), room):<{room}}  ", no_wrap=True)
            row.append(f"{candidate.decision.value:<9}", style=DECISION_STYLE[candidate.decision.value])
            row.append(
                f"  {f'{candidate.essential_met}/{self.essentials}':>9}  {candidate.desirable_score:>9g}"
                f"  {score_text(candidate.panel_total) or '-':>5}"
            )
            yield row
            yield indented(Text("; ".join(_why(report, part)), style="dim"), 5)


def _why(report: ShortlistReport, part: CandidatePart) -> list[str]:
    """Why the decision stands, then what the panel must know: a changed decision, too few scores, conflicts."""
    candidate = part.row
    why = [part.decision_reason]
    if candidate.machine_decision is not candidate.decision:
        why.append(f"was {candidate.machine_decision.value} on the application alone")
    if candidate.provisional and report.panellists:
        why.append("provisional: fewer than two panellists' scores count")
    if candidate.conflicted_panellists:
        why.append("conflict: " + ", ".join(candidate.conflicted_panellists))
    if part.redactions:
        why.append(f"{part.redactions} personal detail(s) redacted")
    return why


def _ranking(report: ShortlistReport, rows: Sequence[CandidatePart], essentials: int) -> RenderableType:
    return _Ranking(report, rows, essentials)


class _Grid:
    """Candidates x criteria in blocks of criteria that fit the width: every criterion is shown, in order."""

    def __init__(self, report: ShortlistReport, rows: Sequence[RankedView]) -> None:
        self.report = report
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[RenderableType]:
        report = self.report
        rows = self.rows
        names = [Text(f"{c.rank:>3} {_short(label(c))}", style=DECISION_STYLE[c.decision.value]) for c in rows]
        first = max([len("candidate"), *(len(name) for name in names)]) + 1
        widths = [
            max([1, *(len(cell_text(c.cells[index])) for c in rows if index < len(c.cells))]) + 1
            for index in range(len(report.criteria))
        ]
        blocks = _blocks(widths, options.max_width - first)
        for start, end in blocks:
            title = "Candidates x criteria"
            if len(blocks) > 1:
                title += f" ({start + 1}-{end} of {len(report.criteria)})"
            table = Table(title=title, title_justify="left", title_style="bold", box=None, padding=(0, 1, 0, 0))
            table.add_column("candidate", no_wrap=True, header_style="bold", vertical="bottom")
            for criterion in report.criteria[start:end]:
                style = "bold" if criterion.level.value == "essential" else ""
                table.add_column(
                    Text("\n".join(criterion.id), style=style), justify="center", no_wrap=True, vertical="bottom"
                )
            for name, candidate in zip(names, rows, strict=True):
                cells = [
                    Text(cell_text(cell), style=VERDICT_STYLE[cell.verdict.value])
                    for cell in candidate.cells[start:end]
                ]
                table.add_row(name, *cells)
            yield table


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _blocks(widths: list[int], room: int) -> list[tuple[int, int]]:
    """Consecutive columns whose widths fit ``room`` (at least one a block), as (start, end) pairs."""
    blocks: list[tuple[int, int]] = []
    start, used = 0, 0
    for index, column in enumerate(widths):
        if index > start and used + column > room:
            blocks.append((start, index))
            start, used = index, 0
        used += column
    if widths:
        blocks.append((start, len(widths)))
    return blocks


def _grid(report: ShortlistReport, rows: Sequence[RankedView]) -> RenderableType:
    table = _Grid(report, rows)
    legend = Text("  ")
    for verdict, symbol in VERDICT_SYMBOL.items():
        legend.append(f"{symbol} {VERDICT_LABEL[verdict]}", style=VERDICT_STYLE[verdict])
        legend.append("   ")
    legend.append(
        f"\n  digits: panel score   ?: scores differ by 2+, discuss   {LEFT_OUT_SYMBOL}: left out by the audit   "
        "bold ids: essential"
    )
    return Group(table, legend)


def _discussion(report: ShortlistReport) -> Table:
    table = Table(
        title="To discuss: scores differ by 2 points or more",
        title_justify="left",
        title_style="bold",
        header_style="bold",
        expand=True,
        box=None,
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
