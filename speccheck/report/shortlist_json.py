"""JSON renderer of a shortlist: the report model, field order from the models, no timestamps.

``chunks`` yields the same text piece by piece, one candidate at a time, so a
large batch is written without holding its whole JSON in memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from speccheck.results.shortlist import ShortlistReport

_PLACEHOLDER = '"candidates": []'


def render(report: ShortlistReport, **_: object) -> str:
    return "".join(chunks(report))


def chunks(report: ShortlistReport) -> Iterator[str]:
    """The JSON of ``model_dump_json(indent=2)`` plus a newline, in pieces."""
    if not report.candidates:
        yield report.model_dump_json(indent=2) + "\n"
        return
    frame = report.model_copy(update={"candidates": []}).model_dump_json(indent=2)
    before, after = frame.split(_PLACEHOLDER, 1)
    yield before + '"candidates": [\n'
    last = len(report.candidates) - 1
    for index, candidate in enumerate(report.candidates):
        text = candidate.model_dump_json(indent=2)
        yield "    " + text.replace("\n", "\n    ") + (",\n" if index < last else "\n")
    yield "  ]" + after + "\n"
