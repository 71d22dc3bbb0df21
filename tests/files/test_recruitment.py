"""The recruitment section: the advert's fields are optional, validated where they stand, and explained in the schema."""

from __future__ import annotations

from typing import Any

from speccheck.files.loader import load_text
from speccheck.files.role import Role
from speccheck.results.schemas import schemas

ROLE = """\
kind: role
version: 1
title: Deputy Headteacher
post_type: deputy_headteacher
recruitment:
  shortlisting_panel_size: 3
  advert:
"""


def test_an_empty_advert_and_a_full_one_load() -> None:
    for advert in (
        "    {}\n",
        "    text: Join us.\n    pay: {range: L8-L12, text: L8 to L12, year: 2025}\n"
        "    working_patterns: [full_time, job_share]\n    flexible_working: Job shares considered.\n"
        "    adjustments: Ask for adjustments.\n    pre_employment_checks: [enhanced_dbs_check, section_128]\n",
    ):
        loaded = load_text(ROLE + advert, "r.yaml")
        assert isinstance(loaded.model, Role) and loaded.findings == [], advert
        assert loaded.model.recruitment is not None and loaded.model.recruitment.advert is not None


def test_advert_values_are_checked_where_they_stand() -> None:
    text = ROLE + "    pre_employment_checks: [enhanced_dbs_check, dbs]\n    pay: {year: 1999}\n"
    found = sorted(
        (f.position.line, f.position.col, f.message) for f in load_text(text, "r.yaml").findings if f.position
    )
    assert [(line, col) for line, col, _ in found] == [(8, 49), (9, 17)]
    assert "'section_128'" in found[0][2] and "(found 'dbs')" in found[0][2]
    assert "greater than or equal to 2000" in found[1][2]


def test_the_schema_explains_every_advert_field() -> None:
    schema: dict[str, Any] = schemas()["role.schema.json"]
    advert = schema["$defs"]["Advert"]["properties"]
    assert set(advert) == {
        "text",
        "pay",
        "working_patterns",
        "flexible_working",
        "adjustments",
        "pre_employment_checks",
    }
    for name, field in {**advert, **schema["$defs"]["Pay"]["properties"]}.items():
        assert field.get("description"), name
