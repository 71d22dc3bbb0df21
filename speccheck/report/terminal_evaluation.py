"""Terminal view of an evaluation: the decisions first, then each candidate in a few lines (what failed,
what is unaddressed, the routes the panel must judge, the notes summarised); with ``details``, every
criterion of every candidate with its explanation and the evidence quoted."""

from __future__ import annotations

from collections import Counter

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from speccheck.report.terminal_parts import (
    DECISION_STYLE,
    VERDICT_STYLE,
    FindingLines,
    indented,
    notes_summary,
)
from speccheck.results.evaluation import CandidateResult, CriterionResult, Decision, EvaluationReport, judged_as_at

DECISION_ORDER = {Decision.SHORTLIST: 0, Decision.REVIEW: 1, Decision.REJECT: 2}
VERDICT_WORDS = {"met": "met", "evidenced": "evidenced", "not_met": "not met", "no_evidence": "no evidence"}
VERDICT_WORDS["deferred"] = "deferred"
ROUTE = "evidenced: equivalent route"  # how explain.py begins the summary of a criterion met by an equivalent route


def ranked(report: EvaluationReport) -> list[CandidateResult]:
    """Candidates by decision (shortlist, review, reject), then essential and desirable criteria met, then id."""
    return sorted(
        report.candidates,
        key=lambda c: (DECISION_ORDER[c.decision], -c.essential_met, -c.desirable_score, c.candidate_id, c.path),
    )


def _label(candidate: CandidateResult) -> str:
    return candidate.candidate_id + (f" ({candidate.name})" if candidate.name else "")


def _essentials(candidate: CandidateResult) -> int:
    """Essential criteria judged at application (the ones the decision rests on)."""
    return sum(1 for r in candidate.results if r.level.value == "essential" and r.verdict.value != "deferred")


def decisions_table(report: EvaluationReport) -> Table:
    table = Table(header_style="bold", expand=True, box=None, pad_edge=False)
    table.add_column("candidate, and why", ratio=1)
    table.add_column("decision", no_wrap=True)
    table.add_column("essential", justify="right", no_wrap=True)
    table.add_column("desirable", justify="right", no_wrap=True)
    for candidate in ranked(report):
        who = Text(_label(candidate))  # user text goes in as Text, never as rich markup
        who.append("\n" + candidate.decision_reason, style="dim")
        table.add_row(
            who,
            Text(candidate.decision.value, style=DECISION_STYLE[candidate.decision.value]),
            f"{candidate.essential_met}/{_essentials(candidate)}",
            f"{candidate.desirable_score:g}",
        )
    return table


def _heading(candidate: CandidateResult) -> Text:
    return Text.assemble(
        (_label(candidate), "bold"),
        "  ",
        (candidate.decision.value.upper(), DECISION_STYLE[candidate.decision.value]),
        "  ",
        (candidate.path, "dim"),
    )


def _counts(candidate: CandidateResult) -> Text:
    counts = Counter(r.verdict.value for r in candidate.results)
    text = Text()
    for index, (verdict, words) in enumerate(VERDICT_WORDS.items()):
        if index:
            text.append(", ")
        text.append(f"{counts[verdict]} {words}", style=VERDICT_STYLE[verdict] if counts[verdict] else "")
    return text


def _ids(results: list[CriterionResult]) -> str:
    return ", ".join(r.criterion_id for r in results)


def brief(candidate: CandidateResult) -> list[RenderableType]:
    """A candidate in a few lines: verdict counts, each criterion not met with why, the essentials with no
    evidence, the equivalent routes the panel must judge, and the notes summarised."""
    parts: list[RenderableType] = [_heading(candidate), indented(_counts(candidate))]
    for result in candidate.results:
        if result.verdict.value == "not_met":
            parts.append(_line(f"{result.criterion_id} ({result.level.value}) {result.explanation.summary}"))
    unaddressed = [r for r in candidate.results if r.verdict.value == "no_evidence" and r.level.value == "essential"]
    if unaddressed:
        parts.append(_line(f"no evidence yet for essential {_ids(unaddressed)}"))
    routes = [r for r in candidate.results if r.explanation.summary.startswith(ROUTE)]
    if routes:
        parts.append(_line(f"equivalent route, for the panel to judge: {_ids(routes)}"))
    for note in notes_summary(candidate.findings):
        parts.append(_line("note: " + note, style="dim"))
    return parts


def _line(text: str, *, style: str = "") -> RenderableType:
    return indented(Text(text, style=style))


def criterion_detail(result: CriterionResult) -> RenderableType:
    """One criterion: id, level and verdict, then its text, its explanation and up to two quotes."""
    head = Text.assemble(
        (result.criterion_id, "bold"),
        f"  {result.level.value}  ",
        (VERDICT_WORDS[result.verdict.value], VERDICT_STYLE[result.verdict.value]),
    )
    body = Text(result.text)
    body.append("\n" + result.explanation.summary, style="dim")
    for quote in result.explanation.evidence[:2]:
        body.append(f"\n“{quote.text}”  {quote.where or f'line {quote.position.line}'}", style="italic")
    return Group(head, indented(body))


def detail(candidate: CandidateResult) -> list[RenderableType]:
    parts: list[RenderableType] = [_heading(candidate)]
    parts += [criterion_detail(result) for result in candidate.results]
    if candidate.findings:
        parts.append(FindingLines(candidate.findings))
    return parts


def renderable(report: EvaluationReport, *, details: bool = False) -> RenderableType:
    counts = Counter(c.decision.value for c in report.candidates)
    parts: list[RenderableType] = [
        Text.assemble(("speccheck evaluate  ", "bold"), report.role_title),
        Text(report.role_path, style="dim"),
        Text(judged_as_at(report.as_of, report.as_of_from), style="dim"),
        Text(""),
        Text(
            "Decisions: " + ", ".join(f"{counts[d.value]} {d.value}" for d in Decision),
            style="bold",
        ),
        decisions_table(report),
    ]
    show_detail = details or len(report.candidates) == 1
    for candidate in ranked(report):
        parts.append(Text(""))
        parts += detail(candidate) if show_detail else brief(candidate)
    if report.findings:
        parts += [Text(""), Text("files not evaluated", style="bold"), FindingLines(report.findings)]
    if report.candidates and not show_detail:
        parts += [Text(""), Text("each criterion with its evidence: add --details", style="dim")]
    return Group(*parts)
