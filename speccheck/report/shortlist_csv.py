"""CSV renderer of a shortlist: one row per candidate in rank order, one verdict and one panel
score column per criterion (the grid a panel would otherwise build in a spreadsheet).

The header stays the first row, for the programs that read it; a criterion the
role's audit leaves out of the decisions reads ``left_out`` in every row, and
the audit itself is in the other outputs (JSON, text, the pack, the workbook)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from speccheck.report.shortlist_parts import score_text
from speccheck.report.shortlist_stream import CandidatePart, Piece, Write, joined
from speccheck.results.shortlist import RankedCandidate, RankedView, ShortlistReport

HEAD = [
    "rank",
    "candidate",
    "name",
    "decision",
    "machine_decision",
    "essential_met",
    "desirable_score",
    "panel_total",
    "provisional",
    "scoring_panellists",
    "conflicted_panellists",
    "redactions",
]


def render(report: ShortlistReport, **_: object) -> str:
    return joined(Stream, report)


def piece(candidate: RankedCandidate, frame: ShortlistReport) -> str:
    """A candidate's row."""
    row: list[str] = [
        str(candidate.rank),
        candidate.candidate_id,
        candidate.name or "",
        candidate.decision.value,
        candidate.machine_decision.value,
        str(candidate.essential_met),
        f"{candidate.desirable_score:g}",
        score_text(candidate.panel_total),
        "yes" if candidate.provisional else "no",
        "; ".join(candidate.scoring_panellists),
        "; ".join(candidate.conflicted_panellists),
        str(candidate.redactions),
    ]
    for cell in candidate.cells:
        row += ["left_out" if cell.left_out else cell.verdict.value, score_text(cell.panel_score)]
    return _line([_safe(value) for value in row])


class Stream:
    """The header row, then a row a candidate as it comes."""

    wants_model = False

    def __init__(self, write: Write, **_: object) -> None:
        self.write = write
        self.piece: Piece | None = piece

    def start(self, frame: ShortlistReport, rows: Sequence[RankedView]) -> None:
        head = list(HEAD)
        for criterion in frame.criteria:
            head += [criterion.id, f"{criterion.id} score"]
        self.write(_line(head))

    def add(self, part: CandidatePart, piece: str | None) -> None:
        assert piece is not None
        self.write(piece)

    def finish(self) -> None:
        return


def _line(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(values)
    return out.getvalue()


FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def _safe(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (CSV injection): a cell starting with = + - @, a tab or
    a carriage return (which spreadsheets skip before looking for a formula) gets a leading apostrophe."""
    return "'" + value if value[:1] in FORMULA_STARTS and not _number(value) else value


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
