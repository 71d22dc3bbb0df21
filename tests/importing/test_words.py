"""The table-driven readers: levels, marks, codes, conditional levels, items, dates and proposed conditions."""

from __future__ import annotations

import datetime as dt

import pytest

from speccheck.documents.model import Document, Paragraph, Place
from speccheck.files.role import Assessment, Level
from speccheck.importing.dates import parse_date
from speccheck.importing.items import codes_at_end, conditional_level, evidence_line, items_of
from speccheck.importing.keys import key_codes
from speccheck.importing.proposals import propose
from speccheck.importing.run import words_of
from speccheck.importing.words import Words
from speccheck.library.loading import RuleLibrary


@pytest.fixture(scope="module")
def words(library: RuleLibrary) -> Words:
    return words_of(library)


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        ("Essential", Level.ESSENTIAL),
        ("E", Level.ESSENTIAL),
        ("Desirable criteria", Level.DESIRABLE),
        ("D:", Level.DESIRABLE),
        ("QTS", None),
    ],
)
def test_level_cells(words: Words, cell: str, level: Level | None) -> None:
    assert words.level_of_cell(cell) is level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("The candidate should have:", Level.ESSENTIAL),
        ("and might have:", Level.DESIRABLE),
        ("It would be an advantage to hold NPQH", Level.DESIRABLE),
    ],
)
def test_level_wording(words: Words, text: str, level: Level) -> None:
    assert words.level_in(text) is level


@pytest.mark.parametrize(
    ("cell", "mark"),
    [("✓", "tick"), ("Yes", "tick"), ("X", "cross"), ("-", "none"), ("Qualified Teacher Status", None)],
)
def test_marks(words: Words, cell: str, mark: str | None) -> None:
    assert words.mark(cell) == mark


def test_codes(words: Words) -> None:
    assert words.codes("A/I") == [Assessment.APPLICATION, Assessment.INTERVIEW]
    assert words.codes("AF, I, R") == [Assessment.APPLICATION, Assessment.INTERVIEW, Assessment.REFERENCE]
    assert words.codes("Interview panel") is None
    assert codes_at_end("Qualified Teacher Status (A, C)", words) == (
        "Qualified Teacher Status",
        [Assessment.APPLICATION, Assessment.CERTIFICATE],
    )
    assert evidence_line("Evidence: application form, interview", words) == [
        Assessment.APPLICATION,
        Assessment.INTERVIEW,
    ]


def test_a_key_gives_codes_their_meaning(words: Words) -> None:
    document = Document("x.docx", "docx", (Paragraph("Key: L = lesson observation, I = interview", Place(1)),))
    assert key_codes(document, words) == {"L": (Assessment.TASK,), "I": (Assessment.INTERVIEW,)}


def test_a_conditional_level_keeps_both() -> None:
    found = conditional_level("Experience in KS2 (essential for primary, desirable for secondary)")
    assert found is not None and (found.first, found.second) == (Level.ESSENTIAL, Level.DESIRABLE)
    assert conditional_level("Essential") is None


def test_a_line_break_inside_a_cell_is_not_a_new_item() -> None:
    assert items_of(["Qualified Teacher Status\n(or equivalent)"]) == ["Qualified Teacher Status (or equivalent)"]
    assert items_of(["• QTS\n• A degree", "in a relevant subject"]) == ["QTS", "A degree in a relevant subject"]
    assert items_of(["Offers:\n– energy;\n– resilience"]) == ["Offers: – energy; – resilience"]


@pytest.mark.parametrize(
    ("text", "day", "exact"),
    [
        ("14 March 2025", dt.date(2025, 3, 14), True),
        ("14th March 2025", dt.date(2025, 3, 14), True),
        ("14/03/2025", dt.date(2025, 3, 14), True),
        ("Sept 2024", dt.date(2024, 9, 1), False),
    ],
)
def test_dates(text: str, day: dt.date, exact: bool) -> None:
    assert parse_date(text) == (day, exact)


def _proposal_examples(library: RuleLibrary) -> list[tuple[str, str, bool]]:
    words = library.vocabulary.documents
    assert words is not None
    return [
        (proposal.id, text, outcome == "pass")
        for proposal in words.proposals
        for outcome, texts in proposal.examples.items()
        for text in texts
    ]


def test_every_proposal_example(library: RuleLibrary) -> None:
    for proposal_id, text, passes in _proposal_examples(library):
        found = propose(text, library)
        if passes:
            assert found is not None and found.id == proposal_id, (proposal_id, text, found)
        else:
            assert found is None or found.id != proposal_id, (proposal_id, text, found)


def test_conditions_are_proposed_never_invented(library: RuleLibrary) -> None:
    assert propose("Experience of leading a successful team", library) is None
    found = propose("At least 5 years successful teaching experience", library)
    assert found is not None and found.condition == {"fact": "years_teaching", ">=": 5}
