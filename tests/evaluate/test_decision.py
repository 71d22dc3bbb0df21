"""The decision rule and the essential/desirable tally that evaluate and the shortlist share."""

from __future__ import annotations

import pytest

from speccheck.evaluate.decision import decide, tally
from speccheck.files.role import Level
from speccheck.results.evaluation import Decision, Verdict

E, D = Level.ESSENTIAL, Level.DESIRABLE


@pytest.mark.parametrize(
    ("verdicts", "expected"),
    [
        (
            [("E1", E, Verdict.NOT_MET), ("E2", E, Verdict.NO_EVIDENCE), ("E3", E, Verdict.NOT_MET)],
            (Decision.REJECT, "essential criteria not met: E1, E3"),
        ),
        (
            [("E1", E, Verdict.MET), ("E2", E, Verdict.NO_EVIDENCE), ("D1", D, Verdict.NOT_MET)],
            (Decision.REVIEW, "no evidence yet for essential criteria: E2"),
        ),
        (
            [("E1", E, Verdict.EVIDENCED), ("E2", E, Verdict.DEFERRED), ("D1", D, Verdict.NO_EVIDENCE)],
            (Decision.SHORTLIST, "every essential criterion judged at application is met or evidenced"),
        ),
        ([], (Decision.SHORTLIST, "every essential criterion judged at application is met or evidenced")),
    ],
)
def test_decide(verdicts: list[tuple[str, Level, Verdict]], expected: tuple[Decision, str]) -> None:
    assert decide(verdicts) == expected


def test_tally_counts_met_and_evidenced_and_weighs_desirables() -> None:
    verdicts = [
        (E, 1.0, Verdict.MET),
        (E, 1.0, Verdict.EVIDENCED),
        (E, 1.0, Verdict.NO_EVIDENCE),
        (D, 5.0, Verdict.MET),
        (D, 2.0, Verdict.EVIDENCED),
        (D, 7.0, Verdict.NOT_MET),
        (D, 3.0, Verdict.DEFERRED),
    ]
    assert tally(verdicts) == (2, 7.0)
    assert tally([]) == (0, 0.0)
