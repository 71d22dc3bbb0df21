"""Guidance in force: post types, dates (--as-of or the issued date), and undated roles."""

from __future__ import annotations

import datetime as dt

from speccheck.audit.run import audit_role
from speccheck.files.loader import load_text
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
