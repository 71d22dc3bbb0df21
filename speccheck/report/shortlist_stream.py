"""Shortlist outputs written as the candidates come: the frame, each candidate's part in rank order, the end.

A large shortlist is never held whole (``results.shortlist``): every output is
written from the report without its candidates (the frame) and a compact row a
candidate (``RankedView``) before the first candidate, then one candidate at a
time, in rank order, then closed. Each shortlist format's module has a
``Stream`` class that writes its output that way through a ``write`` callable:

* ``start(frame, rows)``: what comes before the first candidate (a ranking, a
  grid, a summary: the rows are enough);
* ``add(part, piece)``: one candidate. ``piece`` is the format's own text for
  it, made by the stream's ``piece`` function, a module-level function (or a
  ``functools.partial`` of one) of the full candidate and the frame, so that a
  worker process can make it; ``part`` says what every output may need of the
  candidate besides (and carries the ``RankedCandidate`` itself to a stream
  whose ``wants_model`` is true: the workbook lays out its sheets itself);
* ``finish()``: the rest.

``whole`` drives a stream from a whole report, so a format's ``render`` is the
same code as its stream and the two cannot differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from speccheck.core.findings import Finding
from speccheck.results.shortlist import RankedCandidate, RankedView, ShortlistReport

Write = Callable[[str | bytes], None]
Piece = Callable[[RankedCandidate, ShortlistReport], str]


@dataclass(frozen=True)
class CandidatePart:
    """One candidate as a streamed output receives it: its row, what only its full entry says and the text
    view needs (the decision's reason as shown, the redactions made, its notes), and, when the output asked,
    the full entry."""

    row: RankedView
    decision_reason: str
    redactions: int
    findings: tuple[Finding, ...]
    candidate: RankedCandidate | None = None


class ShortlistStream(Protocol):
    """An output written start, candidate by candidate, finish (see the module's documentation)."""

    @property
    def piece(self) -> Piece | None: ...
    @property
    def wants_model(self) -> bool: ...
    def start(self, frame: ShortlistReport, rows: Sequence[RankedView]) -> None: ...
    def add(self, part: CandidatePart, piece: str | None) -> None: ...
    def finish(self) -> None: ...


def frame_of(report: ShortlistReport) -> ShortlistReport:
    """A report without its candidates: what a streamed output opens and closes with."""
    return report.model_copy(update={"candidates": []})


def part_of(candidate: RankedCandidate, *, model: bool) -> CandidatePart:
    return CandidatePart(
        row=candidate,
        decision_reason=candidate.decision_reason,
        redactions=candidate.redactions,
        findings=tuple(candidate.findings),
        candidate=candidate if model else None,
    )


def whole(stream: ShortlistStream, report: ShortlistReport) -> None:
    """Write a whole report through ``stream``."""
    frame = frame_of(report)
    stream.start(frame, report.candidates)
    piece = stream.piece
    for candidate in report.candidates:
        stream.add(part_of(candidate, model=stream.wants_model), piece(candidate, frame) if piece else None)
    stream.finish()


def joined(make: Callable[[Write], ShortlistStream], report: ShortlistReport) -> str:
    """A whole report through the stream ``make`` builds, as one text."""
    out: list[str] = []

    def write(text: str | bytes) -> None:
        assert isinstance(text, str)
        out.append(text)

    whole(make(write), report)
    return "".join(out)
