"""A panel's shortlist: evaluations merged with panel scores, moderated, ranked, optionally blind.

Input: each application's ``batch.Entry`` (in input order: who it is and its
machine verdicts), the score sheets and moderation files (``sheets.Sheets``)
and the compiled role. Output: a ``Ranking``: the report without its
candidates (the frame every output opens and closes with) and each candidate's
place (``candidate.Placed``: a compact ``Standing`` and what its full entry is
built from), in rank order. ``candidate.full_candidate`` builds each
candidate in full when an output reaches it; ``build_shortlist`` does both for
a batch held whole and returns the whole ``ShortlistReport``.

How panel scores count. The scores that count for a candidate are those of
panellists with no declared conflict of interest with that candidate; how
they give a criterion's panel score, and how that changes its verdict, is in
``panel``. The machine verdict is kept beside the final one. The decision is
then taken from the final verdicts by the same rule as ``evaluate``.

The role's audit gates the shortlist (``gate``): a criterion it marks as
possibly unlawful or unassessable is left out of every decision, count and
score; its cells keep no evidence, hint or panel score.

Ranking, best first: essential criteria met or evidenced (more first); then
decision (shortlist, review, reject); then desirable score (the sum of the
weights of desirable criteria met or evidenced, higher first); then panel
total (the sum of the candidate's panel scores, higher first; no scores
last); ties are broken by candidate id (then file), so the order never
depends on the order files were given or on the number of workers. What an
application meets comes first: an application that addresses nothing is a
``review`` (a person must look), but it never ranks above one that meets
more and fails a single criterion. A shortlisted candidate meets or evidences
every counted essential, so the shortlist always heads the ranking.

A shortlist is provisional when fewer than two panellists' scores count,
overall or for a candidate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from speccheck.core.findings import Finding, sorted_findings
from speccheck.evaluate.decision import decide, tally
from speccheck.evaluate.plans import CompiledRole
from speccheck.files.role import AsOfFrom, Level
from speccheck.results.evaluation import Decision, Verdict
from speccheck.results.shortlist import (
    ConflictOut,
    CriterionInfo,
    DiscussionItem,
    LeftOut,
    Mark,
    ShortlistReport,
    Standing,
)
from speccheck.shortlist.admit import Admitted, admit
from speccheck.shortlist.batch import Evaluated
from speccheck.shortlist.blind import Counted, blind_finding, redactor_for_all
from speccheck.shortlist.candidate import Placed, full_candidate, moderated, panel_scores, redactor
from speccheck.shortlist.entries import Detail, Entry
from speccheck.shortlist.gate import LeftOutCriterion, RoleGate
from speccheck.shortlist.panel import DISCUSS_SPREAD, UNSCORED, Panel, PanelCell, agreement, final_verdict
from speccheck.shortlist.scores import Resolved, Scale, resolve
from speccheck.shortlist.sheets import Sheets

DECISION_ORDER = {Decision.SHORTLIST: 0, Decision.REVIEW: 1, Decision.REJECT: 2}

SortKey = tuple[int, int, float, float, str, str]  # -essential, decision, -desirable, -panel, id, file


@dataclass(frozen=True)
class Ranking:
    """A ranked batch: the report without its candidates, and every candidate's place in rank order."""

    frame: ShortlistReport
    placed: list[Placed]

    @property
    def standings(self) -> list[Standing]:
        return [p.standing for p in self.placed]


@dataclass(frozen=True)
class _Role:
    """What ranking a candidate reads of the role: criteria in order, their levels and weights, the gate."""

    ids: tuple[str, ...]
    levels: tuple[Level, ...]
    weights: dict[str, float]
    left_out: tuple[bool, ...]
    scale: Scale


def build_shortlist(
    compiled: CompiledRole,
    evaluated: list[Evaluated],
    sheets: Sheets,
    *,
    as_of: dt.date,
    as_of_from: AsOfFrom = "given",
    anonymise: bool = False,
    findings: list[Finding] | None = None,
    gate: RoleGate | None = None,
    panel_members: list[str] | None = None,
    meeting_date: dt.date | None = None,
    salt: str | None = None,
) -> ShortlistReport:
    """Merge panel scores into the evaluations, rank, and (in blind mode) code and redact; ``gate`` (the
    role's audit) leaves criteria out of the decisions; ``salt`` keys the candidate codes (``code_salt``; by
    default the role's id alone). The whole report, every candidate built in this process."""
    details: list[Detail] = []
    entries = []
    for item in evaluated:
        entry = Entry.of(item)
        if item.result is not None:
            entry = replace(entry, detail=len(details))
            details.append(Detail.of_assessed(item.result))
        entries.append(entry)
    ranking = rank(
        compiled,
        entries,
        sheets,
        as_of=as_of,
        as_of_from=as_of_from,
        anonymise=anonymise,
        findings=findings,
        gate=gate,
        panel_members=panel_members,
        meeting_date=meeting_date,
        salt=salt,
    )
    frame = ranking.frame
    candidates = [full_candidate(p.order(), details[p.entry.detail], frame) for p in ranking.placed]
    return frame.model_copy(update={"candidates": candidates})


