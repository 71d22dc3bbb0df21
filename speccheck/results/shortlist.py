"""What shortlist returns: the ranked candidates with their cells, panel scores, agreement and the discussion list.

A ``ShortlistReport`` holds every candidate in full. A large batch is not held
that way: its outputs are written from the report without its candidates (the
*frame*), one compact ``Standing`` a candidate (what a ranking, a grid or a
summary reads), and each ``RankedCandidate`` in rank order, built and released
one at a time. ``RankedView`` and ``CellView`` are what a Standing and a
RankedCandidate (a Mark and a Cell) have in common, so one renderer reads either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, Field

from speccheck.core.findings import Finding, Severity, sorted_findings
from speccheck.files.role import AsOfFrom, Level
from speccheck.results.evaluation import Decision, Verdict
from speccheck.results.report import any_at_or_above, count_by_severity

TIE_ORDER = (
    "essential criteria met or evidenced, more first; then decision (shortlist, review, reject); "
    "desirable score (weights), higher first; panel total, higher first, none last; then candidate id and file"
)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class PanelScore(_Frozen):
    panellist: str = Field(description="Who scored.")
    score: int = Field(description="The score on the role's scale.")
    note: str | None = Field(default=None, description="The panellist's note (redacted in blind mode).")


class ModeratedScore(_Frozen):
    score: int = Field(description="The score the panel agreed.")
    reason: str = Field(description="Why (redacted in blind mode).")


class QuoteOut(_Frozen):
    text: str = Field(description="The passage quoted (redacted in blind mode).")
    line: int = Field(description="Line in the candidate file (or CSV row).")
    col: int = Field(description="Column.")
    where: str = Field(default="", description="Where it stands in the application, in words.")
    explicit: bool = Field(description="The applicant named the criterion for this passage.")


class Cell(_Frozen):
    """One candidate on one criterion."""

    criterion_id: str
    verdict: Verdict = Field(
        description="Final verdict: the machine verdict, with panel scores applied to evidenced criteria."
    )
    machine_verdict: Verdict = Field(description="The verdict speccheck gave from the application alone.")
    summary: str = Field(description="Why the machine verdict.")
    needs: str | None = Field(default=None, description="What would satisfy an unmet criterion.")
    evidence: list[QuoteOut] = Field(default_factory=list)
    scores: list[PanelScore] = Field(default_factory=list, description="Scores that count, by panellist.")
    panel_score: float | None = Field(
        default=None, description="Moderated score, else the median of scores within one point."
    )
    moderated: ModeratedScore | None = None
    spread: int = Field(default=0, description="Largest difference between two panellists' scores.")
    discuss: bool = Field(default=False, description="Scores differ by 2 or more and no moderated score is recorded.")
    left_out: bool = Field(
        default=False,
        description="The role's audit leaves this criterion out of the decision: no evidence, hints or scores are kept.",
    )


class PanelNote(_Frozen):
    panellist: str = Field(description="Who wrote it.")
    note: str = Field(description="A panellist's note on the candidate as a whole (redacted in blind mode).")


class RankedCandidate(_Frozen):
    rank: int = Field(description="1 is first.")
    code: str = Field(description="Stable blind code.")
    candidate_id: str = Field(description="Candidate id; the code in blind mode.")
    name: str | None = Field(default=None, description="Name; null in blind mode.")
    path: str = Field(description="Candidate file (or CSV file:row); the code in blind mode.")
    decision: Decision = Field(description="Decision after panel scores.")
    machine_decision: Decision = Field(description="Decision from the application alone.")
    decision_reason: str
    essential_met: int
    desirable_score: float
    panel_total: float | None = Field(default=None, description="Sum of panel scores; null when nothing was scored.")
    scoring_panellists: list[str] = Field(
        default_factory=list, description="Panellists whose scores count for this candidate."
    )
    conflicted_panellists: list[str] = Field(
        default_factory=list, description="Panellists with a declared conflict; their scores are removed."
    )
    provisional: bool = Field(description="Fewer than two panellists' scores count for this candidate.")
    redactions: int = Field(default=0, description="Personal details redacted from this candidate's text (blind mode).")
    cells: list[Cell] = Field(description="One per criterion, in role order.")
    panel_notes: list[PanelNote] = Field(
        default_factory=list, description="Panellists' notes on the candidate (a workbook score sheet's Notes)."
    )
    findings: list[Finding] = Field(default_factory=list)


class LeftOut(_Frozen):
    """Why the role's audit leaves a criterion out of the decisions."""

    kind: Literal["unlawful", "unassessable"] = Field(
        description="unlawful (an equality finding: a discrimination risk) or unassessable (a clarity finding)."
    )
    reason: str = Field(description="The reason in a panel's words.")
    rules: list[str] = Field(description="The audit rules that found it.")


class CriterionInfo(_Frozen):
    id: str
    text: str
    level: Level
    category: str
    weight: float
    application_stage: bool = Field(
        description="Judged from the written application at shortlisting (by application or certificate, "
        "or with no assessment method given); otherwise deferred to interview, task or reference."
    )
    assessed_by: list[str] = Field(default_factory=list, description="How it is assessed.")
    left_out: LeftOut | None = Field(
        default=None, description="Set when the role's audit leaves it out of every decision, count and score."
    )


