"""JSON renderer of a shortlist: the report model, field order from the models, no timestamps.

The text is ``model_dump_json(indent=2)`` and a newline. ``Stream`` writes
the same text piece by piece: the report's JSON up to its candidates, each
candidate's JSON (made in a worker for a large batch) as it comes, then the
rest, so a large batch is written without holding its JSON, or its
candidates, in memory.
"""

from __future__ import annotations

from collections.abc import Sequence

from speccheck.report.shortlist_stream import CandidatePart, Piece, Write, joined
from speccheck.results.shortlist import RankedCandidate, RankedView, ShortlistReport

PLACEHOLDER = '"candidates": []'


def render(report: ShortlistReport, **_: object) -> str:
    return joined(Stream, report)


def piece(candidate: RankedCandidate, frame: ShortlistReport) -> str:
    """A candidate's JSON as it stands in the report's list of candidates (indented two levels)."""
    return "    " + candidate.model_dump_json(indent=2).replace("\n", "\n    ")


class Stream:
    """The JSON written start, candidate by candidate, finish."""

    wants_model = False

    def __init__(self, write: Write, **_: object) -> None:
        self.write = write
        self.piece: Piece | None = piece
        self._count = 0
        self._added = 0
        self._after = ""

    def start(self, frame: ShortlistReport, rows: Sequence[RankedView]) -> None:
        text = frame.model_dump_json(indent=2)
        self._count = len(rows)
        if not rows:
            self.write(text + "\n")
            return
        before, self._after = text.split(PLACEHOLDER, 1)
        self.write(before + '"candidates": [\n')

    def add(self, part: CandidatePart, piece: str | None) -> None:
        assert piece is not None
        self._added += 1
        self.write(piece + (",\n" if self._added < self._count else "\n"))

    def finish(self) -> None:
        if self._count:
            self.write("  ]" + self._after + "\n")
