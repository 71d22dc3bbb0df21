"""Role files -> the facts check rules read: one subject for the role, one per criterion, one per duty.

Each fact is one entry in one of the tables below (``ROLE_FACTS``, which takes
the advert's facts from ``speccheck.facts.advert``, ``CRITERION_FACTS``,
``DUTY_FACTS``): its name, type, words, where its value
comes from, and the function that computes it from its subject
(``speccheck.facts.role_subjects``). Dates reach the engine as ``yyyymmdd``
numbers, never as strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Set

from speccheck.facts.advert import ADVERT_FACTS
from speccheck.facts.fact import ComputedFact, TextFact, ValueFact, computed
from speccheck.facts.role_subjects import (
    CriterionSubject,
    DutySubject,
    RoleSubject,
    criteria_texts,
    duties_texts,
    essential_texts,
    jd_texts,
    judged_at,
    recruitment_value,
    references_texts,
    safeguarding_statement_texts,
    title_texts,
    yyyymmdd,
)
from speccheck.facts.values import Facts, TextItem
from speccheck.files.role import APPLICATION_STAGE, Role
from speccheck.text.similarity import NEAR_DUPLICATE, near_duplicates


def _used_for_shortlisting(subject: CriterionSubject) -> bool | None:
    """As the criterion says; else as recruitment.shortlist_on says; else not known."""
    criterion, recruitment = subject.criterion, subject.of.role.recruitment
    if criterion.shortlisting is not None:
        return criterion.shortlisting
    if recruitment is None or recruitment.shortlist_on is None:
        return None
    return recruitment.shortlist_on == "essential_criteria" and criterion.level.value == "essential"


ROLE_FACTS: tuple[ComputedFact[RoleSubject], ...] = (
    ValueFact(
        "post_type",
        "string",
        "post type",
        "`post_type`, or the most senior of `job_roles`",
        value=lambda s: s.role.post_type.value,
    ),
    ValueFact(
        "governance",
        "string",
        "school governance",
        "`school.governance`",
        value=lambda s: s.role.school.governance or None,
    ),
    ValueFact(
        "religious_character",
        "string",
        "religious character",
        "`school.religious_character` in lower case; `none` when not given",
        value=lambda s: s.religious_character,
    ),
    ValueFact(
        "has_religious_character",
        "bool",
        "a designated religious character",
        "`school.religious_character` is given and is not `none` or `no`",
        value=lambda s: s.has_religious_character,
    ),
    ValueFact(
        "issued_year",
        "number",
        "year issued",
        "the year of the date judged at (`--as-of`, else `issued`)",
        value=lambda s: s.day.year if s.day else None,
    ),
    ValueFact(
        "issued_date",
        "number",
        "date judged at (yyyymmdd)",
        "the date judged at (`--as-of`, else `issued`) as a number, e.g. 20210301",
        value=lambda s: yyyymmdd(s.day),
    ),
    ValueFact("duty_count", "number", "number of duties", "entries under `duties`", value=lambda s: len(s.role.duties)),
    ValueFact(
        "criteria_count",
        "number",
        "number of criteria",
        "entries under `criteria`",
        value=lambda s: len(s.role.criteria),
    ),
    ValueFact(
        "essential_count",
        "number",
        "number of essential criteria",
        "criteria with `level: essential`",
        value=lambda s: sum(1 for c in s.role.criteria if c.level.value == "essential"),
    ),
    ValueFact(
        "criteria_categories",
        "list",
        "criteria headings",
        "the `category` of every criterion, each once",
        value=lambda s: sorted({c.category.value for c in s.role.criteria}),
    ),
    ValueFact(
        "duties_covered",
        "list",
        "duties the role covers",
        "ids of the catalogue duties (`rules/duties/`, `rules/standards/`) the role's statements cover, found as the "
        "audit's coverage tables find them (named in `covers:`, else matched by the duty's words), whether or not "
        "the post carries the duty; the audit works out the duties check rules test",
        value=lambda s: sorted(s.covered) if s.covered is not None else None,
    ),
    TextFact("title", "text", "the post title", "`title`", texts=lambda s: title_texts(s.role)),
    TextFact(
        "criteria_text",
        "text",
        "the person specification",
        "the `text` of every criterion",
        texts=lambda s: criteria_texts(s.role),
    ),
    TextFact(
        "essential_text",
        "text",
        "the essential criteria",
        "the `text` of every essential criterion",
        texts=lambda s: essential_texts(s.role),
    ),
    TextFact(
        "duties_text", "text", "the job description", "the `text` of every duty", texts=lambda s: duties_texts(s.role)
    ),
    TextFact(
        "references_text",
        "text",
        "documents the role refers to",
        "`references`",
        texts=lambda s: references_texts(s.role),
    ),
    TextFact(
        "jd_text",
        "text",
        "the job description, school information and advert statements",
        "`title`, `references`, `recruitment.safeguarding_statement`, the wording of `recruitment.advert`, "
        "`school.context`, `responsible_to`, `responsible_for` and the duties",
        texts=lambda s: jd_texts(s.role),
    ),
    TextFact(
        "all_text",
        "text",
        "the whole role file",
        "`jd_text` and the criteria",
        texts=lambda s: jd_texts(s.role) + criteria_texts(s.role),
    ),
    TextFact(
        "safeguarding_statement",
        "text",
        "the advertised safeguarding statement",
        "`recruitment.safeguarding_statement`",
        texts=lambda s: safeguarding_statement_texts(s.role),
    ),
    ValueFact(
        "shortlisting_panel_size",
        "number",
        "people who shortlist",
        "`recruitment.shortlisting_panel_size`",
        value=lambda s: recruitment_value(s.role, "shortlisting_panel_size"),
    ),
    ValueFact(
        "safer_recruitment_trained_panel_member",
        "bool",
        "a panel member with safer recruitment training",
        "`recruitment.safer_recruitment_trained_panel_member`",
        value=lambda s: recruitment_value(s.role, "safer_recruitment_trained_panel_member"),
    ),
    ValueFact(
        "application_form",
        "bool",
        "an application form",
        "`recruitment.application_form`",
        value=lambda s: recruitment_value(s.role, "application_form"),
    ),
    ValueFact(
        "online_search_notice",
        "bool",
        "notice of online searches",
        "`recruitment.online_search_notice`",
        value=lambda s: recruitment_value(s.role, "online_search_notice"),
    ),
    ValueFact(
        "self_declaration",
        "bool",
        "a self-declaration by shortlisted candidates",
        "`recruitment.self_declaration`",
        value=lambda s: recruitment_value(s.role, "self_declaration"),
    ),
    ValueFact(
        "references_before_interview",
        "bool",
        "references before interview",
        "`recruitment.references_before_interview`",
        value=lambda s: recruitment_value(s.role, "references_before_interview"),
    ),
    *ADVERT_FACTS,
)

# Role facts read from the duties alone: a check that reads one is about the job description, and does not run
# on a role without one (``speccheck.audit.applies.check_needs_duties``).
JOB_DESCRIPTION_FACTS = frozenset({"duties_text"})
# Role facts read from the criteria alone: likewise for the person specification
# (``speccheck.audit.applies.check_needs_criteria``).
PERSON_SPECIFICATION_FACTS = frozenset({"criteria_text", "essential_text", "essential_count", "criteria_categories"})

CRITERION_FACTS: tuple[ComputedFact[CriterionSubject], ...] = (
    ValueFact("level", "string", "level", "`level`: essential or desirable", value=lambda s: s.criterion.level.value),
    ValueFact(
        "category",
        "string",
        "heading",
        "`category`, the heading it sits under",
        value=lambda s: s.criterion.category.value,
    ),
    ValueFact(
        "assessed_by",
        "list",
        "assessment methods",
        "`assessed_by`",
        value=lambda s: sorted(a.value for a in s.criterion.assessed_by),
    ),
    ValueFact(
        "assessed_by_count",
        "number",
        "number of assessment methods",
        "entries under `assessed_by`",
        value=lambda s: len(s.criterion.assessed_by),
    ),
    ValueFact(
        "has_condition",
        "bool",
        "a machine condition",
        "`condition` is given",
        value=lambda s: s.criterion.condition is not None,
    ),
    ValueFact(
        "application_stage",
        "bool",
        "assessable from the application",
        f"`assessed_by` names a method the written application shows ({' or '.join(sorted(APPLICATION_STAGE))})",
        value=lambda s: s.criterion.application_stage,
    ),
    ValueFact(
        "used_for_shortlisting",
        "bool",
        "used to shortlist",
        "`shortlisting`; else, when `recruitment.shortlist_on` is given, true for an essential criterion under "
        "`essential_criteria` and false otherwise; absent when neither is given",
        value=_used_for_shortlisting,
    ),
    ValueFact(
        "near_duplicate_of",
        "list",
        "earlier criteria it nearly repeats",
        f"ids of earlier criteria whose word sets overlap this one's by at least {NEAR_DUPLICATE:.0%} (Jaccard)",
        value=lambda s: list(s.near_duplicate_of),
    ),
    ValueFact(
        "near_duplicate_count",
        "number",
        "number of earlier criteria it nearly repeats",
        "entries of `near_duplicate_of`",
        value=lambda s: len(s.near_duplicate_of),
    ),
    ValueFact("post_type", "string", "post type", "the role's `post_type`", value=lambda s: s.of.role.post_type.value),
    ValueFact(
        "issued_date",
        "number",
        "date judged at (yyyymmdd)",
        "as the role fact `issued_date`",
        value=lambda s: yyyymmdd(s.of.day),
    ),
    ValueFact(
        "school_has_religious_character",
        "bool",
        "a school with a designated religious character",
        "as the role fact `has_religious_character`",
        value=lambda s: s.of.has_religious_character,
    ),
    TextFact(
        "text",
        "text",
        "the criterion",
        "`text`",
        texts=lambda s: [TextItem(s.criterion.text, ("criteria", s.index, "text"))],
    ),
)

DUTY_FACTS: tuple[ComputedFact[DutySubject], ...] = (
    ValueFact(
        "covers",
        "list",
        "statutory duties named",
        "`covers`: ids of catalogue duties the statement names",
        value=lambda s: sorted(s.duty.covers),
    ),
    ValueFact(
        "covers_count",
        "number",
        "number of statutory duties named",
        "entries under `covers`",
        value=lambda s: len(s.duty.covers),
    ),
    ValueFact(
        "duties_covered",
        "list",
        "duties the statement covers",
        "ids of the catalogue duties (`rules/duties/`, `rules/standards/`) this statement covers, found as the "
        "audit's coverage tables find them (named in `covers:`, else matched by the duty's words), whether or not "
        "the post carries the duty",
        value=lambda s: sorted(s.of.covered_by_duty.get(s.index, ())) if s.of.covered_by_duty is not None else None,
    ),
    ValueFact("post_type", "string", "post type", "the role's `post_type`", value=lambda s: s.of.role.post_type.value),
    ValueFact(
        "issued_date",
        "number",
        "date judged at (yyyymmdd)",
        "as the role fact `issued_date`",
        value=lambda s: yyyymmdd(s.of.day),
    ),
    TextFact(
        "text", "text", "the duty", "`text`", texts=lambda s: [TextItem(s.duty.text, ("duties", s.index, "text"))]
    ),
)


def role_facts(
    role: Role,
    as_of: dt.date | None,
    *,
    covered: frozenset[str] | None = None,
    covered_by_duty: Mapping[int, frozenset[str]] | None = None,
    only: Mapping[str, Set[str]] | None = None,
) -> dict[tuple[str, str], Facts]:
    """Typed facts for the role, each criterion and each duty, judged at ``as_of`` or the issued date;
    ``covered`` is the catalogue duties the role covers and ``covered_by_duty`` those each duty statement
    covers, which the audit works out (``duties_covered`` is absent without them). With ``only`` (scope ->
    fact names), a scope's subjects get just the facts named for it (those the rules that run read).

    Keys are (scope, subject): ("role", "role"), ("criterion", "<index>"), ("duty", "<index>").
    """

    def wanted(scope: str) -> Set[str] | None:
        return None if only is None else only.get(scope, frozenset())

    subject = RoleSubject(role, judged_at(role, as_of), covered, covered_by_duty)
    subjects = {("role", "role"): computed(ROLE_FACTS, subject, wanted("role"))}
    duplicates = near_duplicates([c.text for c in role.criteria])
    for index in range(len(role.criteria)):
        earlier = tuple(role.criteria[i].id for i in duplicates[index])
        subjects[("criterion", str(index))] = computed(
            CRITERION_FACTS, CriterionSubject(subject, index, earlier), wanted("criterion")
        )
    for index in range(len(role.duties)):
        subjects[("duty", str(index))] = computed(DUTY_FACTS, DutySubject(subject, index), wanted("duty"))
    return subjects
