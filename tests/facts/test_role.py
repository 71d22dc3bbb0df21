"""Role, criterion and duty facts: computed from the tables, dates as numbers, absent when the file does not say."""

from __future__ import annotations

import datetime as dt

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
