"""The demo's story in two screens: a role audited with its headline findings, an Advanced Skills Teacher
judged fairly (seed 002), a shortlist written to files, and the commands to run next."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from speccheck.core.findings import Finding, Severity
from speccheck.report.shortlist_parts import label
from speccheck.report.terminal_evaluation import ROUTE, ranked
from speccheck.report.terminal_parts import DECISION_STYLE, SEVERITY_STYLE, indented, summary, to_text, wrapped
from speccheck.results.audit import AuditReport
from speccheck.results.evaluation import CandidateResult, EvaluationReport
from speccheck.results.shortlist import ShortlistReport

HEADLINES = 4  # findings of the audit shown, most severe first
NEXT = (
    ("speccheck audit ROLE.yaml", "check your own role"),
    ("speccheck evaluate ROLE.yaml FOLDER/", "verdicts; --details: why"),
    ("speccheck shortlist ROLE.yaml FOLDER/ -o pack.html", "rank; --scores SHEET.csv"),
    ("speccheck lint specs/", "in CI and pre-commit"),
)


def clipped(text: str, width: int, *, lines: int = 2, style: str = "") -> Text:
    """Text wrapped to at most ``lines`` lines of ``width``, cut with an ellipsis (the rest is a command away)."""
    shown = wrapped(text, width, rest="")
    if len(shown) > lines:
        shown = shown[:lines]
        shown[-1] = shown[-1][: max(0, width - 1)].rstrip() + "\u2026"
    return Text("\n".join(shown), style=style, no_wrap=True)


def _finding(finding: Finding, width: int) -> Text:
    pos = finding.position
    place = f"line {pos.line}: " if pos else ""
    text = clipped(f"{place}{finding.severity.value} [{finding.rule_id}] {finding.message}", width)
    text.stylize(SEVERITY_STYLE[finding.severity.value], len(place), len(place) + len(finding.severity.value))
    return text


def _audit(audit: AuditReport, command: str, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [Text("1. HR audits a role before it is advertised", style="bold")]
    for role in audit.roles:
        line = Text(f"{role.title} ({role.path}); findings: ")
        line.append_text(summary(role.findings))
        parts.append(indented(line, 3))
        shown = [
            f
            for f in sorted(role.findings, key=lambda f: (-f.severity.rank, f.sort_key()))
            if f.severity is not Severity.INFO
        ][:HEADLINES]
        parts += [indented(_finding(f, width - 6), 6) for f in shown]
        rest = len(role.findings) - len(shown)
        parts.append(indented(Text(f"{rest} more, with sources and fixes: {command}", style="dim"), 3))
    return parts


def _candidate(candidate: CandidateResult, width: int) -> list[RenderableType]:
    head = Text.assemble(
        label_of(candidate), ": ", (candidate.decision.value.upper(), DECISION_STYLE[candidate.decision.value])
    )
    parts: list[RenderableType] = [indented(head, 3)]
    for result in candidate.results:
        if result.explanation.summary.startswith(ROUTE):
            parts.append(indented(clipped(f"{result.criterion_id} {result.text}", width - 6, lines=1), 6))
            parts.append(indented(Text("evidenced: an equivalent route, for the panel to judge", style="cyan"), 9))
            for quote in result.explanation.evidence[:1]:
                parts.append(indented(clipped(f"“{quote.text}”", width - 9, style="italic"), 9))
        elif result.verdict.value == "not_met" and result.level.value == "essential":
            parts.append(indented(clipped(f"{result.criterion_id} {result.explanation.summary}", width - 6), 6))
    return parts


def label_of(candidate: CandidateResult) -> str:
    return candidate.candidate_id + (f" ({candidate.name})" if candidate.name else "")


def _evaluation(evaluation: EvaluationReport, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text("2. A panel reads an Advanced Skills Teacher fairly (seed 002)", style="bold"),
        indented(
            Text(
                f"{evaluation.role_title}: no one is rejected for want of a senior title; the machine decides "
                "'not met' only on what a certificate or a date proves"
            ),
            3,
        ),
    ]
    for candidate in ranked(evaluation):
        parts += _candidate(candidate, width)
    return parts


def _shortlist(shortlist: ShortlistReport, written: list[str], width: int) -> list[RenderableType]:
    panel = ", ".join(shortlist.panellists) or "no panel scores"
    parts: list[RenderableType] = [
        Text(f"3. The panel shortlists {len(shortlist.candidates)} applications", style="bold"),
        indented(Text(f"{shortlist.role_title}, with the scores of {panel}"), 3),
    ]
    for candidate in shortlist.candidates:
        row = Text(f"{candidate.rank:>2} {label(candidate):<26} ", no_wrap=True)
        row.append(f"{candidate.decision.value:<10}", style=DECISION_STYLE[candidate.decision.value])
        row.append_text(clipped(candidate.decision_reason, width - 3 - len(row), lines=1, style="dim"))
        parts.append(indented(row, 3))
    if written:
        parts.append(
            indented(
                Text(
                    "wrote " + ", ".join(written) + " (readable only by you: they hold personal data); "
                    "open the .html pack in a browser to print it"
                ),
                3,
            )
        )
    return parts


def renderable(
    *,
    audit: AuditReport,
    audit_command: str,
    evaluation: EvaluationReport,
    shortlist: ShortlistReport,
    written: list[str],
    width: int,
) -> RenderableType:
    parts: list[RenderableType] = [
        Text.assemble(("speccheck demo", "bold"), ": the bundled samples, end to end (every applicant is invented)"),
        Text(""),
        *_audit(audit, audit_command, width),
        Text(""),
        *_evaluation(evaluation, width),
        Text(""),
        *_shortlist(shortlist, written, width),
        Text(""),
        Text("Next, on your own files (README.md walks through each):", style="bold"),
    ]
    column = max(len(command) for command, _ in NEXT) + 2
    for command, what in NEXT:
        line = Text(f"  {command:<{column}}", no_wrap=True)
        line.append(what, style="dim")
        parts.append(line if len(line) <= width else Text(f"  {command}", no_wrap=True))
    parts.append(Text("  speccheck COMMAND --help lists every option", style="dim"))
    return Group(*parts)


def render(
    *,
    audit: AuditReport,
    audit_command: str,
    evaluation: EvaluationReport,
    shortlist: ShortlistReport,
    written: list[str],
    width: int = 80,
    color: bool = False,
) -> str:
    view = renderable(
        audit=audit,
        audit_command=audit_command,
        evaluation=evaluation,
        shortlist=shortlist,
        written=written,
        width=width,
    )
    return to_text(view, width=width, color=color)
