"""Text views of a lint run, in the conventions of ruff and flake8.

Not on a terminal (a pipe, a file, a CI log): one line a finding, ``path:line:col: severity [rule-id]
message``, then one summary line. On a terminal: the findings grouped under a heading per file, each still
starting ``path:line:col`` (terminals make that a link), the message wrapped under it and its fix dimmed.
Suppressed findings are one line of the summary unless ``show_suppressed``; then each is listed with what
suppressed it.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.text import Text

from speccheck.core.findings import Finding
from speccheck.report.parsable import lint_text, suppressed_line, suppressed_words, verdict_words
from speccheck.report.terminal_parts import SEVERITY_STYLE, FindingLines, summary, to_text, wrapped
from speccheck.results.lint import LintReport, SuppressedFinding

MORE = "speccheck rules show RULE-ID gives a rule's sources and fix"


def summary_line(report: LintReport, *, show_suppressed: bool) -> Text:
    """'5 file(s) checked: 2 error, 6 warning, 8 info; 4 suppressed (...); fails (findings at or above error)'."""
    text = Text.assemble(f"{len(report.files)} file(s) checked: ", summary(report.findings))
    text.append("; " + suppressed_words(report, listed=show_suppressed) + "; ")
    text.append(verdict_words(report), style=SEVERITY_STYLE["error"] if report.summary.failed else "green")
    return text


def render(
    report: LintReport,
    *,
    width: int = 80,
    color: bool = False,
    terminal: bool = False,
    show_suppressed: bool = False,
    **_: object,
) -> str:
    if terminal:
        return to_text(renderable(report, show_suppressed=show_suppressed), width=width, color=color)
    return lint_text(report, show_suppressed=show_suppressed)


def _heading(path: str, findings: list[Finding]) -> Text:
    text = Text(path, style="bold underline")
    text.append("  ")
    text.append_text(summary(findings))
    return text


def renderable(report: LintReport, *, show_suppressed: bool = False) -> RenderableType:
    """The grouped view, for a person at a terminal."""
    parts: list[RenderableType] = []
    by_file: dict[str, list[Finding]] = {}
    for finding in report.findings:
        by_file.setdefault(finding.position.path if finding.position else "-", []).append(finding)
    for path in sorted(by_file):
        # Text, not str: a path is data, never rich markup ("[/]" in a file name must not break the view).
        parts += [_heading(path, by_file[path]), FindingLines(by_file[path]), Text("")]
    if show_suppressed and report.suppressed:
        parts.append(Text(f"suppressed ({len(report.suppressed)})", style="bold underline"))
        parts.append(_Suppressed(report.suppressed))
        parts.append(Text(""))
    parts.append(summary_line(report, show_suppressed=show_suppressed))
    if report.findings:
        parts.append(Text(MORE, style="dim"))
    return Group(*parts)


class _Suppressed:
    """Suppressed findings, one a line, wrapped like findings."""

    def __init__(self, items: list[SuppressedFinding]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for item in self.items:
            yield Text("\n".join(wrapped(suppressed_line(item), options.max_width)), style="dim", no_wrap=True)
