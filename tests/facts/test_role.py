"""Role, criterion and duty facts: computed from the tables, dates as numbers, absent when the file does not say."""

from __future__ import annotations

import datetime as dt

import pytest

from speccheck.facts.role import role_facts
from speccheck.files.role import Role


def test_dates_reach_the_engine_as_numbers_and_as_of_wins() -> None:
    role = Role.model_validate(
        {
            "kind": "role",
            "version": 1,
            "title": "T",
            "post_type": "teacher",
            "issued": "2021-03-01",
            "criteria": [{"id": "E1", "text": "x", "level": "essential", "category": "other"}],
        }
    )
    facts = role_facts(role, None)
    assert facts[("role", "role")].values["issued_date"] == 20210301
    assert facts[("criterion", "0")].values["issued_date"] == 20210301
    assert role_facts(role, dt.date(2019, 9, 1))[("role", "role")].values["issued_date"] == 20190901


def _role(**fields: object) -> Role:
    return Role.model_validate(
        {"kind": "role", "version": 1, "title": "Deputy", "post_type": "deputy_headteacher", **fields}
    )


def _criterion(ident: str, text: str = "Leads a team", **fields: object) -> dict[str, object]:
    return {"id": ident, "text": text, "level": "essential", "category": "skills", **fields}


def test_a_value_the_file_does_not_give_is_absent() -> None:
    values = role_facts(_role(), None)[("role", "role")].values
    for name in ("governance", "issued_year", "issued_date", "shortlisting_panel_size", "application_form"):
        assert name not in values, name
    assert values["religious_character"] == "none" and values["has_religious_character"] is False


def test_a_religious_character_is_read_in_lower_case() -> None:
    facts = role_facts(_role(school={"religious_character": " Catholic "}, criteria=[_criterion("E1")]), None)
    assert facts[("role", "role")].values["religious_character"] == "catholic"
    assert facts[("criterion", "0")].values["school_has_religious_character"] is True


@pytest.mark.parametrize(
    ("shortlisting", "shortlist_on", "expected"),
    [
        (None, None, None),
        (None, "essential_criteria", True),
        (None, "marked_criteria", False),
        (False, "essential_criteria", False),
        (True, None, True),
    ],
)
def test_used_for_shortlisting_follows_the_criterion_then_the_recruitment(
    shortlisting: bool | None, shortlist_on: str | None, expected: bool | None
) -> None:
    criterion = _criterion("E1") | ({} if shortlisting is None else {"shortlisting": shortlisting})
    recruitment = {} if shortlist_on is None else {"recruitment": {"shortlist_on": shortlist_on}}
    values = role_facts(_role(criteria=[criterion], **recruitment), None)[("criterion", "0")].values
    assert values.get("used_for_shortlisting") == expected


def test_texts_keep_their_place_and_the_jd_reads_as_an_applicant_does() -> None:
    role = _role(
        references=["KCSIE 2024"],
        school={"context": "A large primary"},
        responsible_to=["The headteacher"],
        duties=[{"id": "D1", "text": "Lead teaching"}],
        criteria=[_criterion("E1"), _criterion("D1", level="desirable")],
    )
    texts = role_facts(role, None)[("role", "role")].texts
    assert [item.loc for item in texts["jd_text"]] == [
        ("title",),
        ("references", 0),
        ("school", "context"),
        ("responsible_to", 0),
        ("duties", 0, "text"),
    ]
    assert [item.loc for item in texts["essential_text"]] == [("criteria", 0, "text")]
    assert texts["all_text"] == texts["jd_text"] + texts["criteria_text"]
    assert texts["safeguarding_statement"] == []


def test_criteria_name_the_earlier_criteria_they_nearly_repeat() -> None:
    role = _role(criteria=[_criterion("E1", "Leads a team well"), _criterion("E2", "Leads a team well.")])
    facts = role_facts(role, None)
    assert facts[("criterion", "0")].values["near_duplicate_of"] == []
    assert facts[("criterion", "1")].values["near_duplicate_of"] == ["E1"]
    assert facts[("criterion", "1")].values["near_duplicate_count"] == 1


def test_duties_give_what_they_cover() -> None:
    role = _role(duties=[{"id": "D1", "text": "Lead", "covers": ["b.duty", "a.duty"]}])
    facts = role_facts(role, dt.date(2024, 1, 1))[("duty", "0")]
    assert facts.values == {
        "covers": ["a.duty", "b.duty"],
        "covers_count": 2,
        "post_type": "deputy_headteacher",
        "issued_date": 20240101,
    }
    assert [item.loc for item in facts.texts["text"]] == [("duties", 0, "text")]


def test_the_duties_covered_are_what_the_audit_says_and_absent_without_it() -> None:
    """The audit works out which catalogue duties the role covers (the coverage tables' matcher); without
    that the fact is unknown, never an empty list that a check would read as 'covers nothing'."""
    assert "duties_covered" not in role_facts(_role(), None)[("role", "role")].values
    covered = frozenset({"stpcd.deputy.absence", "kcsie.jd.safeguarding_responsibilities"})
    values = role_facts(_role(), None, covered=covered)[("role", "role")].values
    assert values["duties_covered"] == ["kcsie.jd.safeguarding_responsibilities", "stpcd.deputy.absence"]
