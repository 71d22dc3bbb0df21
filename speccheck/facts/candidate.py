"""Candidate files -> typed facts the engine can compare, plus located texts.

This is feature extraction, not judgement: dates become years (overlapping
posts counted once), qualification and job-title wording is normalised with
the vocabulary tables under ``rules/vocabulary/``, and texts keep their place
in the file so a verdict can quote them. Every value has one type (numbers are
numbers, flags are booleans) because durable_rules compares mismatched types
as text. A fact the application does not give is absent, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from speccheck.conditions.compiler import EMPTY_LIST
from speccheck.conditions.typecheck import Catalogue, FactSpec
from speccheck.files.candidate import Candidate, Employment
from speccheck.files.rules import Vocabulary

Loc = tuple[str | int, ...]

GAP_DAYS = 92  # Teaching Vacancies flags gaps of more than 3 months (domain.md §6.2)
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class TextItem:
    """A piece of the application's text and where it stands in the file."""

    text: str
    loc: Loc


@dataclass
class Facts:
    """A subject's facts: engine values (scalars, lists) and texts for Python matching."""

    values: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, list[TextItem]] = field(default_factory=dict)


BASE_CANDIDATE_FACTS = [
    FactSpec("qualifications", "list", "qualifications"),
    FactSpec("qualifications_in_progress", "list", "qualifications in progress"),
    FactSpec("qts_status", "string", "QTS status"),
    FactSpec("set_membership", "bool", "current SET membership"),
    FactSpec("induction_complete", "bool", "statutory induction completed"),
    FactSpec("years_teaching", "number", "years of teaching"),
    FactSpec("years_leadership", "number", "years in leadership posts"),
    FactSpec("years_senior_leadership", "number", "years in senior leadership posts"),
    FactSpec("role_kinds", "list", "posts held"),
    FactSpec("key_stages", "list", "key stages taught"),
    FactSpec("key_stage_count", "number", "number of key stages taught"),
    FactSpec("phases", "list", "phases taught"),
    FactSpec("phase_count", "number", "number of phases taught"),
    FactSpec("unexplained_gaps", "number", "unexplained gaps in employment of over 3 months"),
    FactSpec("safeguarding_issue_declared", "bool", "a declared safeguarding issue"),
    FactSpec("right_to_work", "bool", "the right to work in the UK"),
    FactSpec("personal_statement", "text", "the supporting statement"),
    FactSpec("evidence_text", "text", "the evidence statements"),
    FactSpec("responsibilities", "text", "responsibilities and main duties"),
    FactSpec("job_titles", "text", "job titles"),
    FactSpec("qualification_names", "text", "qualification and training names"),
    FactSpec("all_text", "text", "the application"),
]


def candidate_catalogue(vocabulary: Vocabulary) -> Catalogue:
    """Facts a candidate condition may test before derivations are added."""
    per_kind = [
        FactSpec(f"responsibilities_as_{kind}", "text", f"responsibilities in {kind.replace('_', ' ')} posts")
        for kind in sorted(vocabulary.role_kinds)
    ]
    return Catalogue("candidate", BASE_CANDIDATE_FACTS + per_kind)


