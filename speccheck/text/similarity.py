"""How much texts share: word-set overlap, which finds criteria that nearly repeat each other."""

from __future__ import annotations

from speccheck.text.tokens import word_set

# Texts whose word sets overlap this much (Jaccard) are near-duplicates.
NEAR_DUPLICATE = 0.8


def near_duplicates(texts: list[str], threshold: float = NEAR_DUPLICATE) -> list[list[int]]:
    """For each text, the earlier texts whose word sets overlap it by at least ``threshold`` (Jaccard)."""
    sets = [word_set(t) for t in texts]
    result: list[list[int]] = []
    for index, words in enumerate(sets):
        earlier = []
        for other in range(index):
            shared = len(words & sets[other])
            union = len(words) + len(sets[other]) - shared  # the size of the union, without making it
            if union and shared / union >= threshold:
                earlier.append(other)
        result.append(earlier)
    return result
