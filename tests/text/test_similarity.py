"""Near-duplicate texts: word sets that overlap by at least the threshold (Jaccard), earlier texts only."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from speccheck.text.similarity import near_duplicates


def test_near_duplicates_compare_word_sets() -> None:
    texts = [
        "A commitment to getting the best outcomes for all pupils",
        "Experience of leading a team",
        "A commitment to getting the best outcomes for all pupils.",
        "Commitment to the best outcomes for pupils",
    ]
    assert near_duplicates(texts) == [[], [], [0], []]


def test_the_threshold_is_a_share_of_the_words_of_both() -> None:
    texts = ["lead the team well", "lead the team"]  # 3 shared of 4 words: 0.75
    assert near_duplicates(texts) == [[], []]
    assert near_duplicates(texts, threshold=0.75) == [[], [0]]


@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), max_size=6).map(" ".join), max_size=8))
@settings(max_examples=300, deadline=None)
def test_near_duplicates_are_the_jaccard_share_of_the_word_sets(texts: list[str]) -> None:
    sets = [set(text.split()) for text in texts]
    expected = [
        [j for j in range(i) if (sets[i] | sets[j]) and len(sets[i] & sets[j]) / len(sets[i] | sets[j]) >= 0.8]
        for i in range(len(sets))
    ]
    assert near_duplicates(texts) == expected
