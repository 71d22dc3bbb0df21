"""Whether guidance applies to a role: its post type, its school's governance, and the date it is judged at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from speccheck.files.role import PostType, Role
from speccheck.files.rules import CheckRule, DutyCatalogue


def applies_to_post(applies_to: Iterable[PostType | str], post_type: str) -> bool:
    """Whether an ``applies_to`` list names the post type, or ``all``."""
    names = [p.value if isinstance(p, PostType) else p for p in applies_to]
    return "all" in names or post_type in names


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
