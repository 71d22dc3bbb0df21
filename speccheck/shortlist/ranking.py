"""A panel's shortlist: evaluations merged with panel scores, moderated, ranked, optionally blind.

Input: each application's evaluation (``batch.Evaluated``, in input order),
the score sheets and moderation files (``sheets.Sheets``) and the compiled
role. Output: a ``ShortlistReport`` that every shortlist renderer draws from.

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
from collections.abc import Mapping
from dataclasses import dataclass, field

from speccheck.core.findings import Finding, Position, Severity, sorted_findings
from speccheck.evaluate.decision import decide, tally
from speccheck.evaluate.plans import CompiledRole
from speccheck.files.role import AsOfFrom
from speccheck.results.evaluation import Decision
from speccheck.results.shortlist import (
    Cell,
    ConflictOut,
    CriterionInfo,
    DiscussionItem,
    LeftOut,
    ModeratedScore,
    PanelNote,
    QuoteOut,
    RankedCandidate,
    ShortlistReport,
)
from speccheck.shortlist.batch import Evaluated, Judged
from speccheck.shortlist.blind import (
    CODE_PREFIX,
    Counted,
    Identity,
    assign_codes,
    blind_finding,
    looks_like_code,
    redactor_for,
    redactor_for_all,
)
from speccheck.shortlist.gate import LeftOutCriterion, RoleGate
from speccheck.shortlist.panel import DISCUSS_SPREAD, Panel, PanelCell, agreement, final_verdict
from speccheck.shortlist.scores import Resolved, Scale, resolve
from speccheck.shortlist.sheets import Sheets

DECISION_ORDER = {Decision.SHORTLIST: 0, Decision.REVIEW: 1, Decision.REJECT: 2}

SortKey = tuple[int, int, float, float, str, str]  # -essential, decision, -desirable, -panel, id, file


@dataclass
class _Batch:
    """The applications of a run as the ranking sees them: admitted or left out, and their codes."""

    kept: list[Evaluated] = field(default_factory=list)  # evaluated, one per candidate id
    failed: list[Evaluated] = field(default_factory=list)  # not evaluated, or a second use of an id
    codes: dict[str, str] = field(default_factory=dict)  # candidate id -> blind code
    names: dict[str, str] = field(default_factory=dict)  # id or code, as a sheet may name it -> candidate id
    paths: dict[str, str] = field(default_factory=dict)  # file (or CSV file:row) -> code, for blind positions
    identities: list[Identity] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)  # (text, code) every blind text must replace


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
    default the role's id alone)."""
    role = compiled.role
    gate = gate or RoleGate()
    scale = Scale(role.scoring.scale_max, role.scoring.pass_mark)
    report_findings = list(findings or [])
    batch = _admit(evaluated, salt or code_salt(compiled.role_id), report_findings)
    criteria_ids = [c.id for c in role.criteria]
    left_out = {cid: why.reason for cid, why in gate.left_out.items()}
    resolved = resolve(sheets, criteria_ids, batch.names, scale, left_out=left_out)
    panel = Panel(resolved)
    weights = {c.id: c.weight for c in role.criteria}
    rows = [
        _ranked_candidate(item, batch, panel, scale, weights, gate.left_out, anonymise=anonymise) for item in batch.kept
    ]
    if resolved.notes:
        rows = [(key, _with_notes(candidate, resolved, batch, anonymise=anonymise)) for key, candidate in rows]
    rows.sort(key=lambda pair: pair[0])
    ranked = [candidate.model_copy(update={"rank": index + 1}) for index, (_, candidate) in enumerate(rows)]

    everyone = Counted(redactor_for_all(batch.identities, extra=batch.extra) if anonymise else None)
    for item in batch.failed:
        report_findings.extend(item.findings)
    report_findings.extend(resolved.findings)
    if anonymise:
        report_findings = [blind_finding(f, everyone, batch.paths) for f in report_findings]
    provisional_reason = _provisional_reason(sorted({row.panellist for row in resolved.scores}))
    panellists = sorted({row.panellist for row in sheets.scores} | {c.panellist for c in sheets.conflicts})
    return ShortlistReport(
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
        decisions={d.value: sum(1 for c in ranked if c.decision is d) for d in Decision},
        candidates=ranked,
        discussion=_discussion(ranked, batch, criteria_ids),
        agreement=agreement(resolved, criteria_ids),
        conflicts=_conflicts(resolved, batch, everyone, anonymise=anonymise),
        findings=sorted_findings(report_findings),
    )


def _left_out_info(why: LeftOutCriterion | None) -> LeftOut | None:
    if why is None:
        return None
    return LeftOut(kind=why.kind, reason=why.reason, rules=list(why.rules))


