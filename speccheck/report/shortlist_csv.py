"""CSV renderer of a shortlist: one row per candidate in rank order, one verdict and one panel
score column per criterion (the grid a panel would otherwise build in a spreadsheet).

The header stays the first row, for the programs that read it; a criterion the
role's audit leaves out of the decisions reads ``left_out`` in every row, and
the audit itself is in the other outputs (JSON, text, the pack, the workbook)."""

from __future__ import annotations

import csv
import io

from speccheck.report.shortlist_parts import score_text
from speccheck.results.shortlist import ShortlistReport


def render(report: ShortlistReport, **_: object) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    head = [
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
    for criterion in report.criteria:
        head += [criterion.id, f"{criterion.id} score"]
    writer.writerow(head)
    for candidate in report.candidates:
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
        writer.writerow([_safe(value) for value in row])
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
