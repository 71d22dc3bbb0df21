"""Text on one line: white space folded, long text clipped with an ellipsis inside the limit."""

from __future__ import annotations

from speccheck.text.spacing import clipped, single_spaced


def test_white_space_runs_become_one_space() -> None:
    assert single_spaced("  Lead\tthe\n\n school  ") == "Lead the school"


def test_long_text_is_clipped_inside_the_limit() -> None:
    assert clipped("one two three", 20) == "one two three"
    assert clipped("one  two three", 10) == "one two..."
    assert len(clipped("x" * 500, 200)) == 200
