"""One ranked candidate in full, from its place in the ranking and its evaluation's detail.

The ranking (``ranking``) decides every candidate's place from compact
entries; this module builds a candidate's ``RankedCandidate`` (every cell
with its explanation, quoted evidence and panel scores; blind mode's redaction)
only when an output reaches it, in rank order, in a worker process for a
large batch. The verdicts, decision and counts are the ranking's: a cell's
final verdict here is the one its ``Mark`` shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from speccheck.core.findings import sorted_findings
from speccheck.results.evaluation import Decision
from speccheck.results.shortlist import (
    Cell,
    CriterionInfo,
    ModeratedScore,
    PanelNote,
    PanelScore,
    QuoteOut,
    RankedCandidate,
    ShortlistReport,
    Standing,
)
from speccheck.shortlist.blind import Counted, Identity, blind_finding, redactor_for
from speccheck.shortlist.entries import Detail, Entry, Judgement
from speccheck.shortlist.panel import DISCUSS_SPREAD, UNSCORED, PanelCell, final_verdict
from speccheck.shortlist.scores import Scale
from speccheck.shortlist.sheets import NoteRow


class Order(NamedTuple):
    """What a worker needs, besides the detail, to build one candidate in full: its place as plain values
    (cheap to send: a Standing's marks and a dataclass cost ten times as much to pickle)."""

    rank: int
    code: str
    candidate_id: str  # as outputs show it: the code in blind mode
    name: str | None
    path: str
    decision: Decision
    essential_met: int
    desirable_score: float
    panel_total: float | None
    scoring_panellists: tuple[str, ...]
    conflicted_panellists: tuple[str, ...]
    provisional: bool
    key: str  # the candidate's id
    shown: str  # the file (or CSV file:row) as given
    identity: Identity | None
    reason: str  # the decision's reason, before blind mode redacts it
    panel: tuple[PanelCell, ...] | None  # per criterion in role order, when the panel scored the candidate
    notes: tuple[NoteRow, ...]  # the panellists' notes on the candidate that count


@dataclass(frozen=True)
class Placed:
    """A candidate's place in the ranking, and what its full entry is built from besides its detail."""

    standing: Standing
    entry: Entry
    reason: str  # the decision's reason, before blind mode redacts it
    panel: tuple[PanelCell, ...] | None = None  # per criterion in role order, when the panel scored the candidate
    notes: tuple[NoteRow, ...] = ()  # the panellists' notes on the candidate that count

    @property
    def key(self) -> str:
        """The candidate's id (also in blind mode)."""
        assert self.entry.candidate_id is not None
        return self.entry.candidate_id

    def order(self) -> Order:
        s = self.standing
        return Order(
            s.rank,
            s.code,
            s.candidate_id,
            s.name,
            s.path,
            s.decision,
            s.essential_met,
            s.desirable_score,
            s.panel_total,
            s.scoring_panellists,
            s.conflicted_panellists,
            s.provisional,
            self.key,
            self.entry.shown,
            self.entry.identity,
            self.reason,
            self.panel,
            self.notes,
        )


def redactor(order: Order, *, anonymise: bool) -> Counted:
    """What a candidate's own text is redacted with in blind mode (nothing otherwise): their personal details,
    and their file and id written as their code."""
    if not anonymise:
        return Counted(None)
    code = order.code
    return Counted(redactor_for(order.identity, extra=[(order.shown, code), (order.key, code)]))


def panel_scores(scored: PanelCell, redact: Counted, *, anonymise: bool) -> list[PanelScore]:
    """The scores that count on a cell, their notes redacted in blind mode."""
    if anonymise:
        return [s.model_copy(update={"note": redact(s.note)}) for s in scored.scores]
    return list(scored.scores)


def moderated(scored: PanelCell, redact: Counted) -> ModeratedScore | None:
    agreed = scored.moderated
    return ModeratedScore(score=agreed.score, reason=redact.text(agreed.reason)) if agreed else None


def full_candidate(order: Order, detail: Detail, frame: ShortlistReport) -> RankedCandidate:
    """The candidate as every output shows it in full: its cells with panel scores applied, in blind mode
    coded and redacted."""
    anonymise = frame.anonymised
    redact = redactor(order, anonymise=anonymise)
    scale = Scale(frame.scale_max, frame.pass_mark)
    panel = order.panel
    cells = [
        _left_out_cell(criterion, judged)
        if criterion.left_out is not None
        else _cell(
            criterion, judged, panel[index] if panel is not None else UNSCORED, scale, redact, anonymise=anonymise
        )
        for index, (criterion, judged) in enumerate(zip(frame.criteria, detail.criteria, strict=True))
    ]
    code = order.code
    candidate_findings = [
        blind_finding(f, redact, {detail.path: code, order.shown: code}) if anonymise else f
        for f in sorted_findings(detail.findings)
    ]
    decision_reason = redact.text(order.reason)
    notes: list[PanelNote] = []
    redactions = redact.count
    if order.notes:
        # the notes are redacted as the candidate's other text is, with a redactor of their own
        note_redact = redactor(order, anonymise=anonymise)
        notes = [PanelNote(panellist=n.panellist, note=note_redact.text(n.note)) for n in order.notes]
        redactions += note_redact.count
    return RankedCandidate(
        rank=order.rank,
        code=code,
        candidate_id=order.candidate_id,
        name=order.name,
        path=order.path,
        decision=order.decision,
        machine_decision=detail.decision,
        decision_reason=decision_reason,
        essential_met=order.essential_met,
        desirable_score=order.desirable_score,
        panel_total=order.panel_total,
        scoring_panellists=list(order.scoring_panellists),
        conflicted_panellists=list(order.conflicted_panellists),
        provisional=order.provisional,
        redactions=redactions,
        cells=cells,
        panel_notes=notes,
        findings=candidate_findings,
    )


def _left_out_cell(criterion: CriterionInfo, judged: Judgement) -> Cell:
    """A criterion the role's audit leaves out: the machine verdict for the record, and nothing a panel could
    decide on (no evidence, no hint of what to look for, no panel scores)."""
    assert criterion.left_out is not None
    return Cell(
        criterion_id=criterion.id,
        verdict=judged[0],
        machine_verdict=judged[0],
        summary=f"left out of the decision: {criterion.left_out.reason}",
        left_out=True,
    )


def _cell(
    criterion: CriterionInfo, judged: Judgement, scored: PanelCell, scale: Scale, redact: Counted, *, anonymise: bool
) -> Cell:
    """One criterion of one candidate: the final verdict beside the machine's, with its panel scores."""
    machine, summary, needs, quotes = judged
    return Cell(
        criterion_id=criterion.id,
        verdict=final_verdict(machine, scored.panel_score, scale),
        machine_verdict=machine,
        summary=redact.text(summary),
        needs=redact(needs),
        evidence=[
            QuoteOut(text=redact.text(text), line=line, col=col, explicit=explicit, where=redact.text(where))
            for text, line, col, explicit, where in quotes
        ],
        scores=panel_scores(scored, redact, anonymise=anonymise),
        panel_score=scored.panel_score,
        moderated=moderated(scored, redact),
        spread=scored.spread,
        discuss=scored.spread >= DISCUSS_SPREAD and scored.moderated is None,
    )
