"""Role facts about the advert and candidate pack: whether the role gives them, and what they tell applicants.

Every fact but ``advert_given`` is absent when the role has no
``recruitment.advert``, so a check of the advert does not fire on a role that
does not give one; ``advert_given`` lets one rule say, once, that the advert
was not checked.
"""

from __future__ import annotations

import datetime as dt

from speccheck.facts.fact import ComputedFact, TextFact, ValueFact
from speccheck.facts.role_subjects import RoleSubject, advert_field_texts, advert_texts
from speccheck.files.recruitment import Advert


def _advert(subject: RoleSubject) -> Advert | None:
    recruitment = subject.role.recruitment
    return recruitment.advert if recruitment is not None else None


def pay_year(day: dt.date) -> int:
    """The teachers' pay year a day falls in, by the year it starts (pay years start on 1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def _pay_years_behind(subject: RoleSubject) -> int | None:
    advert = _advert(subject)
    if advert is None or advert.pay is None or advert.pay.year is None or subject.day is None:
        return None
    return pay_year(subject.day) - advert.pay.year


ADVERT_FACTS: tuple[ComputedFact[RoleSubject], ...] = (
    ValueFact(
        "advert_given",
        "bool",
        "the advert and candidate pack given",
        "`recruitment.advert` is given; every other advert fact is absent when it is not",
        value=lambda s: _advert(s) is not None,
    ),
    TextFact(
        "advert_text",
        "text",
        "what the advert and candidate pack say",
        "`recruitment.advert`: `text`, `pay.range`, `pay.text`, `flexible_working` and `adjustments`, with "
        "`recruitment.safeguarding_statement`; absent without an advert",
        texts=lambda s: advert_texts(s.role),
    ),
    ValueFact(
        "pre_employment_checks",
        "list",
        "pre-employment checks the advert lists",
        "`recruitment.advert.pre_employment_checks` (enhanced_dbs_check, section_128 ...); absent without an advert",
        value=lambda s: sorted(advert.pre_employment_checks) if (advert := _advert(s)) is not None else None,
    ),
    ValueFact(
        "working_patterns",
        "list",
        "working patterns the post is open to",
        "`recruitment.advert.working_patterns` (full_time, part_time, job_share); absent without an advert",
        value=lambda s: sorted(advert.working_patterns) if (advert := _advert(s)) is not None else None,
    ),
    TextFact(
        "flexible_working_statement",
        "text",
        "the advert's statement on flexible working",
        "`recruitment.advert.flexible_working`; absent without an advert",
        texts=lambda s: advert_field_texts(s.role, "flexible_working"),
    ),
    TextFact(
        "adjustments_statement",
        "text",
        "the advert's statement on adjustments to the selection process",
        "`recruitment.advert.adjustments`; absent without an advert",
        texts=lambda s: advert_field_texts(s.role, "adjustments"),
    ),
    ValueFact(
        "pay_years_behind",
        "number",
        "pay years the advertised figures are behind",
        "the teachers' pay year of the date judged at (pay years start on 1 September) less "
        "`recruitment.advert.pay.year`; absent when either is not known",
        value=_pay_years_behind,
    ),
)
