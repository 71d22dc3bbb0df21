"""A panel's shortlist: evaluations merged with panel scores, moderated, ranked, optionally blind.

Input: each application's evaluation (``batch.Evaluated``, in input order),
the score sheets and moderation files (``scores.Sheets``) and the compiled
role. Output: a ``ShortlistReport`` that every shortlist renderer draws from.

How panel scores count. The scores that count for a candidate are those of
panellists with no declared conflict of interest with that candidate. A
criterion's *panel score* is the moderated score if the panel recorded one,
otherwise the median of the panellists' scores when they are within one point
of each other; when two scores differ by two points or more and no moderated
score is recorded, the criterion is listed for discussion and has no panel
score yet. A panel score turns an ``evidenced`` verdict into ``met`` (at or
above the role's pass mark) or ``not_met`` (below it); the machine verdict is
kept beside it, and verdicts the machine decided (``met``, ``not_met``),
``no_evidence`` and ``deferred`` are not changed by scores. The decision is
then taken from the final verdicts by the same rule as ``evaluate``.

Ranking, best first: decision (shortlist, review, reject); then essential
criteria met or evidenced (more first); then desirable score (the sum of the
weights of desirable criteria met or evidenced, higher first); then panel
total (the sum of the candidate's panel scores, higher first; no scores
last); ties are broken by candidate id (then file), so the order never
depends on the order files were given or on the number of workers.

A shortlist is provisional when fewer than two panellists' scores count,
overall or for a candidate.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from speccheck.core.findings import Finding, Position, Severity, sorted_findings
from speccheck.evaluate.decision import decide
from speccheck.evaluate.plans import CompiledRole
from speccheck.files.role import Level
from speccheck.results.evaluation import Decision, Verdict
from speccheck.results.shortlist import (
    Agreement,
    Cell,
    ConflictOut,
    CriterionAgreement,
    CriterionInfo,
    DiscussionItem,
    ModeratedScore,
    PanelScore,
    QuoteOut,
    RankedCandidate,
    ShortlistReport,
)
from speccheck.shortlist.agreement import krippendorff_alpha, median, spread
from speccheck.shortlist.batch import Assessed, Evaluated
from speccheck.shortlist.blind import (
    Identity,
    MultiRedactor,
    Redactor,
    assign_codes,
    redactor_for_all,
)
from speccheck.shortlist.scores import Resolved, Scale, resolve
from speccheck.shortlist.sheets import Sheets

DECISION_ORDER = {Decision.SHORTLIST: 0, Decision.REVIEW: 1, Decision.REJECT: 2}
DISCUSS_SPREAD = 2


# --------------------------------------------------------------------------- building


class _Blind:
    """Everything blind mode must hide, gathered while the batch is read."""

    def __init__(self) -> None:
        self._everyone: MultiRedactor | None = None
        self._identities: list[Identity] = []
        self._extra: list[tuple[str, str]] = []

    def add(self, identity: Identity | None, extra: Iterable[tuple[str, str]]) -> None:
        if identity is not None:
            self._identities.append(identity)
        self._extra.extend(extra)

    def everyone(self) -> MultiRedactor:
        """One redactor for text that may mention any candidate (sheet messages, reasons)."""
        if self._everyone is None:
            self._everyone = redactor_for_all(self._identities, extra=self._extra)
        return self._everyone


class _Counter:
    """Redacts text through one redactor and counts what it replaced."""

    def __init__(self, redactor: Redactor | MultiRedactor | None) -> None:
        self.redactor = redactor
        self.count = 0

    def __call__(self, text: str | None) -> str | None:
        if text is None or self.redactor is None:
            return text
        out, count = self.redactor.redact(text)
        self.count += count
        return out

    def text(self, text: str) -> str:
        out = self(text)
        assert out is not None
        return out


def _blind_finding(finding: Finding, redact: _Counter, paths: dict[str, str]) -> Finding:
    position = finding.position
    if position is not None and position.path in paths:
        position = Position(path=paths[position.path], line=position.line, col=position.col)
    return finding.model_copy(
        update={"message": redact.text(finding.message), "fix": redact(finding.fix), "position": position}
    )


def _final_verdict(machine: Verdict, panel_score: float | None, scale: Scale) -> Verdict:
    if machine is Verdict.EVIDENCED and panel_score is not None:
        return Verdict.MET if panel_score >= scale.pass_mark else Verdict.NOT_MET
    return machine


def _key(result: Assessed) -> str:
    return result.candidate_id


def build_shortlist(
    compiled: CompiledRole,
    evaluated: list[Evaluated],
    sheets: Sheets,
    *,
    as_of: dt.date,
    anonymise: bool = False,
    findings: list[Finding] | None = None,
) -> ShortlistReport:
    """Merge panel scores into the evaluations, rank, and (in blind mode) code and redact."""
    role = compiled.role
    scale = Scale(role.scoring.scale_max, role.scoring.pass_mark)
    report_findings = list(findings or [])

    # Candidates that could be evaluated, one per id; the rest are findings.
    kept: list[Evaluated] = []
    first_at: dict[str, str] = {}
    failed: list[Evaluated] = []
    for item in evaluated:
        if item.result is None:
            failed.append(item)
            continue
        key = _key(item.result)
        if key in first_at:
            failed.append(item)
            report_findings.append(
                Finding(
                    rule_id="candidate-duplicate-id",
                    severity=Severity.ERROR,
                    message=f'candidate id "{key}" is also used by {first_at[key]}; this application is left out of the ranking',
                    position=Position(path=item.result.path, line=1, col=1),
                    fix="give each application its own id",
                )
            )
            continue
        first_at[key] = item.shown
        kept.append(item)

    keys = [_key(item.result) for item in kept if item.result is not None]
    codes = assign_codes(keys, role_salt(compiled.role_id))
    failed_codes = assign_codes([item.shown for item in failed], role_salt(compiled.role_id) + ":file")
    blind = _Blind()
    names: dict[str, str] = {}
    paths: dict[str, str] = {}  # file (or CSV file:row) -> code, for positions in blind mode
    for item in kept:
        assert item.result is not None
        key = _key(item.result)
        names[key] = key
        names[codes[key]] = key
        paths[item.shown] = codes[key]
        blind.add(item.identity, [(item.shown, codes[key]), (key, codes[key])])
    for item in failed:
        paths[item.shown] = failed_codes[item.shown]
        blind.add(None, [(item.shown, failed_codes[item.shown])])

    criteria_ids = [c.id for c in role.criteria]
    resolved = resolve(sheets, criteria_ids, names, scale)
    by_cell: dict[tuple[str, str], list[PanelScore]] = defaultdict(list)
    for row in resolved.scores:
        by_cell[(row.candidate, row.criterion)].append(
            PanelScore(panellist=row.panellist, score=row.score, note=row.note)
        )
    moderated = {(m.candidate, m.criterion): m for m in resolved.moderated}
    conflicts_by_candidate: dict[str, list[str]] = defaultdict(list)
    for conflict in resolved.conflicts:
        if conflict.panellist not in conflicts_by_candidate[conflict.candidate]:
            conflicts_by_candidate[conflict.candidate].append(conflict.panellist)

    panel_keys = {candidate for candidate, _ in by_cell} | {candidate for candidate, _ in moderated}
    rows: list[tuple[tuple[object, ...], dict[str, object]]] = []
    weights = {c.id: c.weight for c in role.criteria}
    for item in kept:
        result = item.result
        assert result is not None
        key = _key(result)
        code = codes[key]
        redact = _Counter(
            Redactor(item.identity or Identity(), extra=[(item.shown, code), (key, code)]) if anonymise else None
        )
        cells: list[Cell] = []
        finals: list[tuple[str, Level, Verdict]] = []
        total: float | None = None
        scorers: set[str] = set()
        scored = key in panel_keys
        for criterion in result.criteria:
            scores: list[PanelScore] = []
            agreed = None
            gap = 0
            panel: float | None = None
            if scored:  # most candidates of a large batch have no panel scores: skip the work
                scores = sorted(by_cell.get((key, criterion.criterion_id), ()), key=lambda s: s.panellist)
                agreed = moderated.get((key, criterion.criterion_id))
                gap = spread([s.score for s in scores])
                if agreed is not None:
                    panel = float(agreed.score)
                elif scores and gap < DISCUSS_SPREAD:
                    panel = median([s.score for s in scores])
                if panel is not None:
                    total = (total or 0.0) + panel
                for score in scores:
                    scorers.add(score.panellist)
            final = _final_verdict(criterion.verdict, panel, scale)
            finals.append((criterion.criterion_id, criterion.level, final))
            cells.append(
                Cell(
                    criterion_id=criterion.criterion_id,
                    verdict=final,
                    machine_verdict=criterion.verdict,
                    summary=redact.text(criterion.summary),
                    needs=redact(criterion.needs),
                    evidence=[
                        QuoteOut(text=redact.text(text), line=line, col=col, explicit=explicit)
                        for text, line, col, explicit in criterion.quotes
                    ],
                    scores=[s.model_copy(update={"note": redact(s.note)}) for s in scores] if anonymise else scores,
                    panel_score=panel,
                    moderated=ModeratedScore(score=agreed.score, reason=redact.text(agreed.reason)) if agreed else None,
                    spread=gap,
                    discuss=gap >= DISCUSS_SPREAD and agreed is None,
                )
            )
        decision, reason = decide(finals)
        good = (Verdict.MET, Verdict.EVIDENCED)
        essential = sum(1 for _, level, verdict in finals if level is Level.ESSENTIAL and verdict in good)
        desirable = sum(weights[cid] for cid, level, verdict in finals if level is Level.DESIRABLE and verdict in good)
        candidate_findings = [
            _blind_finding(f, redact, {result.path: code, item.shown: code}) if anonymise else f
            for f in sorted_findings(result.findings)
        ]
        fields: dict[str, object] = {
            "code": code,
            "candidate_id": code if anonymise else key,
            "name": None if anonymise else result.name,
            "path": code if anonymise else item.shown,
            "decision": decision,
            "machine_decision": result.decision,
            "decision_reason": redact.text(reason),
            "essential_met": essential,
            "desirable_score": desirable,
            "panel_total": total,
            "scoring_panellists": sorted(scorers),
            "conflicted_panellists": sorted(conflicts_by_candidate.get(key, [])),
            "provisional": len(scorers) < 2,
            "cells": cells,
            "findings": candidate_findings,
        }
        fields["redactions"] = redact.count
        sort_key = (
            DECISION_ORDER[decision],
            -essential,
            -desirable,
            -total if total is not None else float("inf"),
            key,
            item.shown,
        )
        rows.append((sort_key, fields))
    rows.sort(key=lambda pair: pair[0])
    ranked = [RankedCandidate(rank=index + 1, **fields) for index, (_, fields) in enumerate(rows)]  # type: ignore[arg-type]

    shown_id = (lambda key: codes[key]) if anonymise else (lambda key: key)
    everyone = _Counter(blind.everyone() if anonymise else None)
    for item in failed:
        report_findings.extend(item.findings)
    report_findings.extend(resolved.findings)
    if anonymise:
        report_findings = [_blind_finding(f, everyone, paths) for f in report_findings]

    counted_panellists = sorted({row.panellist for row in resolved.scores})
    all_panellists = sorted({row.panellist for row in sheets.scores} | {c.panellist for c in sheets.conflicts})
    provisional_reason = None
    if len(counted_panellists) < 2:
        provisional_reason = (
            "no panel scores: the ranking is speccheck's alone"
            if not counted_panellists
            else f"only {counted_panellists[0]}'s scores count"
        )
    decisions = {d.value: sum(1 for c in ranked if c.decision is d) for d in Decision}
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
    discussion.sort(key=lambda d: (rank_of[codes[names[d.candidate]]], position_of[d.criterion_id]))
    conflicts = [
        ConflictOut(panellist=c.panellist, candidate=shown_id(c.candidate), reason=everyone(c.reason))
        for c in sorted(resolved.conflicts, key=lambda c: (c.panellist, c.candidate))
    ]
    return ShortlistReport(
        role_id=compiled.role_id,
        role_title=role.title,
        role_path=compiled.path,
        as_of=as_of,
        anonymised=anonymise,
        scale_max=scale.scale_max,
        pass_mark=scale.pass_mark,
        criteria=[
            CriterionInfo(
                id=c.id,
                text=c.text,
                level=c.level,
                category=c.category.value,
                weight=c.weight,
                application_stage=c.application_stage,
            )
            for c in role.criteria
        ],
        panellists=all_panellists,
        provisional=provisional_reason is not None,
        provisional_reason=provisional_reason,
        decisions=decisions,
        candidates=ranked,
        discussion=discussion,
        agreement=_agreement(resolved, criteria_ids),
        conflicts=conflicts,
        findings=sorted_findings(report_findings),
    )


def role_salt(role_id: str) -> str:
    """The key blind codes are derived with: the same candidate has the same code for the same post."""
    return f"speccheck-shortlist:{role_id}"


def _agreement(resolved: Resolved, criteria: list[str]) -> Agreement:
    units: dict[tuple[str, str], list[int]] = defaultdict(list)
    for row in resolved.scores:
        units[(row.candidate, row.criterion)].append(row.score)
    per_criterion = []
    for criterion in criteria:
        alpha = krippendorff_alpha([v for (_, cid), v in sorted(units.items()) if cid == criterion])
        per_criterion.append(
            CriterionAgreement(criterion_id=criterion, alpha=_round(alpha.value), units=alpha.units, note=alpha.note)
        )
    overall = krippendorff_alpha([v for _, v in sorted(units.items())])
    return Agreement(alpha=_round(overall.value), units=overall.units, note=overall.note, criteria=per_criterion)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
