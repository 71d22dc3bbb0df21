"""The outputs' pass over a ranked batch: each candidate built in full and rendered once, in rank order.

After the ranking, every candidate is built from its place (``Placed``) and
its detail read back from the spool, in the workers for a large batch: its
``RankedCandidate`` (cells, quotes, panel scores, blind mode's redaction), each
output's piece of it (``ShortlistStream.piece``: the JSON, the pack's
section, the CSV row, the details of the text view) and, for the decision
record, its compact JSON. The main process hands each output its piece in rank
order and hashes the compact JSON into the record's ``result_sha256``; nothing
of a candidate is kept after its turn (but what an output keeps itself: the
workbook, the text view's rows).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from speccheck.core.findings import Finding
from speccheck.report.shortlist_stream import CandidatePart, Piece, ShortlistStream
from speccheck.results.shortlist import RankedCandidate, ShortlistReport
from speccheck.shortlist.candidate import Order, full_candidate
from speccheck.shortlist.entries import Detail
from speccheck.shortlist.ranking import Ranking
from speccheck.shortlist.spool import Spool
from speccheck.shortlist.workers import Workers, chunk_size, chunked

_CANDIDATES = '"candidates":[]'
RENDERED_CHUNK = 16  # candidates a worker builds and renders at a time: the main process holds a few chunks


@dataclass(frozen=True)
class _Task:
    """What a worker needs to build and render a chunk of candidates."""

    frame: bytes  # the frame, pickled once for the run (``_frame`` unpickles it once a worker)
    pieces: tuple[Piece | None, ...]  # one per output
    model: bool  # an output lays out the full entry itself
    compact: bool  # the record hashes the compact JSON


@dataclass(frozen=True)
class _Rendered:
    pieces: tuple[str | None, ...]
    compact: str | None
    candidate: RankedCandidate | None
    decision_reason: str
    redactions: int
    findings: tuple[Finding, ...]


_FRAME: dict[bytes, ShortlistReport] = {}  # a worker's frame of the run it serves


def _frame(pickled: bytes) -> ShortlistReport:
    frame = _FRAME.get(pickled)
    if frame is None:
        frame = pickle.loads(pickled)  # made by this run's main process
        assert isinstance(frame, ShortlistReport)
        _FRAME.clear()
        _FRAME[pickled] = frame
    return frame


def _render_chunk(task: _Task, chunk: Sequence[tuple[Order, bytes]]) -> list[_Rendered]:
    frame = _frame(task.frame)
    out: list[_Rendered] = []
    for order, blob in chunk:
        detail = pickle.loads(blob)  # written by this run's own workers to its private spool
        assert isinstance(detail, Detail)
        candidate = full_candidate(order, detail, frame)
        out.append(
            _Rendered(
                pieces=tuple(p(candidate, frame) if p is not None else None for p in task.pieces),
                compact=candidate.model_dump_json() if task.compact else None,
                candidate=candidate if task.model else None,
                decision_reason=candidate.decision_reason,
                redactions=candidate.redactions,
                findings=tuple(candidate.findings),
            )
        )
    return out


class ResultHash:
    """The sha256 of a shortlist's JSON as ``model_dump_json()`` writes it (the record's ``result_sha256``),
    from its frame and each candidate's JSON in rank order."""

    def __init__(self, frame: ShortlistReport) -> None:
        before, self._after = frame.model_dump_json().split(_CANDIDATES, 1)
        self._hash = hashlib.sha256((before + _CANDIDATES[:-1]).encode("utf-8"))
        self._first = True

    def add(self, compact: str) -> None:
        self._hash.update((compact if self._first else "," + compact).encode("utf-8"))
        self._first = False

    def hexdigest(self) -> str:
        self._hash.update(("]" + self._after).encode("utf-8"))
        return self._hash.hexdigest()


def write_outputs(
    ranking: Ranking, pool: Workers, spool: Spool, outputs: Sequence[ShortlistStream], *, hashed: bool
) -> str | None:
    """Write every candidate to every output, in rank order; the result's sha256 when ``hashed``."""
    frame = ranking.frame
    for output in outputs:
        output.start(frame, ranking.standings)
    task = _Task(
        frame=pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL),
        pieces=tuple(output.piece for output in outputs),
        model=any(output.wants_model for output in outputs),
        compact=hashed,
    )
    digest = ResultHash(frame) if hashed else None
    placed = iter(ranking.placed)
    try:
        for rendered in pool.map(partial(_render_chunk, task), _chunks(ranking, spool, pool.count)):
            for item in rendered:
                row = next(placed).standing
                part = CandidatePart(row, item.decision_reason, item.redactions, item.findings, item.candidate)
                for output, piece in zip(outputs, item.pieces, strict=True):
                    output.add(part, piece)
                if digest is not None:
                    assert item.compact is not None
                    digest.add(item.compact)
    finally:
        _FRAME.clear()  # a serial run built its candidates in this process
    for output in outputs:
        output.finish()
    return digest.hexdigest() if digest is not None else None


def _chunks(ranking: Ranking, spool: Spool, workers: int) -> Iterator[list[tuple[Order, bytes]]]:
    """The ranked candidates with their details, read from the spool a chunk at a time, as they are sent."""
    size = 1 if workers == 1 else min(RENDERED_CHUNK, chunk_size(len(ranking.placed), workers))
    for chunk in chunked(ranking.placed, size):
        yield [(p.order(), spool.read(p.entry.detail)) for p in chunk]