class Normaliser:
    """Compiled vocabulary patterns."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.qualifications = [
            (code, [re.compile(p, re.IGNORECASE) for p in patterns])
            for code, patterns in sorted(vocabulary.qualifications.items())
        ]
        self.role_kinds = [
            (kind, [re.compile(p, re.IGNORECASE) for p in patterns])
            for kind, patterns in sorted(vocabulary.role_kinds.items())
        ]

    def qualification_codes(self, name: str) -> set[str]:
        return {code for code, patterns in self.qualifications if any(p.search(name) for p in patterns)}

    def kinds_of(self, title: str | None) -> set[str]:
        if not title:
            return set()
        return {kind for kind, patterns in self.role_kinds if any(p.search(title) for p in patterns)}


def _years(intervals: list[tuple[dt.date, dt.date]]) -> float:
    """Total years covered by date intervals, overlaps counted once, to 0.1 year."""
    days = 0
    end_so_far: dt.date | None = None
    for start, end in sorted(intervals):
        if end_so_far is not None and start <= end_so_far:
            if end > end_so_far:
                days += (end - end_so_far).days
                end_so_far = end
            continue
        days += (end - start).days
        end_so_far = end
    return round(days / DAYS_PER_YEAR, 1)


def _span(record: Employment, as_of: dt.date) -> tuple[dt.date, dt.date] | None:
    end = record.ended_on or as_of
    end = min(end, as_of)
    if record.started_on >= end:
        return None
    return record.started_on, end


def _unexplained_gaps(records: list[Employment], as_of: dt.date) -> int:
    """Gaps of over 3 months between jobs that no break or education-gap record covers."""
    spans = sorted(s for s in (_span(r, as_of) for r in records) if s is not None)
    if not spans:
        return 0
    gaps = 0
    covered_to = spans[0][1]
    for start, end in spans[1:]:
        if (start - covered_to).days > GAP_DAYS:
            gaps += 1
        covered_to = max(covered_to, end)
    if (as_of - covered_to).days > GAP_DAYS:
        gaps += 1
    return gaps


def candidate_facts(candidate: Candidate, normaliser: Normaliser, as_of: dt.date) -> Facts:
    """All base facts of one candidate, judged as at ``as_of`` (the role's date)."""
    facts = Facts()
    values, texts = facts.values, facts.texts
    vocab = normaliser.vocabulary

    codes: set[str] | None = None
    in_progress: set[str] = set()
    names: list[TextItem] = []
    status = candidate.professional_status
    if status is not None:
        codes = set()
        if status.qualified_teacher_status is not None:
            values["qts_status"] = status.qualified_teacher_status
            if status.qualified_teacher_status == "yes":
                codes.add("QTS")
        if status.qtls:
            codes.add("QTLS")
        if status.set_membership is not None:
            values["set_membership"] = status.set_membership
        if status.is_statutory_induction_complete is not None:
            values["induction_complete"] = status.is_statutory_induction_complete
    if candidate.qualifications is not None:
        codes = codes if codes is not None else set()
        for index, qualification in enumerate(candidate.qualifications):
            codes |= normaliser.qualification_codes(qualification.name)
            names.append(TextItem(qualification.name, ("qualifications", index, "name")))
    if candidate.training_and_cpds is not None:
        codes = codes if codes is not None else set()
        for index, training in enumerate(candidate.training_and_cpds):
            found = normaliser.qualification_codes(training.name)
            if training.completed:
                codes |= found
            else:
                in_progress |= found
            names.append(TextItem(training.name, ("training_and_cpds", index, "name")))
    if codes is not None:
        values["qualifications"] = sorted(codes)
        values["qualifications_in_progress"] = sorted(in_progress)
        texts["qualification_names"] = names

    history = candidate.employment_history
    if history is not None:
        jobs = [(index, r) for index, r in enumerate(history) if r.employment_type == "job"]
        kinds_by_job = {index: normaliser.kinds_of(r.job_title) for index, r in jobs}

        def years_in(kinds: list[str]) -> float:
            wanted = set(kinds)
            spans = [s for index, r in jobs if kinds_by_job[index] & wanted for s in [_span(r, as_of)] if s is not None]
            return _years(spans)

        values["years_teaching"] = years_in(vocab.teaching_role_kinds)
        values["years_leadership"] = years_in(vocab.leadership_role_kinds)
        values["years_senior_leadership"] = years_in(vocab.senior_role_kinds)
        values["role_kinds"] = sorted(set().union(*kinds_by_job.values()))
        stages = sorted({ks for _, r in jobs for ks in r.key_stages})
        phases = sorted({p for _, r in jobs for p in r.phases})
        values["key_stages"], values["key_stage_count"] = stages, len(stages)
        values["phases"], values["phase_count"] = phases, len(phases)
        values["unexplained_gaps"] = _unexplained_gaps([r for r in history], as_of)

        responsibilities: list[TextItem] = []
        by_kind: dict[str, list[TextItem]] = {kind: [] for kind in vocab.role_kinds}
        titles: list[TextItem] = []
        for index, record in jobs:
            items = [
                TextItem(text, ("employment_history", index, "responsibilities", j))
                for j, text in enumerate(record.responsibilities)
            ]
            if record.main_duties:
                items.append(TextItem(record.main_duties, ("employment_history", index, "main_duties")))
            responsibilities.extend(items)
            for kind in kinds_by_job[index]:
                by_kind[kind].extend(items)
            if record.job_title:
                titles.append(TextItem(record.job_title, ("employment_history", index, "job_title")))
        texts["responsibilities"] = responsibilities
        texts["job_titles"] = titles
        for kind, items in by_kind.items():
            texts[f"responsibilities_as_{kind}"] = items

    if candidate.declarations is not None:
        if candidate.declarations.has_safeguarding_issue is not None:
            values["safeguarding_issue_declared"] = candidate.declarations.has_safeguarding_issue
        if candidate.declarations.has_right_to_work_in_uk is not None:
            values["right_to_work"] = candidate.declarations.has_right_to_work_in_uk

    if candidate.personal_statement:
        texts["personal_statement"] = [TextItem(candidate.personal_statement, ("personal_statement",))]
    texts["evidence_text"] = [
        TextItem(item.text, ("evidence", index, "text")) for index, item in enumerate(candidate.evidence)
    ]
    texts["all_text"] = [
        item
        for name in ("personal_statement", "evidence_text", "responsibilities", "job_titles", "qualification_names")
        for item in texts.get(name, [])
    ]
    return facts


def engine_values(facts: Facts) -> dict[str, Any]:
    """Values as the engine must see them.

    An empty list is asserted as the compiler's ``EMPTY_LIST`` (see there). A text fact is asserted as ``true``
    when the application gives any of that text, so ``exists`` works on it;
    its words never reach the engine (``matches`` is decided in Python).
    """
    result: dict[str, Any] = {}
    for name, value in facts.values.items():
        result[name] = EMPTY_LIST if isinstance(value, list) and not value else value
    for name, items in facts.texts.items():
        if items:
            result[name] = True
    return result
