"""Labels and colours every shortlist renderer shares, so the grid reads the same everywhere."""

from __future__ import annotations

from speccheck.results.shortlist import Cell, RankedCandidate

VERDICT_LABEL = {
    "met": "met",
    "not_met": "not met",
    "evidenced": "evidenced",
    "no_evidence": "no evidence",
    "deferred": "deferred",
}
VERDICT_SYMBOL = {"met": "M", "not_met": "X", "evidenced": "E", "no_evidence": "-", "deferred": "D"}
# Fill colours (hex RGB) for the HTML heatmap and the workbook; text stays dark on every fill.
VERDICT_FILL = {
    "met": "A8DDA8",
    "not_met": "F4A6A6",
    "evidenced": "A9D3F0",
    "no_evidence": "FBE29F",
    "deferred": "E3E3E3",
}
DECISION_FILL = {"shortlist": "A8DDA8", "review": "FBE29F", "reject": "F4A6A6"}


def score_text(value: float | None) -> str:
    """A panel score as people write it: 2, 2.5, or empty."""
    if value is None:
        return ""
    return f"{value:g}"


def cell_text(cell: Cell) -> str:
    """The grid entry: the verdict symbol, with the panel score when there is one."""
    text = VERDICT_SYMBOL[cell.verdict.value]
    if cell.panel_score is not None:
        text += score_text(cell.panel_score)
    if cell.discuss:
        text += "?"
    return text


def label(candidate: RankedCandidate) -> str:
    """How a candidate is named: id and name, or the code alone in blind mode."""
    return f"{candidate.candidate_id} ({candidate.name})" if candidate.name else candidate.candidate_id
