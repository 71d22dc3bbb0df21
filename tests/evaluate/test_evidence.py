"""Evidence finding: a criterion's best sentences, never a denial, an aspiration or one generic word."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speccheck.evaluate.evidence import ApplicationIndex
from speccheck.evaluate.plans import CompiledRole
from speccheck.facts.values import TextItem
from speccheck.text.retrieval import Queries, Query, Weights, build_query, evidence, evidence_for_each, prepare
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
    """The sentences found, the same whether the query is scored alone or in one pass with the role's others."""
    items = [TextItem(text, ("evidence", index, "text")) for index, text in enumerate(texts)]
    alone = [hit.passage.sentence.text for hit in ApplicationIndex(items, VARIANTS).find(query)]
    together = Queries([_query(ROLE[2]), query, _query(ROLE[0])])
    assert [hit.passage.sentence.text for hit in ApplicationIndex(items, VARIANTS, together).find(query)] == alone
    return alone


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


# Sentences in the words applicants use (the labelled evidence pairs), for the one-pass scorer.
_PAIRS = Path(__file__).resolve().parents[1] / "bench" / "judgement" / "evidence_pairs.yaml"
SENTENCES = sorted({str(p["sentence"]) for p in yaml.safe_load(_PAIRS.read_text(encoding="utf-8"))["pairs"]})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    picked=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8),
    words=st.lists(st.sampled_from(sorted({w for s in SENTENCES for w in s.split()})), max_size=30),
)
def test_the_one_pass_over_the_role_finds_what_each_criterion_alone_finds(
    compiled: CompiledRole, picked: list[str], words: list[str]
) -> None:
    """Scoring every sentence against all of the role's queries at once (``evidence_for_each``) finds, for every
    criterion, exactly the sentences, scores and quoted words that scoring it alone (``evidence``) finds."""
    items = [TextItem(text, ("evidence", i, "text")) for i, text in enumerate([*picked, " ".join(words)])]
    variants = compiled.library.normaliser.variants
    queries = compiled.queries
    assert queries.queries, "the inline role has criteria judged by evidence"
    together = ApplicationIndex(items, variants, queries)
    alone = ApplicationIndex(items, variants)
    for query in queries.queries:
        assert together.find(query, limit=10) == alone.find(query, limit=10)
    for passage in together.passages:
        ready = prepare(passage.sentence)
        each = {n: evidence(q, ready) for n, q in enumerate(queries.queries)}
        assert evidence_for_each(queries, ready) == {n: s for n, s in each.items() if s is not None}
