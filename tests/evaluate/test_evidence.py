"""Evidence finding: a criterion's best sentences, never a denial, an aspiration or one generic word."""

from __future__ import annotations

from speccheck.evaluate.evidence import ApplicationIndex
from speccheck.facts.values import TextItem
from speccheck.text.retrieval import Query, Weights, build_query
from speccheck.text.variants import Variants

VARIANTS = Variants({"senior leadership team": ["slt"], "governors": ["lgb"]})
ROLE = [
    "Experience of managing a school budget.",
    "Experience of working with school governors.",
    "Leading whole-school professional development.",
    "Ideally under 35 years of age, to balance the senior team.",
    "Experience of teaching in a school.",
]
WEIGHTS = Weights(ROLE, VARIANTS)


def _query(text: str, keywords: list[str] | None = None) -> Query:
    return build_query(
        text, keywords or [], WEIGHTS, variants=VARIANTS, generic=frozenset({"school", "team", "years", "experience"})
    )


def _found(query: Query, *texts: str) -> list[str]:
    items = [TextItem(text, ("evidence", index, "text")) for index, text in enumerate(texts)]
    return [hit.passage.sentence.text for hit in ApplicationIndex(items, VARIANTS).find(query)]


def test_a_sentence_that_claims_it_is_evidence() -> None:
    assert _found(_query(ROLE[0]), "I managed the school budget of £2m for three years.") == [
        "I managed the school budget of £2m for three years"
    ]


def test_denials_and_aspirations_are_never_evidence() -> None:
    query = _query(ROLE[0])
    assert _found(query, "I have never managed a school budget or written school policy.") == []
    assert _found(query, "I hope one day to manage a school budget.") == []
    assert _found(query, "I am keen to manage a budget in the future.") == []


def test_a_claim_after_a_denial_in_another_clause_still_counts() -> None:
    assert _found(
        _query(ROLE[2]), "I have not held a senior title, but I have led whole-school professional development."
    )


def test_generic_words_alone_are_not_evidence() -> None:
    query = _query(ROLE[3])
    assert _found(query, "I have taught for 12 years and joined the senior team of my school.") == []


def test_abbreviations_are_read_as_their_words() -> None:
    assert _found(_query(ROLE[1], ["governors"]), "I report to the LGB each term.")


def test_at_most_one_sentence_per_passage_best_first() -> None:
    query = _query(ROLE[0], ["budget"])
    found = _found(
        query, "I managed the budget. I also managed the school budget for the sixth form.", "Budget holder."
    )
    assert len(found) == 2
