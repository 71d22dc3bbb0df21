"""Candidate files -> typed facts the engine can compare, plus located texts.

This is feature extraction, not judgement: dates become years (overlapping
posts counted once), qualification and job-title wording is normalised with
the vocabulary tables under ``rules/vocabulary/``, and texts keep their place
in the file so a verdict can quote them. Every value has one type (numbers are
numbers, flags are booleans) because durable_rules compares mismatched types
as text. A fact the application does not give is absent, never guessed.

``CANDIDATE_FACTS`` lists every base fact with where its value comes from;
``candidate_facts`` computes them, one section of the file at a time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from speccheck.conditions.typecheck import Catalogue
from speccheck.facts.fact import Fact
from speccheck.facts.values import Facts, FactValue, TextItem
from speccheck.files.candidate import Candidate, Employment, ProfessionalStatus
from speccheck.files.rules import Family, Vocabulary
from speccheck.text.reading import read
from speccheck.text.scope import Stance
from speccheck.text.variants import Variants

GAP_DAYS = 92  # Teaching Vacancies flags gaps of more than 3 months (domain.md §6.2)
DAYS_PER_YEAR = 365.25

_VOCABULARY = "as `rules/vocabulary/` reads them"
_JOBS_UP_TO = "overlapping posts counted once, up to the date judged at"

CANDIDATE_FACTS: tuple[Fact, ...] = (
    Fact(
        "qualifications",
        "list",
        "qualifications",
        "codes (QTS, NPQH, ...) of `qualifications`, completed `training_and_cpds` and `professional_status`, "
        + _VOCABULARY,
    ),
    Fact(
        "qualifications_in_progress",
        "list",
        "qualifications in progress",
        "codes of `training_and_cpds` not completed, " + _VOCABULARY,
    ),
    Fact("qts_status", "string", "QTS status", "`professional_status.qualified_teacher_status`"),
    Fact("set_membership", "bool", "current SET membership", "`professional_status.set_membership`"),
    Fact(
        "induction_complete",
        "bool",
        "statutory induction completed",
        "`professional_status.is_statutory_induction_complete`",
    ),
    Fact(
        "years_teaching",
        "number",
        "years of teaching",
        f"years in jobs whose title names a post of `teaching_role_kinds` ({_VOCABULARY}), {_JOBS_UP_TO}",
    ),
    Fact(
        "years_leadership",
        "number",
        "years in leadership posts",
        f"years in jobs whose title names a post of `leadership_role_kinds`, {_JOBS_UP_TO}",
    ),
    Fact(
        "years_senior_leadership",
        "number",
        "years in senior leadership posts",
        f"years in jobs whose title names a post of `senior_role_kinds`, {_JOBS_UP_TO}",
    ),
    Fact("role_kinds", "list", "posts held", "kinds of post the job titles name, " + _VOCABULARY),
    Fact("key_stages", "list", "key stages taught", "`key_stages` of every job"),
    Fact("key_stage_count", "number", "number of key stages taught", "entries of `key_stages`"),
    Fact("phases", "list", "phases taught", "`phases` of every job"),
    Fact("phase_count", "number", "number of phases taught", "entries of `phases`"),
    Fact(
        "unexplained_gaps",
        "number",
        "unexplained gaps in employment of over 3 months",
        "gaps of over 3 months between the entries of `employment_history` (breaks and education count), "
        "and before the date judged at",
    ),
    Fact(
        "safeguarding_issue_declared", "bool", "a declared safeguarding issue", "`declarations.has_safeguarding_issue`"
    ),
    Fact("right_to_work", "bool", "the right to work in the UK", "`declarations.has_right_to_work_in_uk`"),
    Fact("personal_statement", "text", "the supporting statement", "`personal_statement`"),
    Fact("evidence_text", "text", "the evidence statements", "the `text` of every `evidence` entry"),
    Fact(
        "responsibilities",
        "text",
        "responsibilities and main duties",
        "`responsibilities` and `main_duties` of every job",
    ),
    Fact("job_titles", "text", "job titles", "`job_title` of every job"),
    Fact(
        "qualification_names", "text", "qualification and training names", "`name` of every qualification and training"
    ),
    Fact(
        "all_text",
        "text",
        "the application",
        "`personal_statement`, `evidence_text`, `responsibilities`, `job_titles` and `qualification_names`",
    ),
)
# Texts an application gives as whole lists: when the list is given, a pattern that matches none of
# its entries is decided false ("no special-education training among the qualifications listed").
CLOSED_TEXTS = frozenset({"qualification_names", "job_titles"})
_ALL_TEXT = ("personal_statement", "evidence_text", "responsibilities", "job_titles", "qualification_names")


def kind_facts(vocabulary: Vocabulary) -> list[Fact]:
    """One text fact per kind of post the vocabulary names: the responsibilities held in such posts."""
    return [
        Fact(
            f"responsibilities_as_{kind}",
            "text",
            f"responsibilities in {kind.replace('_', ' ')} posts",
            f"`responsibilities` and `main_duties` of jobs whose title names a `{kind}` post, " + _VOCABULARY,
        )
        for kind in sorted(vocabulary.role_kinds)
    ]


def candidate_catalogue(vocabulary: Vocabulary) -> Catalogue:
    """Facts a candidate condition may test before derivations are added."""
    return Catalogue("candidate", [fact.spec() for fact in (*CANDIDATE_FACTS, *kind_facts(vocabulary))])


@dataclass(frozen=True)
class CompiledFamily:
    """A vocabulary family's patterns, compiled."""

    name: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, name: str, family: Family) -> CompiledFamily:
        return cls(
            name,
            family.label,
            tuple(re.compile(p, re.IGNORECASE) for p in family.patterns),
            tuple(re.compile(p, re.IGNORECASE) for p in family.unless),
        )

    def stance_in(self, text: str, variants: Variants) -> Stance | None:
        """How a text names this family: claimed, partial (working towards), denied or hoped; None if not at all."""
        best: Stance | None = None
        for sentence in read(text, variants):
            if any(sentence.search(p) for p in self.unless):
                continue
            for pattern in self.patterns:
                found = sentence.search(pattern)
                if found is None:
                    continue
                if found.stance is Stance.CLAIMED:
                    return Stance.CLAIMED
                if best is None or found.stance is Stance.PARTIAL:
                    best = found.stance
        return best


