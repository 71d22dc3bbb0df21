"""Suppressions with accountability: inline comments on a line, an item or a file; waivers with reason, owner, expiry and count."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from speccheck.core.findings import Finding, Position, Severity
from speccheck.core.yamlpos import parse
from speccheck.library.loading import RuleLibrary
from speccheck.lint.config import Glob, LintConfig, Waiver, load
from speccheck.lint.run import lint
from speccheck.lint.suppress import Candidate, apply_inline, apply_waivers, directives

TEXT = """\
kind: role
criteria:
  - id: E1   # speccheck: disable=rule-a -- covers the whole item
    text: one
    level: essential
  - {id: E2, text: two}  # speccheck: disable=rule-a,rule-b -- this line only
  # speccheck: disable=rule-c -- the next line
  - {id: E3, text: three}
title: x  # speccheck: disable=rule-a
note: "#speccheck: disable=rule-z -- a hash right after a quote starts no comment"
"""


def finding(rule: str, line: int, col: int = 5) -> Finding:
    return Finding(
        rule_id=rule,
        severity=Severity.WARNING,
        message=f"{rule} at {line}",
        position=Position(path="r.yaml", line=line, col=col),
    )


def test_directives_cover_a_line_an_item_or_the_next_line() -> None:
    found, problems = directives(TEXT, "r.yaml", parse(TEXT))
    assert problems == []
    spans = [(d.rules, d.first, d.last, d.reason) for d in found]
    assert spans[:4] == [
        (("rule-a",), 3, 5, "covers the whole item"),
        (("rule-a", "rule-b"), 6, 6, "this line only"),
        (("rule-c",), 8, 8, "the next line"),
        (("rule-a",), 9, 9, None),
    ]
    assert found[0].position == Position(path="r.yaml", line=3, col=14)


def test_disable_file_and_malformed_comments() -> None:
    text = "kind: role\n# speccheck: disable-file=rule-a -- legacy file\ntitle: x # speccheck: enable=rule-a\nx: 1 # speccheck: disable=\n"
    found, problems = directives(text, "r.yaml", parse(text))
    assert [(d.rules, d.file_wide, d.first, d.last) for d in found] == [(("rule-a",), True, 1, 4)]
    assert [(p.rule_id, p.position.line if p.position else 0) for p in problems] == [
        ("suppression-syntax", 3),
        ("suppression-syntax", 4),
    ]


def test_no_marker_no_work() -> None:
    assert directives("kind: role\n", "r.yaml", None) == ([], [])


def test_apply_inline_suppresses_and_reports_the_suppressions_themselves() -> None:
    found, _ = directives(TEXT, "r.yaml", parse(TEXT))
    findings = [
        finding("rule-a", 4),
        finding("rule-b", 6),
        finding("rule-b", 7),
        finding("rule-c", 8),
        finding("rule-a", 9),
    ]
    known = {"rule-a", "rule-b", "rule-c"}
    kept, suppressed, meta = apply_inline(findings, found, known=known, active=known)
    assert [(f.rule_id, f.position.line) for f in kept if f.position] == [("rule-b", 7)]
    assert [(s.finding.rule_id, s.suppression.reason) for s in suppressed] == [
        ("rule-a", "covers the whole item"),
        ("rule-b", "this line only"),
        ("rule-c", "the next line"),
        ("rule-a", None),
    ]
    about = sorted((m.rule_id, m.position.line if m.position else 0, m.message) for m in meta)
    assert about == [
        ("suppression-no-reason", 9, 'suppression of "rule-a" gives no reason'),
        ("suppression-unused", 6, 'suppression of "rule-a" matches no finding'),
    ]


def test_unused_is_not_reported_for_rules_that_did_not_run() -> None:
    found, _ = directives(TEXT, "r.yaml", parse(TEXT))
    _, _, meta = apply_inline([], found, known={"rule-a", "rule-b", "rule-c", "rule-z"}, active=set())
    assert not [m for m in meta if m.rule_id == "suppression-unused"]


def waiver(rule: str = "rule-a", path: str = "roles/*.yaml", **extra: object) -> Waiver:
    values: dict[str, object] = {
        "reason": "accepted",
        "owner": "hr",
        "expires": None,
        "count": None,
        "position": Position(path="speccheck.yaml", line=3, col=5),
    }
    values.update(extra)
    return Waiver(rule=rule, path=Glob.of(path), **values)  # type: ignore[arg-type]


def run_waivers(
    findings: list[Finding], waivers: list[Waiver], linted: list[str] | None = None
) -> tuple[list[Finding], list[object], list[Finding]]:
    candidates = [Candidate(f, "roles/" + f.position.path if f.position else None) for f in findings]
    kept, suppressed, meta = apply_waivers(
        candidates,
        waivers,
        as_of=dt.date(2025, 6, 1),
        known={"rule-a", "rule-b"},
        active={"rule-a", "rule-b"},
        linted=linted if linted is not None else ["roles/r.yaml"],
    )
    return kept, list(suppressed), meta


def test_a_live_waiver_suppresses_with_its_owner_and_expiry() -> None:
    kept, suppressed, meta = run_waivers([finding("rule-a", 3)], [waiver(expires=dt.date(2025, 6, 1))])
    assert kept == [] and meta == []
    (item,) = suppressed
    assert item.suppression.kind == "waiver" and item.suppression.owner == "hr"  # type: ignore[attr-defined]


def test_an_expired_waiver_suppresses_nothing_and_is_reported() -> None:
    kept, suppressed, meta = run_waivers([finding("rule-a", 3)], [waiver(expires=dt.date(2025, 5, 31))])
    assert [f.rule_id for f in kept] == ["rule-a"] and suppressed == []
    assert [(m.rule_id, m.message) for m in meta] == [
        (
            "waiver-expired",
            'waiver of "rule-a" for "roles/*.yaml" expired on 2025-05-31 (owner: hr); 1 finding(s) it covered are reported again',
        )
    ]


def test_count_limits_a_waiver_so_new_findings_still_fail() -> None:
    kept, suppressed, _ = run_waivers([finding("rule-a", 3), finding("rule-a", 9)], [waiver(count=1)])
    assert len(suppressed) == 1 and [f.position.line for f in kept if f.position] == [9]


def test_waiver_without_reason_warns_and_unused_waivers_are_reported_only_for_files_linted() -> None:
    _, _, meta = run_waivers([], [waiver(reason=None), waiver(rule="rule-b", path="elsewhere/*.yaml")])
    assert sorted(m.rule_id for m in meta) == ["suppression-no-reason", "waiver-unused"]
    _, _, meta = run_waivers([], [waiver(rule="no-such-rule")])
    assert [m.rule_id for m in meta] == ["suppression-unknown-rule"]


ROLE = """\
kind: role
version: 1
title: Deputy Head
post_type: deputy_headteacher
criteria:
  - id: E1   # speccheck: disable=fixed-years-experience -- agreed with the governors
    text: At least 5 years teaching experience
    level: essential
    category: experience
    assessed_by: [application]
  - {id: E2, text: Three years of leadership, level: essential, category: experience, assessed_by: [application]}
