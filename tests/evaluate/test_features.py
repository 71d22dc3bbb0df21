"""Text features: the first match of each, and what no match means in an open and a closed world."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speccheck.audit.checks import CompiledChecks, compile_checks
from speccheck.conditions.compiler import Feature, Program
from speccheck.core.patterns import compile_pattern
from speccheck.evaluate import features
from speccheck.evaluate.features import _index, feature_values
from speccheck.evaluate.plans import CompiledRole
from speccheck.facts.role import role_facts
from speccheck.facts.values import Facts, TextItem
from speccheck.files.loader import load_text
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary
from speccheck.text.reading import stance_of_span
from speccheck.text.scope import Stance
from speccheck.text.variants import Variants
from tests.conftest import ROOT


def test_a_match_is_true_with_where_it_was_found(compiled: CompiledRole) -> None:
    (feature,) = compiled.program.features
    item = TextItem("I COACH new staff.", ("personal_statement",))
    facts = Facts(texts={feature.fact: [TextItem("nothing here", ("x",)), item]})
    values, hits = feature_values(compiled.program, facts, closed_world=False)
    assert values == {feature.name: True}
    assert hits == {feature.name: (item, "COACH")}


def test_no_match_is_absent_in_an_open_world_and_false_in_a_closed_one(compiled: CompiledRole) -> None:
    (feature,) = compiled.program.features
    facts = Facts(texts={feature.fact: [TextItem("nothing here", ("x",))]})
    assert feature_values(compiled.program, facts, closed_world=False) == ({}, {})
    assert feature_values(compiled.program, facts, closed_world=True) == ({feature.name: False}, {})
    assert feature_values(compiled.program, Facts(), closed_world=True) == ({}, {})  # no text: nothing decided


# --------------------------------------------------------------------------- decided once per subject, as per test


def _per_test(
    program: Program,
    facts: Facts,
    *,
    closed_world: bool,
    variants: Variants | None,
    closed_texts: frozenset[str] = frozenset(),
    only: frozenset[str] | None = None,
) -> tuple[list[tuple[str, bool]], dict[str, tuple[TextItem, str]]]:
    """The plain loop ``feature_values`` must equal on texts as written: every test tried on every text of its
    fact with every pattern (no index, no words looked up), in the program's order."""
    values: list[tuple[str, bool]] = []
    hits: dict[str, tuple[TextItem, str]] = {}
    for feature in program.features:
        items = facts.texts.get(feature.fact)
        if (only is not None and feature.name not in only) or items is None:
            continue
        hit = next(
            (
                (item, found.group(0))
                for item in items
                for pattern in feature.patterns
                for found in compile_pattern(pattern).finditer(item.text)
                if variants is None
                or stance_of_span(item.text, found.start(), found.end(), variants)
                in (None, Stance.CLAIMED, Stance.PARTIAL)
            ),
            None,
        )
        if hit is not None:
            values.append((feature.name, True))
            hits[feature.name] = hit
        elif closed_world or (feature.fact in closed_texts and items):
            values.append((feature.name, False))
    return values, hits


@pytest.fixture(scope="module")
def checks(library: RuleLibrary) -> CompiledChecks:
    return compile_checks(library.checks)


# Tests whose words are not known (always tried) or only partly, beside the check rules' tests.
_OPEN = (
    Feature(name="open_digits", fact="text", patterns=(r"\d{2}",)),
    Feature(name="open_mixed", fact="text", patterns=(r"\bdbs\b", r"[a-z]+ing\b")),
    Feature(name="words_advert", fact="advert_text", patterns=(r"\bflexible\b", r"\bno\b")),
)


@pytest.mark.parametrize("path", sorted((ROOT / "samples" / "roles").glob("*.yaml")), ids=lambda p: p.stem)
def test_each_sample_roles_tests_are_decided_as_one_by_one(
    path: Path, library: RuleLibrary, checks: CompiledChecks
) -> None:
    """The audit's call (closed world, texts as written, each scope's own tests) on every subject of a role."""
    loaded = load_text(path.read_text(encoding="utf-8"), path.name)
    assert isinstance(loaded.model, Role)
    for (scope, _), facts in role_facts(loaded.model, None).items():
        only = checks.scope_features.get(scope, frozenset())
        for variants in (library.variants, None):
            values, hits = feature_values(
                checks.program, facts, closed_world=True, variants=variants, as_written=True, only=only
            )
            assert (list(values.items()), hits) == _per_test(
                checks.program, facts, closed_world=True, variants=variants, only=only
            )


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    """Texts made of the words tests need, filler, negations and characters whose case touches ASCII."""
    odd = ["no", "not", "a", "is", "and", ",", "12", "DBS", "coaching", "\u212a", "é", "ſ", "İ"]
    pieces = st.sampled_from(words) | st.sampled_from(odd)
    return st.lists(pieces | st.text(max_size=6), max_size=8).map(" ".join)


@given(data=st.data())
@settings(max_examples=200, deadline=None)
def test_random_texts_are_decided_as_one_by_one(
    data: st.DataObject, library: RuleLibrary, checks: CompiledChecks
) -> None:
    program = replace(checks.program, features=checks.program.features + _OPEN)
    fact_names = sorted({f.fact for f in program.features} | {"not_a_tested_fact"})
    words = sorted(_index(program).by_word)
    chosen = data.draw(st.lists(st.sampled_from(fact_names), max_size=4, unique=True))
    facts = Facts(
        texts={
            fact: [TextItem(t, (fact, n)) for n, t in enumerate(data.draw(st.lists(_texts(words), max_size=3)))]
            for fact in chosen
        }
    )
    variants = data.draw(st.sampled_from([None, library.variants]))
    closed_world = data.draw(st.booleans())
    closed_texts = frozenset(data.draw(st.lists(st.sampled_from(fact_names), max_size=3)))
    only = data.draw(
        st.none()
        | st.sampled_from(sorted(checks.scope_features)).map(checks.scope_features.__getitem__)
        | st.lists(st.sampled_from([f.name for f in program.features]), max_size=20).map(frozenset)
        | st.just(frozenset(f.name for f in _OPEN))
    )
    values, hits = feature_values(
        program,
        facts,
        closed_world=closed_world,
        variants=variants,
        closed_texts=closed_texts,
        as_written=variants is not None,
        only=only,
    )
    expected = _per_test(
        program, facts, closed_world=closed_world, variants=variants, closed_texts=closed_texts, only=only
    )
    assert (list(values.items()), hits) == expected


def test_matches_kept_by_text_are_the_matches_searched_afresh(library: RuleLibrary, checks: CompiledChecks) -> None:
    """A role's subjects decided with the kept matches emptied, then again from them: the same, and bounded."""
    loaded = load_text((ROOT / "samples" / "roles" / "deputy-head.yaml").read_text(encoding="utf-8"), "r.yaml")
    assert isinstance(loaded.model, Role)
    subjects = role_facts(loaded.model, None)

    def decide() -> list[object]:
        return [
            feature_values(
                checks.program,
                facts,
                closed_world=True,
                variants=library.variants,
                as_written=True,
                only=checks.scope_features.get(scope, frozenset()),
            )
            for (scope, _), facts in subjects.items()
        ]

    features._ASSERTED.clear()
    fresh = decide()
    assert features._ASSERTED and decide() == fresh
    assert len(features._ASSERTED) <= features.ASSERTED_KEPT
