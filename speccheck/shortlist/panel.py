"""Panel scores per candidate and criterion: the panel score, the final verdict, and the panel's agreement.

A criterion's panel score is the moderated score if the panel recorded one,
otherwise the median of the panellists' scores when they are within one point
of each other; when two scores differ by two points or more and no moderated
score is recorded, the criterion is to be discussed and has no panel score
yet. A panel score turns an ``evidenced`` verdict into ``met`` (at or above
the pass mark) or ``not_met``; every other verdict is kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from speccheck.results.evaluation import Verdict
from speccheck.results.shortlist import Agreement, CriterionAgreement, PanelScore
from speccheck.shortlist.agreement import krippendorff_alpha, median, spread
from speccheck.shortlist.scores import Resolved, Scale
from speccheck.shortlist.sheets import ModeratedRow

DISCUSS_SPREAD = 2


@dataclass(frozen=True)
class PanelCell:
    """The panel's scores for one candidate on one criterion."""

    scores: tuple[PanelScore, ...]  # those that count, by panellist
    moderated: ModeratedRow | None
    spread: int
    panel_score: float | None


UNSCORED = PanelCell((), None, 0, None)


class Panel:
    """The resolved scores of a run, by candidate key and criterion."""

    def __init__(self, resolved: Resolved) -> None:
        self._scores: defaultdict[tuple[str, str], list[PanelScore]] = defaultdict(list)
        for row in resolved.scores:
            self._scores[(row.candidate, row.criterion)].append(
                PanelScore(panellist=row.panellist, score=row.score, note=row.note)
            )
        self._moderated = {(m.candidate, m.criterion): m for m in resolved.moderated}
        self._conflicted: defaultdict[str, list[str]] = defaultdict(list)
        for conflict in resolved.conflicts:
            if conflict.panellist not in self._conflicted[conflict.candidate]:
                self._conflicted[conflict.candidate].append(conflict.panellist)
        self._scored = {candidate for candidate, _ in self._scores} | {candidate for candidate, _ in self._moderated}

    def scored(self, key: str) -> bool:
        """Whether the panel scored (or moderated) a candidate on any criterion."""
        return key in self._scored

    def cell(self, key: str, criterion_id: str) -> PanelCell:
        """The scores for one candidate on one criterion, and the panel score they give."""
        if key not in self._scored:  # most candidates of a large batch have no panel scores: skip the work
            return UNSCORED
        scores = tuple(sorted(self._scores.get((key, criterion_id), ()), key=lambda s: s.panellist))
        agreed = self._moderated.get((key, criterion_id))
        gap = spread([s.score for s in scores])
        panel: float | None = None
        if agreed is not None:
            panel = float(agreed.score)
        elif scores and gap < DISCUSS_SPREAD:
            panel = median([s.score for s in scores])
        return PanelCell(scores, agreed, gap, panel)

    def conflicted(self, key: str) -> list[str]:
        """Panellists who declared a conflict of interest with a candidate, sorted."""
        return sorted(self._conflicted.get(key, []))


def final_verdict(machine: Verdict, panel_score: float | None, scale: Scale) -> Verdict:
    """The verdict after panel scores: an evidenced criterion with a panel score is met at the pass mark."""
    if machine is Verdict.EVIDENCED and panel_score is not None:
        return Verdict.MET if panel_score >= scale.pass_mark else Verdict.NOT_MET
    return machine


def agreement(resolved: Resolved, criteria: list[str]) -> Agreement:
    """Krippendorff's alpha (ordinal) per criterion and over every candidate and criterion."""
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
