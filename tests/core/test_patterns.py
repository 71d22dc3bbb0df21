"""Patterns from files run on a time budget (issue 13: ^(a+)+$ in a role's matches ran for over a minute)."""

from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.core.patterns import BUDGET_SECONDS, PatternTimeout, checked_pattern, compile_pattern, pattern_error


def test_a_catastrophic_pattern_stops_at_the_budget() -> None:
    """The budget is processor time (on a loaded machine the wall clock runs on)."""
    started = time.process_time()
    with pytest.raises(PatternTimeout, match=r"\^\(a\|aa\)\+\$"):
        compile_pattern("^(a|aa)+$").search("a" * 60 + "b")
    assert time.process_time() - started < BUDGET_SECONDS + 1
    started = time.process_time()
    assert compile_pattern("^(a+)+$").search("a" * 5000 + "b") is None  # the issue's own pattern: no backtracking
    assert time.process_time() - started < 1


def test_patterns_keep_re_syntax_look_around_and_case() -> None:
    pattern = compile_pattern(r"(?<!acting )\bdeputy head\b(?! of\b)")
    assert pattern.search("Deputy Head since 2019") is not None
    assert pattern.search("acting deputy head") is None and pattern.search("deputy head of year") is None
    assert [m.group(0) for m in compile_pattern("ks[1-5]").finditer("KS2 and ks4")] == ["KS2", "ks4"]
    assert pattern_error("[z-a]") is not None and pattern_error("a(") is not None and pattern_error("ok") is None


def test_a_checked_pattern_is_compiled_at_its_first_search_and_searches_alike() -> None:
    """Rule files' patterns are checked when loaded and compiled only when searched; sent to a worker or kept in
    the library cache, a pattern travels as its text and is compiled there when searched."""
    checked = checked_pattern(r"(?<!acting )\bdeputy head\b")
    assert checked._compiled is None
    assert checked.search("Acting Deputy Head") is None and checked._compiled is not None
    for pattern in (checked_pattern("ks[1-5]"), compile_pattern("ks[1-5]"), compile_pattern("KS2", ignore_case=False)):
        copy = pickle.loads(pickle.dumps(pattern))
        assert copy.pattern == pattern.pattern
        assert [m.group(0) for m in copy.finditer("KS2 and ks4")] == [
            m.group(0) for m in pattern.finditer("KS2 and ks4")
        ]
    with pytest.raises(PatternTimeout):
        checked_pattern("^(a|aa)+$").search("a" * 60 + "b")


def test_a_role_with_a_catastrophic_pattern_is_a_usage_error_not_a_hang(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "role.yaml").write_text(
        "kind: role\nversion: 1\ntitle: T\npost_type: teacher\nissued: 2025-01-01\ncriteria:\n"
        "  - {id: E1, text: S, level: essential, category: skills, assessed_by: [application],"
        ' condition: {fact: personal_statement, matches: "^(a|aa)+$"}}\n'
    )
    (tmp_path / "c.yaml").write_text(f"kind: candidate\nversion: 1\nid: C-1\npersonal_statement: {'a' * 60}b\n")
    started = time.process_time()
    assert main(["evaluate", str(tmp_path / "role.yaml"), str(tmp_path / "c.yaml")]) == ExitCode.USAGE
    assert time.process_time() - started < 10
    assert "backtracks" in capsys.readouterr().err
