"""Inter-rater agreement: Krippendorff's alpha over panel scores, and the scores to discuss.

Alpha is computed from the coincidence matrix as Krippendorff defines it
("Computing Krippendorff's Alpha-Reliability", 2011): units are what was
scored (a candidate on a criterion), coders are panellists, and a unit counts
only when at least two panellists scored it. Panel scores are ranks on a
short scale, so the shortlist uses the ordinal metric; nominal and interval
are here for completeness and for the published worked examples the tests
check against. Alpha is 1 for perfect agreement, 0 for agreement no better
than chance; it is undefined (None, with the reason) when no unit has two
scores or when every score given is the same value.

Written here rather than taken from a library: the maintained package
(``krippendorff`` on PyPI) is GPL-3.0 and needs NumPy, for about forty lines
of arithmetic on a few hundred scores.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Metric = Literal["nominal", "ordinal", "interval"]


@dataclass(frozen=True)
class Alpha:
    """Krippendorff's alpha with what it was computed from."""

    value: float | None
    units: int  # units with at least two scores
    values: int  # pairable scores
    note: str | None = None


def krippendorff_alpha(units: Sequence[Sequence[float]], metric: Metric = "ordinal") -> Alpha:
    """Alpha over ``units``: each the scores the coders gave one unit (missing scores left out)."""
    pairable = [list(unit) for unit in units if len(unit) >= 2]
    if not pairable:
        return Alpha(None, 0, 0, "no candidate and criterion has scores from two panellists")
    coincidence: defaultdict[tuple[float, float], float] = defaultdict(float)
    for unit in pairable:
        counts = Counter(unit)
        weight = 1.0 / (len(unit) - 1)
        for c, n_c in counts.items():
            for k, n_k in counts.items():
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                if pairs:
                    coincidence[(c, k)] += pairs * weight
    marginals: defaultdict[float, float] = defaultdict(float)
    for (c, _), count in coincidence.items():
        marginals[c] += count
    total = sum(marginals.values())
    values = sorted(marginals)
    count_values = sum(len(unit) for unit in pairable)
    if len(values) < 2:
        return Alpha(
            None,
            len(pairable),
            count_values,
            "every score given is the same, so agreement beyond chance cannot be measured",
        )
    delta = _distances(values, marginals, metric)
    observed = sum(count * delta[pair] for pair, count in coincidence.items())
    expected = sum(marginals[c] * marginals[k] * delta[(c, k)] for c in values for k in values) / (total - 1)
    return Alpha(1.0 - observed / expected, len(pairable), count_values)


def _distances(values: list[float], marginals: dict[float, float], metric: Metric) -> dict[tuple[float, float], float]:
    delta: dict[tuple[float, float], float] = {}
    for i, c in enumerate(values):
        for j, k in enumerate(values):
            if metric == "nominal":
                distance = 0.0 if c == k else 1.0
            elif metric == "interval":
                distance = float(c - k) ** 2
            else:
                low, high = min(i, j), max(i, j)
                between = sum(marginals[values[g]] for g in range(low, high + 1))
                distance = (between - (marginals[c] + marginals[k]) / 2.0) ** 2
            delta[(c, k)] = distance
    return delta


def spread(scores: Sequence[int]) -> int:
    """Largest difference between two panellists' scores (0 for fewer than two)."""
    return max(scores) - min(scores) if len(scores) >= 2 else 0


def median(scores: Sequence[int]) -> float:
    """The middle score (the mean of the middle two for an even count)."""
    ordered = sorted(scores)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2.0
