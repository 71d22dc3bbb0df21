"""Guidance in force: post types, dates (--as-of or the issued date), and undated roles."""

from __future__ import annotations

import datetime as dt

import pytest

from speccheck.audit.applies import applies_to_post, catalogue_applies, in_force
from speccheck.audit.run import audit_role
from speccheck.files.loader import load_text
from speccheck.files.role import PostType, Role
from speccheck.library.loading import RuleLibrary


def test_rules_in_force_follow_the_date(library: RuleLibrary) -> None:
    text = (
        "kind: role\nversion: 1\ntitle: Head\npost_type: headteacher\nissued: 2010-06-01\n"
        "criteria:\n  - {id: E1, text: NPQH, level: essential, category: qualifications, assessed_by: [certificate]}\n"
    )
    loaded = load_text(text, "r.yaml")
    assert "npqh-required" not in {f.rule_id for f in audit_role(loaded, library).findings}  # mandatory until 2012
    later = audit_role(loaded, library, as_of=dt.date(2013, 1, 1))
    assert "npqh-required" in {f.rule_id for f in later.findings}


def test_an_undated_role_is_told_currency_was_not_checked(library: RuleLibrary) -> None:
    text = (
        "kind: role\nversion: 1\ntitle: D\npost_type: teacher\nreferences: [National Standards for Headteachers 2004]\n"
    )
    ids = {f.rule_id for f in audit_role(load_text(text, "r.yaml"), library).findings}
    assert "no-issued-date" in ids and "superseded-national-standards-2004" not in ids


@pytest.mark.parametrize(
    ("applies_from", "applies_until", "day", "expected"),
    [
        (None, None, dt.date(2020, 1, 1), True),
        (dt.date(2020, 1, 1), None, dt.date(2020, 1, 1), True),  # from the first day
        (dt.date(2020, 1, 1), None, dt.date(2019, 12, 31), False),
        (None, dt.date(2020, 1, 1), dt.date(2020, 1, 1), False),  # withdrawn on that day
        (None, dt.date(2020, 1, 1), None, False),  # an undated role gets current guidance only
        (dt.date(2020, 1, 1), None, None, True),
    ],
)
def test_guidance_is_in_force_from_its_first_day_until_it_is_withdrawn(
    applies_from: dt.date | None, applies_until: dt.date | None, day: dt.date | None, expected: bool
) -> None:
    assert in_force(applies_from, applies_until, day) is expected


def test_applies_to_names_post_types_or_all() -> None:
    assert applies_to_post([PostType("headteacher")], "headteacher")
    assert applies_to_post(["all"], "teacher")
    assert not applies_to_post([PostType("headteacher")], "teacher")


def test_a_catalogue_for_maintained_schools_skips_an_academy(library: RuleLibrary) -> None:
    restricted = [c for c in library.duty_catalogues if c.governance]
    assert restricted, "the bundled rules have a catalogue limited by governance"
    catalogue = restricted[0]
    post_type = catalogue.duties[0].applies_to[0].value
    other = next(g for g in ("maintained", "academy", "free_school", "independent") if g not in catalogue.governance)
    text = f"kind: role\nversion: 1\ntitle: T\npost_type: {post_type}\nschool: {{governance: {other}}}\n"
    role = load_text(text, "r.yaml").model
    assert isinstance(role, Role)
    assert not catalogue_applies(catalogue, role, None)
    inside = role.model_copy(update={"school": role.school.model_copy(update={"governance": catalogue.governance[0]})})
    assert catalogue_applies(catalogue, inside, None) == in_force(catalogue.applies_from, catalogue.applies_until, None)
