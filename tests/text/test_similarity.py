"""Near-duplicate texts: word sets that overlap by at least the threshold (Jaccard), earlier texts only."""

from __future__ import annotations

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
