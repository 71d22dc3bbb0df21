"""A role as its facts see it: the subjects (the role, a criterion, a duty), the date judged at, the located texts.

The role is judged at a date: ``--as-of`` when given, else the role's ``issued``
date. Texts keep their place in the file so a finding can point at the words
that raised it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from speccheck.facts.values import FactValue, TextItem
from speccheck.files.role import Criterion, Duty, Role


def judged_at(role: Role, as_of: dt.date | None) -> dt.date | None:
    """The date guidance is judged at: ``as_of`` when given, else the role's issued date."""
    return as_of or role.issued


def yyyymmdd(day: dt.date | None) -> int | None:
    """A date as the number the engine compares (20210301), or None for no date."""
    return day.year * 10000 + day.month * 100 + day.day if day else None


@dataclass(frozen=True)
class RoleSubject:
    """A role as its facts see it: the file, and the date it is judged at."""

    role: Role
    day: dt.date | None
    covered: frozenset[str] | None = None  # catalogue duties the role covers, as the audit's coverage finds them
    covered_by_duty: Mapping[int, frozenset[str]] | None = None  # the same, statement by statement (duty index)

    @property
    def religious_character(self) -> str:
        return (self.role.school.religious_character or "none").strip().lower()

    @property
    def has_religious_character(self) -> bool:
        return self.religious_character not in ("", "none", "no")


@dataclass(frozen=True)
class CriterionSubject:
    """One criterion of a role, with the ids of the earlier criteria it nearly repeats."""

    of: RoleSubject
    index: int
    near_duplicate_of: tuple[str, ...]

    @property
    def criterion(self) -> Criterion:
        return self.of.role.criteria[self.index]


@dataclass(frozen=True)
class DutySubject:
    """One duty (job description statement) of a role."""

    of: RoleSubject
    index: int

    @property
    def duty(self) -> Duty:
        return self.of.role.duties[self.index]


# --------------------------------------------------------------------------- the role's texts


def title_texts(role: Role) -> list[TextItem]:
    return [TextItem(role.title, ("title",))]


def criteria_texts(role: Role) -> list[TextItem]:
    return [TextItem(c.text, ("criteria", i, "text")) for i, c in enumerate(role.criteria)]


def essential_texts(role: Role) -> list[TextItem]:
    return [
        TextItem(c.text, ("criteria", i, "text")) for i, c in enumerate(role.criteria) if c.level.value == "essential"
    ]


def duties_texts(role: Role) -> list[TextItem]:
    return [TextItem(d.text, ("duties", i, "text")) for i, d in enumerate(role.duties)]


def references_texts(role: Role) -> list[TextItem]:
    return [TextItem(r, ("references", i)) for i, r in enumerate(role.references)]


def safeguarding_statement_texts(role: Role) -> list[TextItem]:
    recruitment = role.recruitment
    if recruitment is None or not recruitment.safeguarding_statement:
        return []
    return [TextItem(recruitment.safeguarding_statement, ("recruitment", "safeguarding_statement"))]


def advert_own_texts(role: Role) -> list[TextItem] | None:
    """The advert's own wording (text, pay, flexible working, adjustments); None when the role gives no advert."""
    advert = role.recruitment.advert if role.recruitment is not None else None
    if advert is None:
        return None
    at = ("recruitment", "advert")
    items = [TextItem(advert.text, (*at, "text"))] if advert.text else []
    if advert.pay is not None:
        items += [TextItem(advert.pay.range, (*at, "pay", "range"))] if advert.pay.range else []
        items += [TextItem(advert.pay.text, (*at, "pay", "text"))] if advert.pay.text else []
    for name in ("flexible_working", "adjustments"):
        value = getattr(advert, name)
        items += [TextItem(value, (*at, name))] if value else []
    return items


def advert_texts(role: Role) -> list[TextItem] | None:
    """Everything the advert says, with the safeguarding statement it carries; None when the role gives no advert."""
    own = advert_own_texts(role)
    return None if own is None else safeguarding_statement_texts(role) + own


def advert_field_texts(role: Role, name: str) -> list[TextItem] | None:
    """One statement of the advert (``flexible_working``, ``adjustments``): [] when not given, None with no advert."""
    advert = role.recruitment.advert if role.recruitment is not None else None
    if advert is None:
        return None
    value = getattr(advert, name)
    return [TextItem(value, ("recruitment", "advert", name))] if value else []


def jd_texts(role: Role) -> list[TextItem]:
    """The job description as an applicant reads it: title, references, advert, school, people, duties."""
    school = [TextItem(role.school.context, ("school", "context"))] if role.school.context else []
    people = [TextItem(t, ("responsible_to", i)) for i, t in enumerate(role.responsible_to)] + [
        TextItem(t, ("responsible_for", i)) for i, t in enumerate(role.responsible_for)
    ]
    return (
        title_texts(role)
        + references_texts(role)
        + safeguarding_statement_texts(role)
        + (advert_own_texts(role) or [])
        + school
        + people
        + duties_texts(role)
    )


def recruitment_value(role: Role, name: str) -> FactValue | None:
    """A field of ``recruitment:``, or None when the role does not say."""
    value: FactValue | None = getattr(role.recruitment, name) if role.recruitment is not None else None
    return value