def rank(
    compiled: CompiledRole,
    entries: Sequence[Entry],
    sheets: Sheets,
    *,
    as_of: dt.date,
    as_of_from: AsOfFrom = "given",
    anonymise: bool = False,
    findings: list[Finding] | None = None,
    gate: RoleGate | None = None,
    panel_members: list[str] | None = None,
    meeting_date: dt.date | None = None,
    salt: str | None = None,
) -> Ranking:
    """Every candidate's place from the entries alone, and the report around them (as ``build_shortlist``)."""
    role = compiled.role
    gate = gate or RoleGate()
    scale = Scale(role.scoring.scale_max, role.scoring.pass_mark)
    report_findings = list(findings or [])
    batch = admit(entries, salt or code_salt(compiled.role_id), report_findings)
    criteria_ids = [c.id for c in role.criteria]
    left_out = {cid: why.reason for cid, why in gate.left_out.items()}
    resolved = resolve(sheets, criteria_ids, batch.names, scale, left_out=left_out)
    panel = Panel(resolved)
    shape = _Role(
        ids=tuple(criteria_ids),
        levels=tuple(c.level for c in role.criteria),
        weights={c.id: c.weight for c in role.criteria},
        left_out=tuple(c.id in gate.left_out for c in role.criteria),
        scale=scale,
    )
    marks: dict[tuple[int, Verdict, bool], Mark] = {}  # the marks of unscored cells, shared by every candidate
    keyed = [_place(entry, batch, panel, resolved, shape, marks, anonymise=anonymise) for entry in batch.kept]
    keyed.sort(key=lambda pair: pair[0])
    placed = [replace(p, standing=replace(p.standing, rank=index + 1)) for index, (_, p) in enumerate(keyed)]

    everyone = Counted(redactor_for_all(batch.identities, extra=batch.extra) if anonymise else None)
    for item in batch.failed:
        report_findings.extend(item.findings)
    report_findings.extend(resolved.findings)
    if anonymise:
        report_findings = [blind_finding(f, everyone, batch.paths) for f in report_findings]
    provisional_reason = _provisional_reason(sorted({row.panellist for row in resolved.scores}))
    panellists = sorted({row.panellist for row in sheets.scores} | {c.panellist for c in sheets.conflicts})
    frame = ShortlistReport(
        role_id=compiled.role_id,
        role_title=role.title,
        role_path=compiled.path,
        audit=list(gate.findings),
        as_of=as_of,
        as_of_from=as_of_from,
        anonymised=anonymise,
        meeting_date=meeting_date,
        panel=list(panel_members or panellists),
        scale_max=scale.scale_max,
        pass_mark=scale.pass_mark,
        criteria=[
            CriterionInfo(
                id=c.id,
                text=c.text,
                level=c.level,
                category=c.category.value,
                weight=c.weight,
                application_stage=c.application_stage or not c.assessed_by,
                assessed_by=[a.value for a in c.assessed_by],
                left_out=_left_out_info(gate.left_out.get(c.id)),
            )
            for c in role.criteria
        ],
        panellists=panellists,
        provisional=provisional_reason is not None,
        provisional_reason=provisional_reason,
        decisions={d.value: sum(1 for p in placed if p.standing.decision is d) for d in Decision},
        candidates=[],
        discussion=_discussion(placed, shape, anonymise=anonymise),
        agreement=agreement(resolved, criteria_ids),
        conflicts=_conflicts(resolved, batch, everyone, anonymise=anonymise),
        findings=sorted_findings(report_findings),
    )
    return Ranking(frame, placed)


def _left_out_info(why: LeftOutCriterion | None) -> LeftOut | None:
    if why is None:
        return None
    return LeftOut(kind=why.kind, reason=why.reason, rules=list(why.rules))


def code_salt(role_id: str, blind_key: str | None = None) -> str:
    """What blind codes are keyed with: a run's secret and the role (the same candidate has another code for
    another post); with no secret, the role alone (reproducible, for tests: the command line always has one)."""
    return f"speccheck-shortlist:{role_id}" + (f":{blind_key}" if blind_key else "")