"""


def test_lint_applies_comments_then_waivers_and_counts_suppressed(tmp_path: Path, library: RuleLibrary) -> None:
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "r.yaml").write_text(ROLE)
    (tmp_path / "speccheck.yaml").write_text(
        "waivers:\n  - {rule: safeguarding-criterion, path: 'roles/**', reason: rewrite due, owner: hr, expires: 2030-01-01}\n"
    )
    config = load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    report = lint([tmp_path / "roles"], library, base_dir=tmp_path, config=config, as_of=dt.date(2025, 1, 1))
    rules = {f.rule_id for f in report.findings}
    assert "safeguarding-criterion" not in rules
    assert [f.position.line for f in report.findings if f.rule_id == "fixed-years-experience" and f.position] == [11]
    how = sorted((s.finding.rule_id, s.suppression.kind) for s in report.suppressed)
    assert how == [("fixed-years-experience", "inline"), ("safeguarding-criterion", "waiver")]
    assert report.summary.suppressed == 2
    later = lint([tmp_path / "roles"], library, base_dir=tmp_path, config=config, as_of=dt.date(2030, 1, 2))
    assert "safeguarding-criterion" in {f.rule_id for f in later.findings}
    assert "waiver-expired" in {f.rule_id for f in later.findings}


@pytest.mark.parametrize(("setting", "expected"), [("off", None), ("info", Severity.INFO), (None, Severity.WARNING)])
def test_config_severity_settings_and_overrides(
    tmp_path: Path, library: RuleLibrary, setting: str | None, expected: Severity | None
) -> None:
    (tmp_path / "r.yaml").write_text(ROLE)
    overrides = (
        f"overrides:\n  - files: ['*.yaml']\n    rules: {{fixed-years-experience: {setting}}}\n" if setting else ""
    )
    (tmp_path / "speccheck.yaml").write_text(
        "rules: {fixed-years-experience: error}\n" + overrides.replace("error", "")
    )
    config = load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    report = lint([tmp_path / "r.yaml"], library, base_dir=tmp_path, config=config, as_of=dt.date(2025, 1, 1))
    found = [f.severity for f in report.findings if f.rule_id == "fixed-years-experience"]
    if setting is None:
        assert found == [Severity.ERROR]
    else:
        assert found == ([expected] if expected else [])


PROFILE = """\
kind: profile
version: 1
id: team
title: Our trust's profile
extends: default
severity: {safeguarding-criterion: warning}
disable: [fixed-years-experience]
"""


def test_the_audit_profile_disables_and_reweights_and_configuration_wins_over_it(
    tmp_path: Path, library: RuleLibrary
) -> None:
    from speccheck.library.profiles import load_profile

    (tmp_path / "r.yaml").write_text(ROLE)
    (tmp_path / "team.yaml").write_text(PROFILE)
    profile = load_profile(str(tmp_path / "team.yaml"))
    report = lint([tmp_path / "r.yaml"], library, base_dir=tmp_path, config=LintConfig(root=tmp_path), profile=profile)
    assert report.profile == "team"
    assert "fixed-years-experience" not in {f.rule_id for f in report.findings} | {r.id for r in report.rules}
    assert not [s for s in report.suppressed if s.finding.rule_id == "fixed-years-experience"]
    assert {f.severity for f in report.findings if f.rule_id == "safeguarding-criterion"} == {Severity.WARNING}
    (tmp_path / "speccheck.yaml").write_text("rules: {safeguarding-criterion: info}\n")
    config = load(tmp_path / "speccheck.yaml", shown="speccheck.yaml")
    report = lint([tmp_path / "r.yaml"], library, base_dir=tmp_path, config=config, profile=profile)
    assert {f.severity for f in report.findings if f.rule_id == "safeguarding-criterion"} == {Severity.INFO}


def test_no_config_means_no_suppression_but_comments(tmp_path: Path, library: RuleLibrary) -> None:
    (tmp_path / "r.yaml").write_text(ROLE)
    report = lint([tmp_path / "r.yaml"], library, base_dir=tmp_path, config=LintConfig(root=tmp_path))
    assert [s.suppression.kind for s in report.suppressed] == ["inline"]
