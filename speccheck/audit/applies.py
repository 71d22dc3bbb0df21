"""Whether guidance applies to a role: its post type, its school's governance, the date it is judged at, and
whether the role has the job description a check reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from speccheck.conditions.ast import leaves
from speccheck.core.patterns import compile_pattern
from speccheck.facts.role import JOB_DESCRIPTION_FACTS, PERSON_SPECIFICATION_FACTS
from speccheck.facts.role_subjects import criteria_texts, jd_texts
from speccheck.files.role import PostType, Role
from speccheck.files.rules import CheckRule, DutyCatalogue

NO_JOB_DESCRIPTION = "the role has no job description"
NO_PERSON_SPECIFICATION = "the role has no person specification"


def applies_to_post(applies_to: Collection[PostType | str], post_type: str) -> bool:
    """Whether an ``applies_to`` list names the post type, or ``all``."""
    # A PostType is a str equal to its value, so the list is searched as it is.
    return "all" in applies_to or post_type in applies_to


def in_force(applies_from: dt.date | None, applies_until: dt.date | None, day: dt.date | None) -> bool:
    """Whether guidance with these dates is in force on ``day``; undated roles get current guidance."""
    if day is None:
        return applies_until is None
    return (applies_from is None or day >= applies_from) and (applies_until is None or day < applies_until)


def catalogue_applies(catalogue: DutyCatalogue, role: Role, day: dt.date | None) -> bool:
    """Whether a catalogue is in force for the role: post type, school governance, date."""
    post_type = role.post_type.value
    if not any(applies_to_post(d.applies_to, post_type) for d in catalogue.duties):
        return False
    if catalogue.governance and role.school.governance not in catalogue.governance:
        return False
    return in_force(catalogue.applies_from, catalogue.applies_until, day)


def check_applies(rule: CheckRule, role: Role, day: dt.date | None) -> bool:
    """Whether a check rule runs on the role: its post type, the date."""
    return applies_to_post(rule.applies_to, role.post_type.value) and in_force(
        rule.applies_from, rule.applies_until, day
    )


def check_needs_duties(rule: CheckRule) -> bool:
    """Whether a check is about the job description: it reads each duty, reads only the duties, or points at them.

    Such a check says nothing useful about a role with no duties (a test for a missing safeguarding duty
    would fire on every person specification), so it does not run there and the no-duties finding names it.
    """
    if rule.scope == "duty" or rule.at == "duties":
        return True
    return any(leaf.fact in JOB_DESCRIPTION_FACTS for leaf, _ in leaves(rule.when))


def check_needs_criteria(rule: CheckRule) -> bool:
    """Whether a check is about the person specification: it reads each criterion, reads only the criteria, or
    points at them. On a role with no criteria such a check does not run (a test for a missing safeguarding
    criterion would fire on every bare job description); the no-person-specification finding names it."""
    if rule.scope == "criterion" or rule.at == "criteria":
        return True
    return any(leaf.fact in PERSON_SPECIFICATION_FACTS for leaf, _ in leaves(rule.when))


def cites(catalogue: DutyCatalogue, role: Role) -> bool:
    """Whether the role names the framework anywhere (references, job description, criteria)."""
    patterns = [compile_pattern(p) for p in catalogue.cited_as]
    return any(p.search(item.text) for p in patterns for item in jd_texts(role) + criteria_texts(role))


def catalogue_needs_duties(catalogue: DutyCatalogue, role: Role) -> bool:
    """Whether a coverage table is left out for want of a job description.

    A statutory table read from the duties alone cannot be drawn. A standards table could be read from the
    criteria, but a person specification alone says little about the standards the post is led by: it is
    drawn only when the role names the framework.
    """
    if role.duties:
        return False
    if catalogue.framework_kind == "standard":
        return not cites(catalogue, role)
    return "criteria" not in catalogue.search