class CriterionAgreement(_Frozen):
    criterion_id: str
    alpha: float | None = Field(description="Krippendorff's alpha (ordinal); null when undefined.")
    units: int = Field(description="Candidates scored by two or more panellists on it.")
    note: str | None = None


class Agreement(_Frozen):
    metric: str = Field(default="ordinal", description="Krippendorff's alpha metric.")
    alpha: float | None = Field(description="Over every candidate and criterion; null when undefined.")
    units: int
    note: str | None = None
    criteria: list[CriterionAgreement] = Field(default_factory=list)


class DiscussionItem(_Frozen):
    candidate: str = Field(description="Candidate id (code in blind mode).")
    criterion_id: str
    scores: list[PanelScore]
    spread: int
    moderated: ModeratedScore | None = None


class ConflictOut(_Frozen):
    panellist: str
    candidate: str = Field(description="Candidate id (code in blind mode).")
    reason: str | None = None


class ShortlistReport(_Frozen):
    """The outcome of ``speccheck shortlist``."""

    kind: str = Field(default="shortlist", description="Always 'shortlist'.")
    role_id: str
    role_title: str
    role_path: str
    audit: list[Finding] = Field(
        default_factory=list,
        description="The role's audit errors and warnings: every shortlist output opens with them.",
    )
    as_of: dt.date
    as_of_from: AsOfFrom = Field(
        default="given",
        description="Where as_of came from: given (--as-of), the role's closing_date, or today (neither).",
    )
    anonymised: bool
    meeting_date: dt.date | None = Field(default=None, description="The shortlisting meeting (--meeting-date).")
    panel: list[str] = Field(
        default_factory=list, description="The shortlisting panel as given (--panel), else the panellists who scored."
    )
    scale_max: int
    pass_mark: int
    tie_order: str = TIE_ORDER
    criteria: list[CriterionInfo]
    panellists: list[str]
    provisional: bool
    provisional_reason: str | None = None
    decisions: dict[str, int] = Field(description="How many candidates got each decision.")
    candidates: list[RankedCandidate] = Field(description="In rank order.")
    discussion: list[DiscussionItem] = Field(default_factory=list, description="Scores that differ by 2 or more.")
    agreement: Agreement
    conflicts: list[ConflictOut] = Field(default_factory=list)
    findings: list[Finding] = Field(
        default_factory=list, description="Files or rows left out, and score sheet problems."
    )

    def all_findings(self) -> list[Finding]:
        """Files or rows left out, score sheet problems and every candidate's notes, sorted."""
        return sorted_findings([*self.findings, *(f for candidate in self.candidates for f in candidate.findings)])

    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.all_findings())

    def fails_at(self, threshold: Severity) -> bool:
        """Whether a file or row left out, or a score sheet problem, is at or above ``threshold``.

        A candidate's own findings are notes on the application, part of its ranking, not a failure of the run.
        """
        return any_at_or_above(self.findings, threshold)


class CellView(Protocol):
    """What a grid reads of a candidate's cell: a ``Cell``, or a streamed shortlist's ``Mark``."""

    @property
    def criterion_id(self) -> str: ...
    @property
    def verdict(self) -> Verdict: ...
    @property
    def panel_score(self) -> float | None: ...
    @property
    def discuss(self) -> bool: ...
    @property
    def left_out(self) -> bool: ...


class RankedView(Protocol):
    """What a ranking, a grid or a summary reads of a candidate: a ``RankedCandidate`` or a ``Standing``."""

    @property
    def rank(self) -> int: ...
    @property
    def code(self) -> str: ...
    @property
    def candidate_id(self) -> str: ...
    @property
    def name(self) -> str | None: ...
    @property
    def path(self) -> str: ...
    @property
    def decision(self) -> Decision: ...
    @property
    def machine_decision(self) -> Decision: ...
    @property
    def essential_met(self) -> int: ...
    @property
    def desirable_score(self) -> float: ...
    @property
    def panel_total(self) -> float | None: ...
    @property
    def provisional(self) -> bool: ...
    @property
    def conflicted_panellists(self) -> Sequence[str]: ...
    @property
    def cells(self) -> Sequence[CellView]: ...


class Mark(NamedTuple):
    """A cell as a grid shows it: the final verdict, the panel score and whether to discuss it."""

    criterion_id: str
    verdict: Verdict
    panel_score: float | None = None
    discuss: bool = False
    left_out: bool = False


@dataclass(frozen=True, slots=True)
class Standing:
    """A ranked candidate without its explanations: what every output's ranking, grid and summary need.

    The fields mean what ``RankedCandidate``'s do; ``cells`` are its cells as ``Mark``s.
    """

    rank: int
    code: str
    candidate_id: str
    name: str | None
    path: str
    decision: Decision
    machine_decision: Decision
    essential_met: int
    desirable_score: float
    panel_total: float | None
    scoring_panellists: tuple[str, ...]
    conflicted_panellists: tuple[str, ...]
    provisional: bool
    cells: tuple[Mark, ...]
