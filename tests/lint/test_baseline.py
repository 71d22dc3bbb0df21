"""A lint report -> a baseline: one counted waiver per file and rule, merged with the waivers of files not linted."""

from __future__ import annotations

import datetime as dt

import yaml

from speccheck.core.findings import Finding, Position, Severity
from speccheck.lint.baseline import DEFAULT_REASON, HEADER, escape_glob, merge, render, waivers_for
from speccheck.lint.config import Glob, Waiver


def _finding(rule: str, path: str, line: int = 1) -> Finding:
    return Finding(rule_id=rule, severity=Severity.ERROR, message=rule, position=Position(path=path, line=line, col=1))


def test_a_path_escapes_to_a_glob_matching_only_itself() -> None:
    path = "roles/a*b?[c].yaml"
    glob = Glob.of(escape_glob(path))
    assert glob.matches(path)
    assert not glob.matches("roles/aXbY[c].yaml") and not glob.matches("roles/axxbyc.yaml")


def test_one_waiver_per_file_and_rule_counts_its_findings() -> None:
    findings = [
        _finding("rule-b", "b.yaml"),
        _finding("rule-a", "b.yaml", 3),
        _finding("rule-a", "b.yaml", 7),
        _finding("suppression-unused", "b.yaml"),  # findings about suppressions are never baselined
        Finding(rule_id="rule-a", severity=Severity.ERROR, message="nowhere"),
    ]
    expires = dt.date(2030, 1, 1)
    assert waivers_for(findings, owner="hr", expires=expires) == [
        {"rule": "rule-a", "path": "b.yaml", "count": 2, "reason": DEFAULT_REASON, "owner": "hr", "expires": expires},
        {"rule": "rule-b", "path": "b.yaml", "count": 1, "reason": DEFAULT_REASON, "owner": "hr", "expires": expires},
    ]


def test_merge_keeps_the_waivers_of_files_not_linted_now() -> None:
    old = [
        Waiver("rule-a", Glob.of("a.yaml"), "kept", None, None, 1),
        Waiver("rule-a", Glob.of("b.yaml"), "replaced", None, None, 5),
    ]
    new = waivers_for([_finding("rule-a", "b.yaml")], reason="now")
    assert merge(old, new, linted=["b.yaml"]) == [
        {"rule": "rule-a", "path": "a.yaml", "count": 1, "reason": "kept"},
        {"rule": "rule-a", "path": "b.yaml", "count": 1, "reason": "now"},
    ]


def test_the_baseline_file_is_a_waivers_file_under_its_header() -> None:
    text = render(waivers_for([_finding("rule-a", "b.yaml")]))
    assert text.startswith(HEADER)
    assert yaml.safe_load(text) == {
        "kind": "waivers",
        "version": 1,
        "waivers": [{"rule": "rule-a", "path": "b.yaml", "count": 1, "reason": DEFAULT_REASON}],
    }


def test_waivers_sharing_an_expiry_date_are_written_without_aliases() -> None:
    """The loader refuses YAML aliases, so the date is written out for every waiver, not anchored once."""
    findings = [_finding("rule-a", "b.yaml"), _finding("rule-b", "b.yaml")]
    text = render(waivers_for(findings, owner="hr", expires=dt.date(2099, 1, 31)))
    assert "&" not in text and "*" not in text
    assert text.count("expires: 2099-01-31") == 2
