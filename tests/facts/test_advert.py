"""Advert facts: absent without an advert (so its checks stay silent), located texts and values with one."""

from __future__ import annotations

import datetime as dt

import pytest

from speccheck.facts.advert import ADVERT_FACTS, pay_year
from speccheck.facts.role import role_facts
from speccheck.facts.values import Facts
from speccheck.files.role import Role


def _role(**fields: object) -> Role:
    return Role.model_validate(
        {"kind": "role", "version": 1, "title": "Deputy", "post_type": "deputy_headteacher", **fields}
    )


def _facts(role: Role, as_of: dt.date | None = None) -> Facts:
    return role_facts(role, as_of)[("role", "role")]


@pytest.mark.parametrize(
    "recruitment",
    [None, {"shortlisting_panel_size": 2, "safeguarding_statement": "We are committed to safeguarding children."}],
)
def test_without_an_advert_only_advert_given_is_present(recruitment: dict[str, object] | None) -> None:
    facts = _facts(_role(**({} if recruitment is None else {"recruitment": recruitment})))
    assert facts.values["advert_given"] is False
    for fact in ADVERT_FACTS:
        if fact.name != "advert_given":
            assert fact.name not in facts.values and fact.name not in facts.texts, fact.name


def test_an_empty_advert_gives_every_fact_empty_not_absent() -> None:
    facts = _facts(_role(recruitment={"advert": {}}))
    assert facts.values["advert_given"] is True
    assert facts.values["pre_employment_checks"] == [] and facts.values["working_patterns"] == []
    for name in ("advert_text", "flexible_working_statement", "adjustments_statement"):
        assert facts.texts[name] == [], name
    assert "pay_years_behind" not in facts.values


def test_advert_texts_keep_their_place_and_carry_the_safeguarding_statement() -> None:
    role = _role(
        recruitment={
            "safeguarding_statement": "We are committed to safeguarding children.",
            "advert": {
                "text": "Join us.",
                "pay": {"range": "L8-L12", "text": "L8 to L12"},
                "flexible_working": "Job shares considered.",
                "adjustments": "Ask us for adjustments at interview.",
                "pre_employment_checks": ["section_128", "enhanced_dbs_check"],
                "working_patterns": ["part_time", "full_time"],
            },
        },
        duties=[{"id": "D1", "text": "Lead teaching"}],
    )
    facts = _facts(role)
    advert = ("recruitment", "advert")
    assert [item.loc for item in facts.texts["advert_text"]] == [
        ("recruitment", "safeguarding_statement"),
        (*advert, "text"),
        (*advert, "pay", "range"),
        (*advert, "pay", "text"),
        (*advert, "flexible_working"),
        (*advert, "adjustments"),
    ]
    assert [item.loc for item in facts.texts["flexible_working_statement"]] == [(*advert, "flexible_working")]
    assert [item.loc for item in facts.texts["adjustments_statement"]] == [(*advert, "adjustments")]
    assert facts.values["pre_employment_checks"] == ["enhanced_dbs_check", "section_128"]
    assert facts.values["working_patterns"] == ["full_time", "part_time"]
    # the job description as an applicant reads it takes the advert in once, and so does the whole file
    jd = [item.loc for item in facts.texts["jd_text"]]
    assert jd.count(("recruitment", "safeguarding_statement")) == 1 and (*advert, "text") in jd
    assert [item.loc for item in facts.texts["all_text"]][: len(jd)] == jd


@pytest.mark.parametrize(
    ("day", "expected"),
    [(dt.date(2025, 8, 31), 2024), (dt.date(2025, 9, 1), 2025), (dt.date(2026, 1, 15), 2025)],
)
def test_a_pay_year_starts_on_1_september(day: dt.date, expected: int) -> None:
    assert pay_year(day) == expected


@pytest.mark.parametrize(
    ("issued", "year", "expected"),
    [
        ("2025-10-01", 2024, 1),
        ("2025-06-01", 2024, 0),
        ("2025-10-01", 2025, 0),
        ("2025-10-01", None, None),
        (None, 2024, None),
    ],
)
def test_pay_years_behind_counts_from_the_date_judged_at(
    issued: str | None, year: int | None, expected: int | None
) -> None:
    pay = {"range": "L8-L12"} | ({} if year is None else {"year": year})
    role = _role(recruitment={"advert": {"pay": pay}}, **({} if issued is None else {"issued": issued}))
    assert _facts(role).values.get("pay_years_behind") == expected


def test_as_of_decides_the_pay_year() -> None:
    role = _role(issued="2025-06-01", recruitment={"advert": {"pay": {"year": 2024}}})
    assert _facts(role, dt.date(2026, 9, 1)).values["pay_years_behind"] == 2
