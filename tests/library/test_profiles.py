"""Audit profiles: the bundled ones, names and paths, and the check that a profile names only loaded rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.core.errors import SpeccheckError
from speccheck.core.findings import Severity
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


# The force of what each rule rests on (domain.md §9.3-§9.4): in every profile, law may be an error, statutory
# guidance (and guidance the research says to warn on, such as route wording) a warning, good practice
# information. Clarity, currency and the professional standards are good practice.
LAW = {
    "no-age-limits",
    "health-questions",
    "safer-recruitment-trained-panel",
    "fixed-years-experience",
    "age-proxy-wording",
    "npqh-required",
    "native-speaker",
    "faith-criterion",
    "faith-criterion-support-staff",
    "uk-experience-only",
    "assistant-head-deputising-duty",
    "stpcd-deputy-assistant",
    "stpcd-headteacher",
    "stpcd-leading-practitioner",
    "stpcd-teacher",
    "sgr2013-headteacher",
}
GUIDANCE = {
    "shortlisting-panel-size",
    "cv-only-applications",
    "online-search-notice",
    "self-declaration",
    "references-before-interview",
    "dbs-as-criterion",
    "safeguarding-criterion",
    "no-person-specification",
    "safeguarding-duty",
    "safeguarding-statement",
    "route-exclusive-criterion",
}
GOOD_PRACTICE_FOLDERS = {"clarity", "currency", "standards"}


@pytest.mark.parametrize("name", ["default", "strict"])
def test_bundled_profiles_keep_severities_proportionate(name: str, library: RuleLibrary) -> None:
    profile = load_profile(name)
    own = {c.id: c.severity for c in library.checks} | {c.id: c.severity for c in library.duty_catalogues}
    folder = {c.id: c.category for c in library.checks} | {
        c.id: "standards" if c.framework_kind == "standard" else "duties" for c in library.duty_catalogues
    }
    for rule_id, severity in own.items():
        severity = profile.severity.get(rule_id, severity)
        if rule_id in LAW:
            continue  # any severity
        if rule_id in GUIDANCE:
            assert severity is not Severity.ERROR, f"{name}: {rule_id} rests on guidance, not law"
        elif folder[rule_id] in GOOD_PRACTICE_FOLDERS:
            assert severity is Severity.INFO, f"{name}: {rule_id} is good practice"


def test_strict_raises_legal_risks_and_leaves_guidance_at_warning() -> None:
    strict = load_profile("strict")
    assert strict.severity["age-proxy-wording"] is Severity.ERROR
    assert strict.severity["online-search-notice"] is Severity.WARNING
    assert "route-exclusive-criterion" not in strict.severity  # guidance: a warning in every profile
    assert not {"superseded-national-standards-2015", "vague-time-words"} & set(strict.severity)


def test_a_profile_name_the_system_cannot_hold_is_not_found_not_a_crash() -> None:
    with pytest.raises(SpeccheckError, match="no profile named"):
        load_profile("x" * 300)
