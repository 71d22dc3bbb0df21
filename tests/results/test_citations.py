"""Sources and fixes in people's words: provenance said plainly, no pointers into the project's own notes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from speccheck.core.findings import SourceRef
from speccheck.library.loading import RuleLibrary
from speccheck.results.citations import (
    PROVENANCE_LEGEND,
    PROVENANCE_WORDS,
    RESEARCH_NOTE,
    cite_in_words,
    fix_in_words,
    provenance_words,
    without_internal_refs,
)

RULES = Path(__file__).resolve().parents[2] / "rules"


def test_each_provenance_tag_has_words_and_a_legend_entry() -> None:
    assert list(PROVENANCE_WORDS) == ["V-PRIMARY", "V-SECONDARY", "UNVERIFIED"]
    assert list(PROVENANCE_LEGEND) == list(PROVENANCE_WORDS.values())
    assert provenance_words("V-SECONDARY") == "from a secondary source"


def test_a_citation_is_document_edition_paragraph_and_provenance_in_words() -> None:
    source = SourceRef(doc="STPCD", edition="2021-2024", para="48.1", provenance="V-SECONDARY")
    assert cite_in_words(source) == (
        "School Teachers' Pay and Conditions Document, 2021-2024, para 48.1 (from a secondary source)"
    )


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            SourceRef(doc="speccheck domain research (shared/domain.md)", para="QTS routes", provenance="V-PRIMARY"),
            f"{RESEARCH_NOTE}, QTS routes (verified against the text)",
        ),
        (
            SourceRef(doc="TES Community thread 'AST to SMT' (seed 002)", edition="2008", provenance="V-SECONDARY"),
            "TES Community thread 'AST to SMT', 2008 (from a secondary source)",
        ),
        (
            SourceRef(
                doc="Brightmine / XpertHR on age (via EEF guide)",
                para='subjective "fit" criteria as an indirect-discrimination trigger (domain.md §5.2)',
                provenance="V-SECONDARY",
            ),
            'Brightmine / XpertHR on age (via EEF guide), subjective "fit" criteria as an indirect-discrimination '
            "trigger (from a secondary source)",
        ),
        (
            SourceRef(
                doc="published school person specifications",
                para="assessment-method column (A = application, I = interview); domain.md §5.3",
                provenance="V-SECONDARY",
            ),
            "published school person specifications, assessment-method column (A = application, I = interview) "
            "(from a secondary source)",
        ),
    ],
)
def test_internal_documents_and_pointers_are_said_in_words(source: SourceRef, expected: str) -> None:
    assert cite_in_words(source) == expected


def test_a_seed_named_in_a_note_becomes_words() -> None:
    note = "Mapped as the seed-003 job description and The Key do"
    assert without_internal_refs(note) == "Mapped as a published school's job description and The Key do"


def test_a_fix_loses_its_role_file_field() -> None:
    fix = "add the school's safeguarding statement to the advert (role file: `recruitment.safeguarding_statement`)"
    assert fix_in_words(fix) == "add the school's safeguarding statement to the advert"
    assert fix_in_words("keep one of them (the clearer one)") == "keep one of them (the clearer one)"


def _sources_in(value: object) -> list[SourceRef]:
    """Every source entry in a loaded rule file."""
    if isinstance(value, dict):
        found = [SourceRef.model_validate(value)] if {"doc", "provenance"} <= set(value) else []
        return found + [s for v in value.values() for s in _sources_in(v)]
    if isinstance(value, list):
        return [s for v in value for s in _sources_in(v)]
    return []


def test_no_rule_source_shows_an_internal_file_or_seed_number() -> None:
    sources = [s for path in sorted(RULES.glob("*/*.yaml")) for s in _sources_in(yaml.safe_load(path.read_text()))]
    assert len(sources) > 200  # every source of every rule, duty catalogue and vocabulary file
    for source in sources:
        cited = cite_in_words(source)
        for internal in ("domain.md", "shared/", "seed 0", "seed-0", "§", "[V-", "UNVERIFIED"):
            assert internal not in cited, (cited, internal)


def test_no_rule_fix_names_a_role_file_field_outside_its_role_file_part(library: RuleLibrary) -> None:
    fields = ("recruitment.", "assessed_by", "issued:", "covers:", "duties:", "school.religious_character")
    for rule in library.checks:
        words = fix_in_words(rule.fix)
        assert not any(field in words for field in fields), (rule.id, words)
