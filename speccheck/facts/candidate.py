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
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

from speccheck.conditions.typecheck import Catalogue
from speccheck.core.patterns import Pattern, checked_pattern
from speccheck.facts.employment import DEFAULT_RECENT_YEARS, Judged, Post, employment_facts
from speccheck.facts.fact import Fact
from speccheck.facts.recent import recent_qualifications
from speccheck.facts.values import Facts, FactValue, Loc, TextItem
from speccheck.files.candidate import Candidate, Employment, ProfessionalStatus
from speccheck.files.rules import Family, Vocabulary
from speccheck.text.reading import read
from speccheck.text.scope import Stance
from speccheck.text.variants import Variants

_VOCABULARY = "as `rules/vocabulary/` reads them"
_JOBS_UP_TO = "overlapping posts counted once, up to the date judged at; posts that start after it are left out"
_SCHOOL = (
    "in a school: a post naming a school phase (primary, secondary, through, special) is in a school; else one "
    "whose title names an early-years or further-education kind of post, or whose only phase is nursery, is not"
)
_RECENT = "within the role's `recent_years` (default 5) before the date judged at"

CANDIDATE_FACTS: tuple[Fact, ...] = (
    Fact(
        "qualifications",
        "list",
        "qualifications",
        "codes (QTS, NPQH, ...) of `qualifications`, completed `training_and_cpds` and `professional_status`, "
        + _VOCABULARY,
    ),
    Fact(
        "recent_qualifications",
        "list",
        "qualifications awarded recently",
        f"codes of `qualifications` (by `year`), completed `training_and_cpds` (by `year_awarded`) and QTS (by "
        f"`professional_status.qualified_teacher_status_year`) awarded {_RECENT}; a year in the window's first "
        "year counts, a code with no year is not shown to be recent",
    ),
    Fact(
        "teacher_statuses",
        "list",
        "teaching status",
        "codes among QTS, QTLS, IQTS, EYTS, EYPS, GTCS and GTCNI that `professional_status`, `qualifications` "
        "and completed `training_and_cpds` give",
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
        f"years in teaching posts (kinds of `teaching_role_kinds`, `early_years_role_kinds` or "
        f"`further_education_role_kinds`, {_VOCABULARY}) {_SCHOOL}; {_JOBS_UP_TO}",
    ),
    Fact(
        "years_teaching_early_years",
        "number",
        "years of early years teaching",
        f"years in teaching posts outside school in early years (nursery only, or an early-years kind of post); "
        f"{_JOBS_UP_TO}",
    ),
    Fact(
        "years_teaching_further_education",
        "number",
        "years of further-education teaching",
        f"years in teaching posts outside school in further education (a further-education kind of post); {_JOBS_UP_TO}",
    ),
    Fact(
        "years_leadership",
        "number",
        "years in leadership posts",
        f"years in posts of `leadership_role_kinds` {_SCHOOL}; {_JOBS_UP_TO}",
    ),
    Fact(
        "years_senior_leadership",
        "number",
        "years in senior leadership posts",
        f"years in posts of `senior_role_kinds` in a school; {_JOBS_UP_TO}",
    ),
    Fact(
        "role_kinds",
        "list",
        "posts held",
        f"kinds of post the job titles name, {_VOCABULARY}, in posts started by the date judged at",
    ),
    Fact(
        "recent_role_kinds",
        "list",
        "posts held recently",
        f"kinds of post of the jobs held at any time {_RECENT}",
    ),
    Fact("key_stages", "list", "key stages taught", "`key_stages` of every job started by the date judged at"),
    Fact("key_stage_count", "number", "number of key stages taught", "entries of `key_stages`"),
    Fact("phases", "list", "phases taught", "`phases` of every job started by the date judged at"),
    Fact("phase_count", "number", "number of phases taught", "entries of `phases`"),
    Fact(
        "unexplained_gaps",
        "number",
        "unexplained gaps in employment of over 3 months",
        "gaps of over 3 months between the entries of `employment_history`, and before the date judged at, "
        "that no break or education entry covers (each is noted with its dates; breaks are noted as explained)",
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
    Fact(
        "recent_responsibilities",
        "text",
        "responsibilities in posts held within the role's recent years",
        "`responsibilities` and `main_duties` of jobs held at any time within `recent_years` before the date judged at",
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
# Qualification codes that are a status to teach (or a registration standing for one): professional status
# gives these alone, so they are a whole list whenever the application has professional status or lists.
TEACHER_STATUSES = frozenset({"QTS", "QTLS", "IQTS", "EYTS", "EYPS", "GTCS", "GTCNI"})
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
    patterns: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]

    @classmethod
    def of(cls, name: str, family: Family) -> CompiledFamily:
        return cls(
            name,
            family.label,
            tuple(checked_pattern(p) for p in family.patterns),
            tuple(checked_pattern(p) for p in family.unless),
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

    def __init__(self, vocabulary: Vocabulary, variants: Variants | None = None) -> None:
        self.vocabulary = vocabulary
        self.variants = variants if variants is not None else Variants(vocabulary.variants)
        self.qualifications = [CompiledFamily.of(code, f) for code, f in sorted(vocabulary.qualifications.items())]
        self.role_kinds = [CompiledFamily.of(kind, f) for kind, f in sorted(vocabulary.role_kinds.items())]
        self.kind_labels = {kind: f.label for kind, f in vocabulary.role_kinds.items()}
        # Names and titles repeat across a batch ("PGCE Secondary", "NPQH"): each is read once.
        self._stances: dict[str, Mapping[str, Stance]] = {}
        self._kinds: dict[str, frozenset[str]] = {}

    def qualification_stances(self, name: str) -> Mapping[str, Stance]:
        """Each qualification code a name mentions, with how: held, in progress, denied or hoped for."""
        known = self._stances.get(name)
        if known is not None:
            return known
        found = {}
        for family in self.qualifications:
            stance = family.stance_in(name, self.variants)
            if stance is not None:
                found[family.name] = stance
        return _remember(self._stances, name, MappingProxyType(found))

    def qualification_codes(self, name: str) -> set[str]:
        """The codes a name says are held ("PGCE (QTS not awarded)" holds PGCE, not QTS)."""
        return {code for code, stance in self.qualification_stances(name).items() if stance is Stance.CLAIMED}

    def kinds_of(self, title: str | None) -> set[str]:
        """The kinds of post a job title names."""
        if not title:
            return set()
        known = self._kinds.get(title)
        if known is None:
            kinds = frozenset(f.name for f in self.role_kinds if f.stance_in(title, self.variants) is Stance.CLAIMED)
            known = _remember(self._kinds, title, kinds)
        return set(known)


_T = TypeVar("_T")
_REMEMBERED = 4096  # names or titles kept per normaliser; the cache starts again when full (memory stays bounded)


def _remember(cache: dict[str, _T], key: str, value: _T) -> _T:
    if len(cache) >= _REMEMBERED:
        cache.clear()
    cache[key] = value
    return value


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


@dataclass
class _Codes:
    """Qualification codes as read so far: held, in progress, and the names they were read from."""

    held: set[str]
    in_progress: set[str]
    names: list[TextItem]

    def read(self, normaliser: Normaliser, name: str, loc: Loc, *, completed: bool = True) -> None:
        for code, stance in normaliser.qualification_stances(name).items():
            if stance is Stance.CLAIMED and completed:
                self.held.add(code)
            elif stance in (Stance.CLAIMED, Stance.PARTIAL):
                self.in_progress.add(code)
        self.names.append(TextItem(name, loc))


def _listed(candidate: Candidate, normaliser: Normaliser, status_codes: set[str]) -> _Codes | None:
    """The codes of the qualifications and training the application lists (None when it lists neither)."""
    if candidate.qualifications is None and candidate.training_and_cpds is None:
        return None
    codes = _Codes(set(status_codes), set(), [])
    for index, qualification in enumerate(candidate.qualifications or []):
        codes.read(normaliser, qualification.name, ("qualifications", index, "name"))
    for index, training in enumerate(candidate.training_and_cpds or []):
        codes.read(normaliser, training.name, ("training_and_cpds", index, "name"), completed=training.completed)
    return codes


def _stated_statuses(candidate: Candidate, normaliser: Normaliser) -> set[str] | None:
    """With no professional status and no lists, the teaching statuses the supporting statement and evidence
    claim ("since I gained QTS in 2005"); an empty set when they only deny one ("I do not yet hold QTS");
    None when they name none. Only statuses: a statement that mentions an NPQ says nothing of the others."""
    texts = [candidate.personal_statement or "", *(e.text for e in candidate.evidence)]
    named = False
    held: set[str] = set()
    for text in texts:
        for code, stance in normaliser.qualification_stances(text).items():
            if code in TEACHER_STATUSES:
                named = True
                if stance is Stance.CLAIMED:
                    held.add(code)
    return held if named else None


_STANCE_WORDS = {Stance.DENIED: "not held", Stance.HOPED: "only hoped for", Stance.PARTIAL: "in progress"}


def _statuses_not_held(normaliser: Normaliser, status: ProfessionalStatus | None, names: list[TextItem]) -> list[str]:
    """What was seen that is not a status to teach, in words: a stated "no", a status named but not held
    ("PGCE (QTS not awarded): QTS not held"), or a qualification that is no status ("PGCE Secondary Mathematics")."""
    seen: list[str] = []
    if status is not None and status.qualified_teacher_status in ("no", "on_track", "non_teacher"):
        answer = {"no": "no", "on_track": "on track", "non_teacher": "not a teacher"}[status.qualified_teacher_status]
        seen.append(f"professional status answers {answer} to QTS")
    others: list[str] = []
    for item in names:
        stances = {c: st for c, st in normaliser.qualification_stances(item.text).items() if c in TEACHER_STATUSES}
        unheld = [f"{code} {_STANCE_WORDS[st]}" for code, st in sorted(stances.items()) if st in _STANCE_WORDS]
        if unheld:
            seen.append(f"{item.text}: " + ", ".join(unheld))
        elif not stances:
            others.append(item.text)
    if others:
        seen.append("no status to teach among " + ", ".join(others[:3]) + (" ..." if len(others) > 3 else ""))
    return seen


def _qualifications(candidate: Candidate, normaliser: Normaliser, facts: Facts) -> None:
    """Qualification codes, held and in progress, and the names they were read from.

    The codes are a whole list when the application lists qualifications or training, or answers no to
    QTS; professional status alone says nothing of an NPQ or a degree, so it gives its own facts
    (qts_status, set_membership, teacher_statuses) and the codes stay absent. With neither, a teaching
    status the statement claims or denies is still read (``_stated_statuses``).
    """
    status = candidate.professional_status
    status_codes = _status_codes(status, facts.values) if status is not None else set()
    codes = _listed(candidate, normaliser, status_codes)
    if codes is None and status is not None and status.qualified_teacher_status in ("no", "non_teacher"):
        codes = _Codes(set(status_codes), set(), [])
    if codes is not None and status is not None and status.qualified_teacher_status in ("no", "on_track"):
        # The applicant's own answer about QTS beats any qualification name that seems to say otherwise.
        codes.held.discard("QTS")
        if status.qualified_teacher_status == "on_track":
            codes.in_progress.add("QTS")
    if status is not None or codes is not None:
        facts.values["teacher_statuses"] = sorted((codes.held if codes else status_codes) & TEACHER_STATUSES)
        facts.left_out["teacher_statuses"] = _statuses_not_held(normaliser, status, codes.names if codes else [])
    else:
        stated = _stated_statuses(candidate, normaliser)
        if stated is not None:
            facts.values["teacher_statuses"] = sorted(stated)
    if codes is not None:
        facts.values["qualifications"] = sorted(codes.held)
        facts.values["qualifications_in_progress"] = sorted(codes.in_progress)
        facts.left_out["qualifications"] = [f"{code} in progress" for code in sorted(codes.in_progress - codes.held)]
        facts.texts["qualification_names"] = codes.names


def _employment(history: list[Employment], normaliser: Normaliser, judged: Judged, facts: Facts) -> None:
    """Years by setting and kind of post, kinds held (ever and recently), key stages, phases, gaps; the jobs' texts."""
    vocab = normaliser.vocabulary
    posts = employment_facts(history, normaliser.kinds_of, vocab, normaliser.kind_labels, judged, facts)
    _job_texts([p for p in posts if not p.future], vocab, judged.recent_from, facts.texts)


def _job_texts(posts: list[Post], vocab: Vocabulary, recent_from: dt.date, texts: dict[str, list[TextItem]]) -> None:
    """Responsibilities (all, in posts held within the recent window, and by kind of post) and job titles, located."""
    responsibilities: list[TextItem] = []
    recent: list[TextItem] = []
    by_kind: dict[str, list[TextItem]] = {kind: [] for kind in vocab.role_kinds}
    titles: list[TextItem] = []
    for post in posts:
        index, record = post.index, post.record
        items = [
            TextItem(text, ("employment_history", index, "responsibilities", j))
            for j, text in enumerate(record.responsibilities)
        ]
        if record.main_duties:
            items.append(TextItem(record.main_duties, ("employment_history", index, "main_duties")))
        responsibilities.extend(items)
        if record.ended_on is None or record.ended_on >= recent_from:
            recent.extend(items)
        for kind in post.kinds:
            by_kind.setdefault(kind, []).extend(items)
        if record.job_title:
            titles.append(TextItem(record.job_title, ("employment_history", index, "job_title")))
    texts["responsibilities"] = responsibilities
    texts["recent_responsibilities"] = recent
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


def candidate_facts(
    candidate: Candidate, normaliser: Normaliser, as_of: dt.date, *, recent_years: int = DEFAULT_RECENT_YEARS
) -> Facts:
    """All base facts of one candidate, judged as at ``as_of``; "recent" is the ``recent_years`` before it."""
    facts = Facts()
    judged = Judged(as_of, recent_years)
    _qualifications(candidate, normaliser, facts)
    recent_qualifications(candidate, normaliser.qualification_codes, judged, facts)
    if candidate.employment_history is not None:
        _employment(candidate.employment_history, normaliser, judged, facts)
    _declarations(candidate, facts.values)
    _statements(candidate, facts.texts)
    return facts
