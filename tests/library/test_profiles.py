"""Audit profiles: the bundled ones, names and paths, and the check that a profile names only loaded rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.core.errors import SpeccheckError
from speccheck.library.loading import RuleLibrary
from speccheck.library.profiles import (
    available_profiles,
    load_checked_profile,
    load_profile,
    looks_like_path,
    unknown_ids,
)


@pytest.mark.parametrize("name", ["default", "strict"])
def test_bundled_profiles_name_only_loaded_rules(name: str, library: RuleLibrary) -> None:
    profile = load_profile(name)
    assert unknown_ids(profile, library.rule_ids()) == []


def test_bundled_profiles_are_listed() -> None:
    assert available_profiles() == ["default", "strict"]


@pytest.mark.parametrize(
    ("argument", "is_path"),
    [("strict", False), ("team.yaml", True), ("team.json", True), ("profiles/team", True), ("a\\b", True)],
)
def test_a_profile_argument_is_a_name_or_a_path(argument: str, is_path: bool) -> None:
    assert looks_like_path(argument) is is_path


def _typo_profile(folder: Path) -> Path:
    path = folder / "typo.yaml"
    path.write_text("kind: profile\nversion: 1\nid: typo\ntitle: t\ndisable: [no-such-rule]\n")
    return path


def test_a_profile_naming_a_rule_not_loaded_is_refused(tmp_path: Path, library: RuleLibrary) -> None:
    typo = str(_typo_profile(tmp_path))
    with pytest.raises(SpeccheckError) as caught:
        load_checked_profile(typo, rule_folders=[], known=library.rule_ids())
    assert caught.value.message == 'profile "typo" names rules that are not loaded: no-such-rule'
    assert caught.value.where is None and caught.value.hint is not None
    checked = load_checked_profile(typo, rule_folders=[], known=[*library.rule_ids(), "no-such-rule"])
    assert checked == load_profile(typo)


def test_errors_about_a_configured_profile_are_reported_where_it_is_named(tmp_path: Path, library: RuleLibrary) -> None:
    where = "speccheck.yaml:1:10"
    with pytest.raises(SpeccheckError) as caught:
        load_checked_profile(str(_typo_profile(tmp_path)), rule_folders=[], known=library.rule_ids(), where=where)
    assert caught.value.where == where
    with pytest.raises(SpeccheckError) as missing:
        load_checked_profile("nope", rule_folders=[], known=library.rule_ids(), where=where)
    assert missing.value.where == where and missing.value.message == 'no profile named "nope"'
