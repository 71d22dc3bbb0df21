"""What evaluate returns: one verdict per criterion with its explanation, and a decision per candidate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from speccheck.core.findings import Finding, Position, Severity, sorted_findings
from speccheck.files.role import AsOfFrom, Level
from speccheck.results.report import any_at_or_above, count_by_severity

AS_OF_WORDS: dict[str, str] = {
    "given": "the date given with --as-of",
    "closing_date": "the role's closing date",
    "today": "today: the role gives no closing date",
}


def judged_as_at(as_of: dt.date, as_of_from: str) -> str:
    """The date applications are judged at, and where it came from, as a report header says it."""
    return f"judged as at {as_of} ({AS_OF_WORDS[as_of_from]})"


class Verdict(str, Enum):
    MET = "met"
    NOT_MET = "not_met"
    EVIDENCED = "evidenced"
    NO_EVIDENCE = "no_evidence"
    DEFERRED = "deferred"


class Decision(str, Enum):
    SHORTLIST = "shortlist"
    REVIEW = "review"
    REJECT = "reject"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


# One application's per-criterion results are built by the hundred for every candidate, so they are plain frozen
# values (slotted dataclasses: no validation, a fraction of a model's memory). They are made only by the
# evaluation, from values it has already checked; pydantic still describes and serialises them as part of the
# report (schemas/report.schema.json), exactly as it would models.


@dataclass(frozen=True, slots=True, kw_only=True)
class FactSeen:
    """A fact the condition read, as the engine saw it."""

    fact: Annotated[str, Field(description="Fact name.")]
    label: Annotated[str, Field(description="The fact in words.")]
    value: Annotated[Any, Field(description="Its value; null when absent.")] = None
    present: Annotated[bool, Field(description="Whether the application gave it.")]
    derived_by: Annotated[str | None, Field(description="Derivation rule id, for derived facts.")] = None
    notes: Annotated[
        list[str],
        Field(
            description="What the value was made of, in words: the posts counted, the kinds of post held by their labels."
        ),
    ] = field(default_factory=list)
    left_out: Annotated[list[str], Field(description="What was seen but did not count, and why, in words.")] = field(
        default_factory=list
    )


@dataclass(frozen=True, slots=True)
class Quote:
    """Evidence quoted from the candidate file."""

    text: Annotated[str, Field(description="The passage quoted (trimmed to about 300 characters).")]
    position: Annotated[Position, Field(description="Where it stands in the candidate file.")]
    where: Annotated[
        str, Field(description="Where it stands in the application, in words: 'supporting statement, paragraph 2'.")
    ] = ""
    matched: Annotated[list[str], Field(description="Words or patterns that matched, if any.")] = field(
        default_factory=list
    )
    explicit: Annotated[bool, Field(description="The applicant named this criterion for the passage.")] = False


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a criterion got its verdict."""

    summary: Annotated[str, Field(description="One sentence: the verdict and its reason.")]
    condition: Annotated[str | None, Field(description="The machine condition in words.")] = None
    facts: Annotated[list[FactSeen], Field(description="Facts the condition read.")] = field(default_factory=list)
    evidence: Annotated[list[Quote], Field(description="Passages that address the criterion.")] = field(
        default_factory=list
    )
    needs: Annotated[str | None, Field(description="What would satisfy it, for unmet or unevidenced criteria.")] = None


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion_id: Annotated[str, Field(description="Criterion id in the role file.")]
    text: Annotated[str, Field(description="The criterion as written.")]
    level: Annotated[Level, Field(description="essential or desirable.")]
    category: Annotated[str, Field(description="Person specification heading.")]
    assessed_by: Annotated[list[str], Field(description="Assessment methods.")]
    verdict: Annotated[Verdict, Field(description="met, not_met, evidenced, no_evidence or deferred.")]
    explanation: Annotated[Explanation, Field(description="Why.")]


class CandidateResult(_Frozen):
    candidate_id: str = Field(description="Candidate reference (the file's id, or its name).")
    name: str | None = Field(default=None, description="Candidate's name; null in blind mode.")
    path: str = Field(description="Candidate file.")
    decision: Decision = Field(description="shortlist, review or reject.")
    decision_reason: str = Field(description="Why that decision.")
    results: list[CriterionResult] = Field(description="One result per criterion, in role order.")
    essential_met: int = Field(description="Essential criteria met or evidenced.")
    desirable_score: float = Field(description="Sum of weights of desirable criteria met or evidenced.")
    derived: dict[str, bool] = Field(default_factory=dict, description="Derived facts the engine decided.")
    findings: list[Finding] = Field(default_factory=list, description="Problems and notes for this application.")


class EvaluationReport(_Frozen):
    """The outcome of ``speccheck evaluate``."""

    kind: str = Field(default="evaluation", description="Always 'evaluation'.")
    role_id: str = Field(description="Role id.")
    role_title: str = Field(description="Post title.")
    role_path: str = Field(description="Role file.")
    as_of: dt.date = Field(description="Date applications are judged at.")
    as_of_from: AsOfFrom = Field(
        default="given",
        description="Where that date came from: given (--as-of), the role's closing_date, or today (neither).",
    )
    candidates: list[CandidateResult] = Field(description="One entry per candidate that could be loaded.")
    findings: list[Finding] = Field(
        default_factory=list, description="Load findings for files that could not be evaluated."
    )

    def all_findings(self) -> list[Finding]:
        """Findings of files that could not be evaluated and every candidate's notes, sorted."""
        return sorted_findings([*self.findings, *(f for candidate in self.candidates for f in candidate.findings)])

    def counts(self) -> dict[Severity, int]:
        return count_by_severity(self.all_findings())

    def fails_at(self, threshold: Severity) -> bool:
        """Whether a file left out of the evaluation has a finding at or above ``threshold``.

        A candidate's own findings are notes on the application, part of its verdict, not a failure of the run.
        """
        return any_at_or_above(self.findings, threshold)
