"""Pieces shared by the terminal views: styles, finding lines, severity summaries, rendering to text."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable, Iterator

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
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


INDENT = "    "


def where(finding: Finding) -> str:
    """``path:line:col`` of a finding, as editors and terminals link it (``-:1:1`` when it has no place)."""
    pos = finding.position
    return f"{pos.path}:{pos.line}:{pos.col}" if pos else "-:1:1"


def wrapped(text: str, width: int, *, first: str = "", rest: str = INDENT) -> list[str]:
    """``text`` on lines of at most ``width`` (a word longer than that keeps its own line, unbroken)."""
    return textwrap.wrap(
        " ".join(text.split()),
        width=max(width, len(rest) + 10),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def finding_text(finding: Finding, width: int, *, sources: bool = False, fix: bool = True) -> Text:
    """One finding as ``path:line:col: severity [rule] message``, the message wrapped under a hanging indent,
    then, dimmed, its fix and (when asked) its sources in words."""
    head = f"{where(finding)}: {finding.severity.value} [{finding.rule_id}] {finding.message}"
    lines = wrapped(head, width)
    text = Text("\n".join(lines), no_wrap=True, overflow="fold")
    spot = len(where(finding)) + 2
    text.stylize(SEVERITY_STYLE[finding.severity.value], spot, spot + len(finding.severity.value))
    text.stylize("bold", 0, len(where(finding)))
    extra = []
    if fix and finding.fix:
        extra.append("fix: " + fix_in_words(finding.fix))
    if sources and finding.sources:
        extra.append("source: " + cites_in_words(finding.sources))
    for item in extra:
        text.append("\n" + "\n".join(wrapped(item, width, first=INDENT, rest=INDENT + "  ")), style="dim")
    return text


def indented(renderable: RenderableType, by: int = len(INDENT)) -> Padding:
    """A block indented as a whole: its wrapped lines stay under its first."""
    return Padding(renderable, (0, 0, 0, by))


def notes_summary(findings: Iterable[Finding]) -> list[str]:
    """A candidate's notes, one line a rule: its severity, id and first message, and how many more like it."""
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    lines = []
    for rule, items in by_rule.items():
        more = f" (and {len(items) - 1} more like it)" if len(items) > 1 else ""
        lines.append(f"{items[0].severity.value} [{rule}] {' '.join(items[0].message.split())}{more}")
    return lines


class FindingLines:
    """Findings one under another, each starting ``path:line:col`` so a terminal makes it a link,
    wrapped to the width they are given (inside a panel, the panel's)."""

    def __init__(self, findings: Iterable[Finding], *, sources: bool = False, fix: bool = True) -> None:
        self.findings = list(findings)
        self.sources = sources
        self.fix = fix

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for finding in self.findings:
            yield finding_text(finding, options.max_width, sources=self.sources, fix=self.fix)


def legend(sources: Iterable[SourceRef]) -> Text | None:
    """What the provenance words of the sources mean, once per report; None when the report cites nothing."""
    if not any(True for _ in sources):
        return None
    text = Text("How far each source was checked:", style="dim")
    for words, meaning in PROVENANCE_LEGEND.items():
        text.append(f"\n  {words}: {meaning}", style="dim")
    return text


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