def code_salt(role_id: str, blind_key: str | None = None) -> str:
    """What blind codes are keyed with: a run's secret and the role (the same candidate has another code for
    another post); with no secret, the role alone (reproducible, for tests: the command line always has one)."""
    return f"speccheck-shortlist:{role_id}" + (f":{blind_key}" if blind_key else "")


def _admit(evaluated: list[Evaluated], salt: str, findings: list[Finding]) -> _Batch:
    """Candidates that could be evaluated, one per id, with their codes. An id written like a blind code and a
    second use of an id are findings, and that application is left out: no application can claim another's code."""
    batch = _Batch()
    first_at: dict[str, str] = {}
    for item in evaluated:
        if item.result is None:
            batch.failed.append(item)
            continue
        key = item.result.candidate_id
        problem = _id_problem(key, first_at, Position(path=item.result.path, line=1, col=1))
        if problem is not None:
            batch.failed.append(item)
            findings.append(problem)
            continue
        first_at[key] = item.shown
        batch.kept.append(item)
    batch.codes = assign_codes(list(first_at), salt)
    for item in list(batch.kept):
        assert item.result is not None
        key = item.result.candidate_id
        code = batch.codes[key]
        if any(batch.names.get(name, key) != key for name in (key, code)):
            # Cannot happen while ids written like codes are refused; if it ever did, neither is ranked silently.
            batch.kept.remove(item)
            batch.failed.append(item)
            findings.append(
                Finding(
                    rule_id="candidate-id-reserved",
                    severity=Severity.ERROR,
                    message=f'candidate id "{key}" or its code "{code}" names another candidate too; this application is left out of the ranking',
                    position=Position(path=item.result.path, line=1, col=1),
                    fix="give each application its own id",
                )
            )
            continue
        batch.names[key] = key
        batch.names[code] = key
        batch.paths[item.shown] = code
        if item.identity is not None:
            batch.identities.append(item.identity)
        batch.extra.extend([(item.shown, code), (key, code)])
    failed_codes = assign_codes([item.shown for item in batch.failed], salt + ":file")
    for item in batch.failed:
        batch.paths[item.shown] = failed_codes[item.shown]
        batch.extra.append((item.shown, failed_codes[item.shown]))
    return batch


def _id_problem(key: str, first_at: dict[str, str], position: Position) -> Finding | None:
    """Why an application's id cannot be ranked, or None."""
    if looks_like_code(key):
        return Finding(
            rule_id="candidate-id-reserved",
            severity=Severity.ERROR,
            message=f'candidate id "{key}" is written like a blind candidate code; this application is left out of the ranking',
            position=position,
            fix=f"give an id that does not start {CODE_PREFIX} (codes are the panel's names for candidates)",
        )
    if key in first_at:
        return Finding(
            rule_id="candidate-duplicate-id",
            severity=Severity.ERROR,
            message=f'candidate id "{key}" is also used by {first_at[key]}; this application is left out of the ranking',
            position=position,
            fix="give each application its own id",
        )
    return None


def _ranked_candidate(
    item: Evaluated,
    batch: _Batch,
    panel: Panel,
    scale: Scale,
    weights: dict[str, float],
    left_out: Mapping[str, LeftOutCriterion],
    *,
    anonymise: bool,
) -> tuple[SortKey, RankedCandidate]:
    """One candidate with panel scores applied, its sort key, and rank 0 until the batch is sorted."""
    result = item.result
    assert result is not None
    key = result.candidate_id
    code = batch.codes[key]
    redact = Counted(redactor_for(item.identity, extra=[(item.shown, code), (key, code)]) if anonymise else None)
    cells = [
        _left_out_cell(judged, left_out[judged.criterion_id])
        if judged.criterion_id in left_out
        else _cell(judged, panel.cell(key, judged.criterion_id), scale, redact, anonymise=anonymise)
        for judged in result.criteria
    ]
    finals = [
        (judged.criterion_id, judged.level, cell.verdict)
        for judged, cell in zip(result.criteria, cells, strict=True)
        if not cell.left_out
    ]
    decision, reason = decide(finals)
    essential, desirable = tally((level, weights[cid], verdict) for cid, level, verdict in finals)
    scored = [cell.panel_score for cell in cells if cell.panel_score is not None]
    total = sum(scored, 0.0) if scored else None
    scorers = sorted({score.panellist for cell in cells for score in cell.scores})
    candidate_findings = [
        blind_finding(f, redact, {result.path: code, item.shown: code}) if anonymise else f
        for f in sorted_findings(result.findings)
    ]
    decision_reason = redact.text(reason)
    candidate = RankedCandidate(
        rank=0,
        code=code,
        candidate_id=code if anonymise else key,
        name=None if anonymise else result.name,
        path=code if anonymise else item.shown,
        decision=decision,
        machine_decision=result.decision,
        decision_reason=decision_reason,
        essential_met=essential,
        desirable_score=desirable,
        panel_total=total,
        scoring_panellists=scorers,
        conflicted_panellists=panel.conflicted(key),
        provisional=len(scorers) < 2,
        redactions=redact.count,
        cells=cells,
        findings=candidate_findings,
    )
    sort_key = (
        -essential,
        DECISION_ORDER[decision],
        -desirable,
        -total if total is not None else float("inf"),
        key,
        item.shown,
    )
    return sort_key, candidate