class Normaliser:
    """The vocabulary compiled: what a qualification name holds and what kind of post a title names."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.variants = Variants(vocabulary.variants)
        self.qualifications = [CompiledFamily.of(code, f) for code, f in sorted(vocabulary.qualifications.items())]
        self.role_kinds = [CompiledFamily.of(kind, f) for kind, f in sorted(vocabulary.role_kinds.items())]
        self.kind_labels = {kind: f.label for kind, f in vocabulary.role_kinds.items()}

    def qualification_stances(self, name: str) -> dict[str, Stance]:
        """Each qualification code a name mentions, with how: held, in progress, denied or hoped for."""
        found = {}
        for family in self.qualifications:
            stance = family.stance_in(name, self.variants)
            if stance is not None:
                found[family.name] = stance
        return found

    def qualification_codes(self, name: str) -> set[str]:
        """The codes a name says are held ("PGCE (QTS not awarded)" holds PGCE, not QTS)."""
        return {code for code, stance in self.qualification_stances(name).items() if stance is Stance.CLAIMED}

    def kinds_of(self, title: str | None) -> set[str]:
        """The kinds of post a job title names."""
        if not title:
            return set()
        return {f.name for f in self.role_kinds if f.stance_in(title, self.variants) is Stance.CLAIMED}


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


def _status_codes(status: ProfessionalStatus, values: dict[str, FactValue]) -> set[str]:
    """Professional status: its facts, and the qualification codes it gives (QTS, QTLS)."""
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
    return codes


def _qualifications(candidate: Candidate, normaliser: Normaliser, facts: Facts) -> None:
    """Qualification codes, held and in progress, and the names they were read from.

    Absent when the application has none of professional status, qualifications and training.
    """
    codes: set[str] | None = None
    in_progress: set[str] = set()
    names: list[TextItem] = []
    if candidate.professional_status is not None:
        codes = _status_codes(candidate.professional_status, facts.values)
    if candidate.qualifications is not None:
        codes = codes if codes is not None else set()
        for index, qualification in enumerate(candidate.qualifications):
            for code, stance in normaliser.qualification_stances(qualification.name).items():
                if stance is Stance.CLAIMED:
                    codes.add(code)
                elif stance is Stance.PARTIAL:
                    in_progress.add(code)
            names.append(TextItem(qualification.name, ("qualifications", index, "name")))
    if candidate.training_and_cpds is not None:
        codes = codes if codes is not None else set()
        for index, training in enumerate(candidate.training_and_cpds):
            for code, stance in normaliser.qualification_stances(training.name).items():
                if stance is Stance.CLAIMED and training.completed:
                    codes.add(code)
                elif stance in (Stance.CLAIMED, Stance.PARTIAL):
                    in_progress.add(code)
            names.append(TextItem(training.name, ("training_and_cpds", index, "name")))
    status = candidate.professional_status
    if codes is not None and status is not None and status.qualified_teacher_status in ("no", "on_track"):
        # The applicant's own answer about QTS beats any qualification name that seems to say otherwise.
        codes.discard("QTS")
        if status.qualified_teacher_status == "on_track":
            in_progress.add("QTS")
    if codes is not None:
        facts.values["qualifications"] = sorted(codes)
        facts.values["qualifications_in_progress"] = sorted(in_progress)
        facts.texts["qualification_names"] = names


def _employment(history: list[Employment], normaliser: Normaliser, as_of: dt.date, facts: Facts) -> None:
    """Years by kind of post, kinds held, key stages and phases, gaps; and the jobs' texts."""
    values, vocab = facts.values, normaliser.vocabulary
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
    stages: list[str] = sorted({ks for _, r in jobs for ks in r.key_stages})
    phases: list[str] = sorted({p for _, r in jobs for p in r.phases})
    values["key_stages"], values["key_stage_count"] = stages, len(stages)
    values["phases"], values["phase_count"] = phases, len(phases)
    values["unexplained_gaps"] = _unexplained_gaps(list(history), as_of)
    _job_texts(jobs, kinds_by_job, vocab, facts.texts)


