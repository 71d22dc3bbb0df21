"""Pieces shared by the terminal views: styles, finding tables, severity summaries, rendering to text."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from speccheck.core.controls import without_controls
from speccheck.core.findings import Finding, SourceRef
from speccheck.results.citations import PROVENANCE_LEGEND, cites_in_words, fix_in_words
from speccheck.results.report import count_by_severity

VERDICT_STYLE = {
    "met": "green",
    "not_met": "bold red",
    "evidenced": "cyan",
    "no_evidence": "yellow",
    "deferred": "dim",
}
DECISION_STYLE = {"shortlist": "bold green", "review": "bold yellow", "reject": "bold red"}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def finding_table(findings: list[Finding], *, show_path: bool = True) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, box=None, pad_edge=False)
    table.add_column("where", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("message", ratio=1)
    for finding in findings:
        pos = finding.position
        where = (str(pos) if show_path else f"{pos.line}:{pos.col}") if pos else "-"
        message = Text(finding.message)
        if finding.sources:
            message.append("\n  source: " + cites_in_words(finding.sources), style="dim")
        if finding.fix:
            message.append("\n  fix: " + fix_in_words(finding.fix), style="dim")
        table.add_row(
            Text(where),
            Text(finding.severity.value, style=SEVERITY_STYLE[finding.severity.value]),
            Text(finding.rule_id),
            message,
        )
    return table


def legend(sources: Iterable[SourceRef]) -> Text | None:
    """What the provenance words of the sources mean, once per report; None when the report cites nothing."""
    if not any(True for _ in sources):
        return None
    text = Text("How far each source was checked:", style="dim")
    for words, meaning in PROVENANCE_LEGEND.items():
        text.append(f"\n  {words}: {meaning}", style="dim")
    return text


def finding_sources(findings: Iterable[Finding]) -> list[SourceRef]:
    """Every source the findings cite."""
    return [source for finding in findings for source in finding.sources]


def summary(findings: Iterable[Finding]) -> Text:
    """'1 error, 2 warning, 0 info', each count in its severity's colour when it is not zero."""
    text = Text()
    for index, (severity, count) in enumerate(count_by_severity(findings).items()):
        if index:
            text.append(", ")
        text.append(f"{count} {severity.value}", style=SEVERITY_STYLE[severity.value] if count else "")
    return text


def to_text(renderable: RenderableType, *, width: int, color: bool) -> str:
    """A rich view as text at a fixed width (ANSI colours only when ``color``)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        markup=False,  # text from files is never read as rich markup ("[/]" in a name, "[red]")
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(_Printable(renderable))
    return buffer.getvalue()


class _Printable:
    """A view with the control characters of its text removed after layout: an escape sequence in a
    candidate's name reaches no terminal, while the view's own colours (added when the text is written) stay."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or segment.text.isprintable() or segment.text == "\n":
                yield segment
            else:
                yield Segment(without_controls(segment.text), segment.style)
