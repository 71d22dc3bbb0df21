"""Duty matching: stems, synonyms, groups, windows and decoys from the rule files; covers: wins;
the words that matched are reported; recall and precision on the labelled roles are pinned."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from speccheck.audit.coverage import CatalogueMatcher, compile_term, matcher_for, statements
from speccheck.files.loader import load_as, load_text
from speccheck.files.role import Role
from speccheck.files.rules import DutyCatalogue, StatutoryDuty
from speccheck.library.loading import RuleLibrary
from speccheck.text.tokens import tokens

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench" / "duty_matching"))

import duty_measure  # noqa: E402


def _duty(**fields: object) -> StatutoryDuty:
    base: dict[str, object] = {
        "id": "x.duty",
        "text": "t",
        "applies_to": ["deputy_headteacher"],
        "source": {"doc": "D", "para": "1", "provenance": "UNVERIFIED"},
    }
    return StatutoryDuty.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("monitor*", "monitoring pupils", "monitoring"),
        ("monitor", "monitoring pupils", None),  # without * a word matches exactly
        ("line manag*", "Line-manage the team", "Line-manage"),
        ("school's aims", "the school’s aims", "school’s aims"),
    ],
)
def test_terms_are_words_or_stems(term: str, text: str, found: str | None) -> None:
    assert compile_term(term).find(tokens(text), text) == found


def test_every_group_must_match_in_one_sentence() -> None:
    matcher = matcher_for(_duty(terms=[["monitor*"], ["progress"]]), {})
    assert matcher.match("Monitor pupils' progress each term.") is not None
    assert matcher.match("Monitor attendance. Report on progress to parents.") is None


def test_synonym_lists_live_in_the_catalogue() -> None:
    matcher = matcher_for(_duty(terms=[["delegat*"], ["@head"]]), {"head": ["headteacher", "principal"]})
    found = matcher.match("Undertake duties delegated by the Principal")
    assert found is not None and found.words == ("delegated", "Principal")


def test_one_word_does_not_count_for_two_groups() -> None:
    matcher = matcher_for(_duty(terms=[["plan*", "set"], ["improvement plan*"]]), {})
    assert matcher.match("Evaluate the impact of the improvement plan") is None
    assert matcher.match("Set the improvement plan") is not None


def test_within_keeps_the_words_close() -> None:
    near = matcher_for(_duty(terms=[["review*"], ["teaching"]], within=5), {})
    assert near.match("Review the quality of teaching") is not None
    assert near.match("Review the school's curriculum, assessment and teaching policies") is None


def test_unless_terms_veto_a_sentence_and_alternatives_are_tried() -> None:
    matcher = matcher_for(
        _duty(terms=[["absen*"], ["headteacher"]], alternatives=[[["deputis*"]]], unless=["staff absence"]), {}
    )
    assert matcher.match("Manage staff absence and report to the headteacher") is None
    assert matcher.match("Deputise when required").words == ("Deputise",)  # type: ignore[union-attr]


def test_a_duty_needs_terms_or_patterns() -> None:
    with pytest.raises(ValueError, match="give terms"):
        _duty()


def _role(text: str) -> Role:
    loaded = load_text(text, "r.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    return loaded.model


ROLE = """kind: role
version: 1
title: Deputy
post_type: deputy_headteacher
duties:
  - {id: D1, text: Monitor progress towards the school's aims, covers: [stpcd.deputy.major_role.policies]}
  - {id: D2, text: Write and review the school's policies}
  - {id: D3, text: Monitor and evaluate the impact of the development plan}
"""


def _catalogue(library: RuleLibrary, name: str) -> DutyCatalogue:
    return next(c for c in library.duty_catalogues if c.id == name)


def test_covers_always_wins(library: RuleLibrary) -> None:
    catalogue = _catalogue(library, "stpcd-deputy-assistant")
    role = _role(ROLE)
    found = statements(role, ["duties"])
    by_id = {d.id: d for d in catalogue.duties}
    matcher = CatalogueMatcher(catalogue)
    # D1 names policies: it covers policies, and D2 (which matches the words) is not needed
    assert [(h.statement.id, h.method) for h in matcher.hits(by_id["stpcd.deputy.major_role.policies"], found)] == [
        ("D1", "covers")
    ]
    # D1 said what it covers in this catalogue, so it is not matched for monitoring; D3 is
    assert [h.statement.id for h in matcher.hits(by_id["stpcd.deputy.major_role.monitoring"], found)] == ["D3"]
    # without covers: the words decide
    plain = CatalogueMatcher(catalogue, use_covers=False)
    assert [h.statement.id for h in plain.hits(by_id["stpcd.deputy.major_role.policies"], found)] == ["D2"]


def test_the_head_of_school_jd_is_covered_by_its_words_alone(library: RuleLibrary) -> None:
    """Seed 003 uses the STPCD deputy wording: with covers: ignored every deputy duty is still found."""
    role = load_as(ROOT / "samples" / "roles" / "head-of-school.yaml", Role).model
    assert role is not None
    catalogue = _catalogue(library, "stpcd-deputy-assistant")
    plain = CatalogueMatcher(catalogue, use_covers=False)
    found = statements(role, ["duties"])
    for duty in catalogue.duties:
        hits = [h.statement.id for h in plain.hits(duty, found)]
        assert hits, duty.id
    by_id = {d.id: d for d in catalogue.duties}
    assert [h.statement.id for h in plain.hits(by_id["stpcd.deputy.absence"], found)] == ["D7"]


# Pinned figures (tests/bench/duty_matching/duty_measure.py prints them; the README quotes them).
TUNING = {"pairs": (78, 4, 1), "duties": (62, 1, 0, 11)}
HELD_OUT = {"pairs": (24, 1, 1), "duties": (22, 0, 1, 1)}


@pytest.mark.parametrize(("labels", "expected"), [("labels.yaml", TUNING), ("heldout.yaml", HELD_OUT)])
def test_recall_and_precision_are_pinned(labels: str, expected: dict[str, tuple[int, ...]]) -> None:
    figures = duty_measure.measure(ROOT, ROOT / "tests" / "bench" / "duty_matching" / labels)
    p, d = figures.pairs, figures.duties
    assert (p.tp, p.fp, p.fn) == expected["pairs"], "\n".join(figures.errors)
    assert (d.tp, d.fp, d.fn, d.tn) == expected["duties"], "\n".join(figures.errors)
    assert p.precision >= 0.9 and p.recall >= 0.9


def test_statements_are_read_through_the_text_layer() -> None:
    """Abbreviations read as their words; a duty a statement denies is not covered by it."""
    from speccheck.text.variants import Variants

    variants = Variants({"senior leadership team": ["slt"]})
    matcher = matcher_for(_duty(terms=[["senior leadership team"], ["report*"]]), {}, variants)
    found = matcher.match("Report to the SLT each half term.")
    assert found is not None and "SLT" in found.words
    staff = matcher_for(_duty(terms=[["line manag*"], ["staff"]]), {}, variants)
    assert staff.match("The post holder line manages support staff.") is not None
    assert staff.match("The post holder will not line manage staff.") is None
