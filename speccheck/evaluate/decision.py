"""The decision rule and the ranking counts, from verdicts: written once for evaluate and the shortlist."""

from __future__ import annotations

from collections.abc import Iterable

from speccheck.files.role import Level
from speccheck.results.evaluation import Decision, Verdict

COUNTED = (Verdict.MET, Verdict.EVIDENCED)


def decide(verdicts: list[tuple[str, Level, Verdict]]) -> tuple[Decision, str]:
    """The decision from (criterion id, level, verdict), as DESIGN.md defines it.

    Any essential not met: reject; any essential with no evidence: review;
    otherwise shortlist. The shortlist applies it again to verdicts after panel scores.
    """
    essential = [(cid, verdict) for cid, level, verdict in verdicts if level is Level.ESSENTIAL]
    unmet = [cid for cid, verdict in essential if verdict is Verdict.NOT_MET]
    if unmet:
        return Decision.REJECT, "essential criteria not met: " + ", ".join(unmet)
    open_ = [cid for cid, verdict in essential if verdict is Verdict.NO_EVIDENCE]
    if open_:
        return Decision.REVIEW, "no evidence yet for essential criteria: " + ", ".join(open_)
    return Decision.SHORTLIST, "every essential criterion judged at application is met or evidenced"


def tally(verdicts: Iterable[tuple[Level, float, Verdict]]) -> tuple[int, float]:
    """From (level, weight, verdict): essential criteria met or evidenced, and the summed weight of
    desirable criteria met or evidenced (the desirable score)."""
    essential_met = 0
    desirable_score = 0.0
    for level, weight, verdict in verdicts:
        if verdict in COUNTED:
            if level is Level.ESSENTIAL:
                essential_met += 1
            else:
                desirable_score += weight
    return essential_met, desirable_score
