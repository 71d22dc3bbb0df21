"""Krippendorff's alpha against published worked examples, its edges, spread and median."""

from __future__ import annotations

import pytest

from speccheck.shortlist.agreement import krippendorff_alpha, median, spread


def _units(rows: list[list[float | None]]) -> list[list[float]]:
    return [[row[u] for row in rows if row[u] is not None] for u in range(len(rows[0]))]  # type: ignore[misc]


# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the worked example with missing data.
_N = None
PUBLISHED = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _N, _N, _N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _N, 3],
    [_N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _N],
]


@pytest.mark.parametrize(("metric", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_alpha_matches_krippendorffs_published_example(metric: str, expected: float) -> None:
    alpha = krippendorff_alpha(_units(PUBLISHED), metric)  # type: ignore[arg-type]
    assert alpha.value is not None and round(alpha.value, 3) == expected
    assert alpha.units == 11  # unit 12 has one value, so it is not pairable


def test_alpha_matches_the_wikipedia_example() -> None:
    rows = [
        [_N, _N, _N, _N, _N, 3, 4, 1, 2, 1, 1, 3, 3, _N, 3],
        [1, _N, 2, 1, 3, 3, 4, 3, _N, _N, _N, _N, _N, _N, _N],
        [_N, _N, 2, 1, 3, 4, 4, _N, 2, 1, 1, 3, 3, _N, 4],
    ]
    assert round(krippendorff_alpha(_units(rows), "nominal").value or 0, 6) == 0.691358
    assert round(krippendorff_alpha(_units(rows), "interval").value or 0, 6) == 0.810845


def test_alpha_edges() -> None:
    assert krippendorff_alpha([[2, 2], [3, 3], [0, 0]]).value == 1.0
    assert krippendorff_alpha([[1], [2]]).value is None
    same = krippendorff_alpha([[2, 2], [2, 2]])
    assert same.value is None and same.note and "same" in same.note
    assert krippendorff_alpha([[0, 3], [3, 0]]).value < 0  # type: ignore[operator]


def test_pairwise_definition_agrees_with_the_coincidence_matrix() -> None:
    """A second, independent formulation: alpha = 1 - D_o / D_e over all pairable pairs (interval)."""
    units = [[1, 2, 2], [3, 3], [0, 1, 3], [2, 2, 2], [1, 3]]
    values = [v for u in units for v in u]
    n = len(values)
    observed = (
        sum(sum((a - b) ** 2 for i, a in enumerate(u) for j, b in enumerate(u) if i != j) / (len(u) - 1) for u in units)
        / n
    )
    expected = sum((a - b) ** 2 for i, a in enumerate(values) for j, b in enumerate(values) if i != j) / (n * (n - 1))
    assert krippendorff_alpha(units, "interval").value == pytest.approx(1 - observed / expected)


def test_spread_and_median() -> None:
    assert spread([1, 3, 2]) == 2 and spread([2]) == 0
    assert median([1, 2]) == 1.5 and median([3, 1, 2]) == 2.0