def _with_notes(candidate: RankedCandidate, resolved: Resolved, batch: _Batch, *, anonymise: bool) -> RankedCandidate:
    """The panellists' notes on a candidate (not those of a panellist with a conflict), redacted like the
    candidate's other text in blind mode."""
    key = batch.names[candidate.code]
    notes = [n for n in resolved.notes if n.candidate == key and n.panellist not in candidate.conflicted_panellists]
    if not notes:
        return candidate
    item = next(i for i in batch.kept if i.result is not None and i.result.candidate_id == key)
    redact = Counted(
        redactor_for(item.identity, extra=[(item.shown, candidate.code), (key, candidate.code)]) if anonymise else None
    )
    shown = [PanelNote(panellist=n.panellist, note=redact.text(n.note)) for n in notes]
    return candidate.model_copy(update={"panel_notes": shown, "redactions": candidate.redactions + redact.count})


def _left_out_cell(judged: Judged, why: LeftOutCriterion) -> Cell:
    """A criterion the role's audit leaves out: the machine verdict for the record, and nothing a panel could
    decide on (no evidence, no hint of what to look for, no panel scores)."""
    return Cell(
        criterion_id=judged.criterion_id,
        verdict=judged.verdict,
        machine_verdict=judged.verdict,
        summary=f"left out of the decision: {why.reason}",
        left_out=True,
    )


def _cell(judged: Judged, scored: PanelCell, scale: Scale, redact: Counted, *, anonymise: bool) -> Cell:
    """One criterion of one candidate: the final verdict beside the machine's, with its panel scores."""
    agreed = scored.moderated
    return Cell(
        criterion_id=judged.criterion_id,
        verdict=final_verdict(judged.verdict, scored.panel_score, scale),
        machine_verdict=judged.verdict,
        summary=redact.text(judged.summary),
        needs=redact(judged.needs),
        evidence=[
            QuoteOut(text=redact.text(text), line=line, col=col, explicit=explicit, where=redact.text(where))
            for text, line, col, explicit, where in judged.quotes
        ],
        scores=[s.model_copy(update={"note": redact(s.note)}) for s in scored.scores]
        if anonymise
        else list(scored.scores),
        panel_score=scored.panel_score,
        moderated=ModeratedScore(score=agreed.score, reason=redact.text(agreed.reason)) if agreed else None,
        spread=scored.spread,
        discuss=scored.spread >= DISCUSS_SPREAD and agreed is None,
    )


def _provisional_reason(counted_panellists: list[str]) -> str | None:
    """Why the shortlist is provisional (fewer than two panellists' scores count), or None."""
    if len(counted_panellists) >= 2:
        return None
    if not counted_panellists:
        return "no panel scores: the ranking is speccheck's alone"
    return f"only {counted_panellists[0]}'s scores count"


def _discussion(ranked: list[RankedCandidate], batch: _Batch, criteria_ids: list[str]) -> list[DiscussionItem]:
    """Scores that differ by two points or more, in rank order, then role order."""
    rank_of = {c.code: c.rank for c in ranked}
    position_of = {cid: index for index, cid in enumerate(criteria_ids)}
    discussion = [
        DiscussionItem(
            candidate=c.candidate_id,
            criterion_id=cell.criterion_id,
            scores=cell.scores,
            spread=cell.spread,
            moderated=cell.moderated,
        )
        for c in ranked
        for cell in c.cells
        if cell.spread >= DISCUSS_SPREAD
    ]
    discussion.sort(key=lambda d: (rank_of[batch.codes[batch.names[d.candidate]]], position_of[d.criterion_id]))
    return discussion


def _conflicts(resolved: Resolved, batch: _Batch, everyone: Counted, *, anonymise: bool) -> list[ConflictOut]:
    """Declared conflicts of interest, by panellist then candidate (by code in blind mode)."""
    return [
        ConflictOut(
            panellist=c.panellist,
            candidate=batch.codes[c.candidate] if anonymise else c.candidate,
            reason=everyone(c.reason),
        )
        for c in sorted(resolved.conflicts, key=lambda c: (c.panellist, c.candidate))
    ]
