"""What a reviewer reads in the golden audits of the sample roles (the goldens themselves: tests/cli/test_golden.py)."""

from __future__ import annotations

from tests.golden_files import read_golden


def test_golden_head_of_school_text_shows_the_seed_003_findings() -> None:
    """The golden text a reviewer reads carries each finding the issue asks for."""
    text = read_golden("audit-head-of-school.txt")
    for needle in (
        "7 of 7 covered",
        "safeguarding-criterion",
        "At least 5",
        '"sense of humour"',
        "superseded-national-standards-2015",
        "2021-03-01",
    ):
        assert needle in text, needle
    assert "superseded-national-standards-2015" not in read_golden("audit-head-of-school-2019.txt")
