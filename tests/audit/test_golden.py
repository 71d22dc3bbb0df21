"""What a reviewer reads in the golden audits of the sample roles (the goldens themselves: tests/cli/test_golden.py)."""

from __future__ import annotations

from tests.golden_files import read_golden


def _flat(name: str) -> str:
    """A golden text with its table borders and line wrapping taken out, so phrases can be found whole."""
    words = read_golden(name).replace("│", " ").split()
    return " ".join(words)


def test_golden_head_of_school_text_shows_the_seed_003_findings() -> None:
    """The golden text a reviewer reads carries each finding the issue asks for, for the seed as it is."""
    text = _flat("audit-head-of-school.txt")
    for needle in (
        "7 of 7 covered",
        "safeguarding-criterion",
        "At least 5",
        '"sense of humour"',
        "no-issued-date",
        "no date (current guidance)",
    ):
        assert needle in text, needle
    assert "none of the 42 criteria has an assessment method" in text
    assert "superseded-national-standards-2015" not in text  # undated: the seed may predate October 2020
    assert "superseded-national-standards-2015" not in read_golden("audit-head-of-school-2019.txt")


def test_golden_samples_show_the_completed_head_of_school_as_issued_in_2021() -> None:
    flat = _flat("audit-samples.txt")
    assert "the role (dated 2021-03-01) refers to the National Standards of Excellence for Headteachers 2015" in flat


def test_golden_audits_cite_in_words_with_one_legend() -> None:
    for name in ("audit-head-of-school.txt", "audit-samples.txt"):
        text = read_golden(name)
        assert "[V-" not in text and "[UNVERIFIED]" not in text and "domain.md" not in text, name
        assert text.count("How far each source was checked:") == 1, name


def test_golden_lint_text_leaves_sources_to_rules_show() -> None:
    """Lint's text is a line a finding (a line and its fix on a terminal): no sources, so no legend of them."""
    for name in ("lint-samples.txt", "lint-project.txt", "lint-project.terminal.txt"):
        text = read_golden(name)
        assert "source:" not in text and "How far each source was checked:" not in text, name
        assert "[V-" not in text and "domain.md" not in text, name