def _place(
    entry: Entry,
    batch: Admitted,
    panel: Panel,
    resolved: Resolved,
    role: _Role,
    marks: dict[tuple[int, Verdict, bool], Mark],
    *,
    anonymise: bool,
) -> tuple[SortKey, Placed]:
    """One candidate's standing with panel scores applied, its sort key, and rank 0 until the batch is sorted."""
    key = entry.candidate_id
    assert key is not None and entry.machine_decision is not None
    if len(entry.verdicts) != len(role.ids):
        raise RuntimeError(
            f"an evaluation of {entry.shown} has {len(entry.verdicts)} verdicts for {len(role.ids)} criteria"
        )
    code = batch.codes[key]
    scored = panel.scored(key)
    cells: list[Mark] = []
    finals: list[tuple[str, Level, Verdict]] = []
    cell_panel: list[PanelCell] = []
    scores: list[float] = []
    scorers: set[str] = set()
    for index, machine in enumerate(entry.verdicts):
        cid = role.ids[index]
        if role.left_out[index]:
            cells.append(_mark(marks, role, index, machine, left_out=True))
            cell_panel.append(UNSCORED)
            continue
        at = panel.cell(key, cid) if scored else UNSCORED
        verdict = final_verdict(machine, at.panel_score, role.scale)
        discuss = at.spread >= DISCUSS_SPREAD and at.moderated is None
        if at is UNSCORED or (at.panel_score is None and not discuss):
            cells.append(_mark(marks, role, index, verdict, left_out=False))
        else:
            cells.append(Mark(cid, verdict, at.panel_score, discuss))
        cell_panel.append(at)
        finals.append((cid, role.levels[index], verdict))
        if at.panel_score is not None:
            scores.append(at.panel_score)
        scorers.update(s.panellist for s in at.scores)
    decision, reason = decide(finals)
    essential, desirable = tally((level, role.weights[cid], verdict) for cid, level, verdict in finals)
    total = sum(scores, 0.0) if scores else None
    standing = Standing(
        rank=0,
        code=code,
        candidate_id=code if anonymise else key,
        name=None if anonymise else entry.name,
        path=code if anonymise else entry.shown,
        decision=decision,
        machine_decision=entry.machine_decision,
        essential_met=essential,
        desirable_score=desirable,
        panel_total=total,
        scoring_panellists=tuple(sorted(scorers)),
        conflicted_panellists=tuple(panel.conflicted(key)),
        provisional=len(scorers) < 2,
        cells=tuple(cells),
    )
    conflicted = set(standing.conflicted_panellists)
    notes = tuple(n for n in resolved.notes if n.candidate == key and n.panellist not in conflicted)
    placed = Placed(standing, entry, reason, tuple(cell_panel) if scored else None, notes)
    sort_key = (
        -essential,
        DECISION_ORDER[decision],
        -desirable,
        -total if total is not None else float("inf"),
        key,
        entry.shown,
    )
    return sort_key, placed


def _mark(
    marks: dict[tuple[int, Verdict, bool], Mark], role: _Role, index: int, verdict: Verdict, *, left_out: bool
) -> Mark:
    """The shared mark of a cell with no panel score and nothing to discuss."""
    found = marks.get((index, verdict, left_out))
    if found is None:
        found = marks[(index, verdict, left_out)] = Mark(role.ids[index], verdict, left_out=left_out)
    return found


def _provisional_reason(counted_panellists: list[str]) -> str | None:
    """Why the shortlist is provisional (fewer than two panellists' scores count), or None."""
    if len(counted_panellists) >= 2:
        return None
    if not counted_panellists:
        return "no panel scores: the ranking is speccheck's alone"
    return f"only {counted_panellists[0]}'s scores count"


def _discussion(placed: list[Placed], role: _Role, *, anonymise: bool) -> list[DiscussionItem]:
    """Scores that differ by two points or more, in rank order, then role order."""
    discussion: list[DiscussionItem] = []
    for item in placed:
        if item.panel is None:
            continue
        redact = redactor(item.order(), anonymise=anonymise)
        for index, scored in enumerate(item.panel):
            if role.left_out[index] or scored.spread < DISCUSS_SPREAD:
                continue
            discussion.append(
                DiscussionItem(
                    candidate=item.standing.candidate_id,
                    criterion_id=role.ids[index],
                    scores=panel_scores(scored, redact, anonymise=anonymise),
                    spread=scored.spread,
                    moderated=moderated(scored, redact),
                )
            )
    return discussion


def _conflicts(resolved: Resolved, batch: Admitted, everyone: Counted, *, anonymise: bool) -> list[ConflictOut]:
    """Declared conflicts of interest, by panellist then candidate (by code in blind mode)."""
    return [
        ConflictOut(
            panellist=c.panellist,
            candidate=batch.codes[c.candidate] if anonymise else c.candidate,
            reason=everyone(c.reason),
        )
        for c in sorted(resolved.conflicts, key=lambda c: (c.panellist, c.candidate))
    ]