def _job_texts(
    jobs: list[tuple[int, Employment]],
    kinds_by_job: dict[int, set[str]],
    vocab: Vocabulary,
    texts: dict[str, list[TextItem]],
) -> None:
    """Responsibilities (all, and by kind of post) and job titles, located."""
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


def _declarations(candidate: Candidate, values: dict[str, FactValue]) -> None:
    declarations = candidate.declarations
    if declarations is None:
        return
    if declarations.has_safeguarding_issue is not None:
        values["safeguarding_issue_declared"] = declarations.has_safeguarding_issue
    if declarations.has_right_to_work_in_uk is not None:
        values["right_to_work"] = declarations.has_right_to_work_in_uk


def _statements(candidate: Candidate, texts: dict[str, list[TextItem]]) -> None:
    """The supporting statement, the evidence statements, and all the application's text."""
    if candidate.personal_statement:
        texts["personal_statement"] = [TextItem(candidate.personal_statement, ("personal_statement",))]
    texts["evidence_text"] = [
        TextItem(item.text, ("evidence", index, "text")) for index, item in enumerate(candidate.evidence)
    ]
    texts["all_text"] = [item for name in _ALL_TEXT for item in texts.get(name, [])]


def candidate_facts(candidate: Candidate, normaliser: Normaliser, as_of: dt.date) -> Facts:
    """All base facts of one candidate, judged as at ``as_of`` (the role's date)."""
    facts = Facts()
    _qualifications(candidate, normaliser, facts)
    if candidate.employment_history is not None:
        _employment(candidate.employment_history, normaliser, as_of, facts)
    _declarations(candidate, facts.values)
    _statements(candidate, facts.texts)
    return facts
