"""Labels, colours and wording every shortlist renderer shares, so the grid and the pack read the same everywhere."""

from __future__ import annotations

import re

from speccheck.core.findings import Finding
from speccheck.results.shortlist import CellView, CriterionInfo, RankedCandidate, RankedView, ShortlistReport

VERDICT_LABEL = {
    "met": "met",
    "not_met": "not met",
    "evidenced": "evidenced",
    "no_evidence": "no evidence",
    "deferred": "deferred",
}
VERDICT_SYMBOL = {"met": "M", "not_met": "X", "evidenced": "E", "no_evidence": "-", "deferred": "D"}
LEFT_OUT_SYMBOL = "/"  # a criterion the role's audit leaves out of the decisions
LEFT_OUT_LABEL = "left out"
# Fill colours (hex RGB) for the HTML heatmap and the workbook; text stays dark on every fill.
VERDICT_FILL = {
    "met": "A8DDA8",
    "not_met": "F4A6A6",
    "evidenced": "A9D3F0",
    "no_evidence": "FBE29F",
    "deferred": "E3E3E3",
}
DECISION_FILL = {"shortlist": "A8DDA8", "review": "FBE29F", "reject": "F4A6A6"}
DECISION_HEADING = {"shortlist": "Shortlist", "review": "Review", "reject": "Reject"}
DECISION_MEANING = {
    "shortlist": "every essential criterion judged from the application is met or evidenced: invite to interview",
    "review": "some essential criteria have no evidence yet: read the application before deciding",
    "reject": "an essential criterion is not met on what the application proves",
}
# Notes on an application a panel acts on; the others (an evidence label naming a criterion the role does not
# have) are for whoever prepared the files, and stay out of the printed pack.
PANEL_NOTE_RULES = frozenset({"employment-gap"})
SHORT_TITLE = 60  # characters of a criterion's words in a matrix or a list
NAMED = 2  # criteria named in a decision's reason; the rest are counted


def score_text(value: float | None) -> str:
    """A panel score as people write it: 2, 2.5, or empty."""
    if value is None:
        return ""
    return f"{value:g}"


def cell_text(cell: CellView) -> str:
    """The grid entry: the verdict symbol, with the panel score when there is one."""
    if cell.left_out:
        return LEFT_OUT_SYMBOL
    text = VERDICT_SYMBOL[cell.verdict.value]
    if cell.panel_score is not None:
        text += score_text(cell.panel_score)
    if cell.discuss:
        text += "?"
    return text


def cell_label(cell: CellView) -> str:
    """The verdict in words, or that the criterion is left out."""
    return LEFT_OUT_LABEL if cell.left_out else VERDICT_LABEL[cell.verdict.value]


def label(candidate: RankedView) -> str:
    """How a candidate is named: id and name, or the code alone in blind mode."""
    return f"{candidate.candidate_id} ({candidate.name})" if candidate.name else candidate.candidate_id


def short_title(text: str, limit: int = SHORT_TITLE) -> str:
    """A criterion in a few words: its first clause when that is short enough, else its words cut at a word."""
    flat = " ".join(text.split()).rstrip(".")
    if len(flat) <= limit:
        return flat
    clause = re.split(
        r"(?<=[a-z)]),? (?:including|such as|and the ability|in order to|to ensure|for example)\b|[:;(]", flat
    )[0]
    if 12 <= len(clause) <= limit:
        return clause.rstrip(" ,")
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"


def judged(report: ShortlistReport) -> list[CriterionInfo]:
    """The criteria decided on at shortlisting: judged from the application and not left out by the audit."""
    return [c for c in report.criteria if c.application_stage and c.left_out is None]


def later(report: ShortlistReport) -> list[CriterionInfo]:
    """Criteria assessed only at interview, by task or by reference (and not left out)."""
    return [c for c in report.criteria if not c.application_stage and c.left_out is None]


def left_out(report: ShortlistReport) -> list[CriterionInfo]:
    """Criteria the role's audit leaves out of the decisions."""
    return [c for c in report.criteria if c.left_out is not None]


def counted_essentials(report: ShortlistReport) -> int:
    """Essential criteria a decision counts: judged at shortlisting and not left out."""
    return sum(1 for c in judged(report) if c.level.value == "essential")


def decision_reason(candidate: RankedView, report: ShortlistReport) -> str:
    """Why a candidate has its decision, naming the criteria by their words."""
    criteria = {c.id: c for c in report.criteria}
    essential = [
        cell for cell in candidate.cells if not cell.left_out and criteria[cell.criterion_id].level.value == "essential"
    ]
    total = counted_essentials(report)
    unmet = [cell.criterion_id for cell in essential if cell.verdict.value == "not_met"]
    open_ = [cell.criterion_id for cell in essential if cell.verdict.value == "no_evidence"]

    def named(ids: list[str]) -> str:
        shown = "; ".join(f"{cid} {short_title(criteria[cid].text, 40)}" for cid in ids[:NAMED])
        return shown + (f"; and {len(ids) - NAMED} more" if len(ids) > NAMED else "")

    if unmet:
        return f"not met: {named(unmet)}"
    if open_:
        if len(open_) == total:
            return "the application addresses none of the essential criteria"
        return f"meets or evidences {candidate.essential_met} of {total} essential criteria; no evidence yet for {named(open_)}"
    return f"meets or evidences all {total} essential criteria judged from the application"


def interview_notes(candidate: RankedCandidate) -> list[Finding]:
    """The notes on an application a panel acts on (an unexplained gap in employment, ...)."""
    return [f for f in candidate.findings if f.rule_id in PANEL_NOTE_RULES]
