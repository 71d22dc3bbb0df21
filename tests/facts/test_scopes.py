"""The registry of fact scopes: the scopes check rules may name, one entry per fact, catalogues built from it."""

from __future__ import annotations

import typing

import pytest

from speccheck.facts.fact import Scope, TextFact, ValueFact
from speccheck.facts.scopes import CATALOGUES, CHECK_SCOPES, all_scopes, candidate_scope
from speccheck.files.rules import CheckScope
from speccheck.library.loading import RuleLibrary


def test_check_rules_may_name_exactly_the_registered_scopes() -> None:
    assert set(typing.get_args(CheckScope)) == set(CHECK_SCOPES) == set(CATALOGUES)


def _scopes(library: RuleLibrary) -> list[Scope]:
    return all_scopes(library.vocabulary, library.derivations)


def test_each_fact_is_listed_once_with_its_words_and_source(library: RuleLibrary) -> None:
    for scope in _scopes(library):
        names = [fact.name for fact in scope.facts]
        assert len(names) == len(set(names)), scope.name
        for fact in scope.facts:
            assert fact.label and fact.source, (scope.name, fact.name)


@pytest.mark.parametrize("scope", sorted(CHECK_SCOPES))
def test_computed_facts_say_their_kind_by_their_type(scope: str) -> None:
    for fact in CHECK_SCOPES[scope].facts:
        assert isinstance(fact, (ValueFact, TextFact)), fact.name
        assert isinstance(fact, TextFact) == (fact.type == "text"), fact.name


@pytest.mark.parametrize("scope", sorted(CHECK_SCOPES))
def test_catalogues_are_the_registry(scope: str) -> None:
    catalogue = CATALOGUES[scope]
    assert catalogue.scope == scope
    assert catalogue.names() == sorted(fact.name for fact in CHECK_SCOPES[scope].facts)
    for fact in CHECK_SCOPES[scope].facts:
        assert catalogue[fact.name] == fact.spec()


def test_the_candidate_scope_is_the_library_catalogue(library: RuleLibrary) -> None:
    scope = candidate_scope(library.vocabulary, library.derivations)
    catalogue = library.candidate_catalogue()
    assert scope.catalogue().names() == catalogue.names()
    for name in catalogue.names():
        assert scope.catalogue()[name] == catalogue[name], name


def test_derived_facts_name_their_rule(library: RuleLibrary) -> None:
    derived = {f.name: f for f in candidate_scope(library.vocabulary, library.derivations).facts if f.derived_by}
    assert derived["has_qts"].derived_by == "qts-or-equivalent" and derived["has_qts"].type == "bool"
    assert "qts-or-equivalent" in derived["has_qts"].source
