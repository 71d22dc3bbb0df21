"""Where a passage stands in an application, in the words a panel reads ("supporting statement,
paragraph 2", "employment history: Head of History, 2014–2018"), never a file's line number."""

from __future__ import annotations

import re

from speccheck.facts.values import Loc
from speccheck.files.candidate import Candidate, Employment

_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def _years(record: Employment) -> str:
    start = str(record.started_on.year)
    end = "" if record.ended_on is None else str(record.ended_on.year)
    return f"{start}–{end}"


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    """The paragraph (1-based) at ``offset`` and how many the text has."""
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text.strip("\n")) if m.start() > 0]
    return 1 + sum(1 for at in breaks if at < offset), 1 + len(breaks)


def place(candidate: Candidate, loc: Loc, text: str = "", offset: int = 0) -> str:
    """Where the text at ``loc`` (and ``offset`` into it) stands, in words."""
    head = loc[0] if loc else ""
    if head == "personal_statement":
        number, count = _paragraph(text, offset)
        return "supporting statement" + (f", paragraph {number}" if count > 1 else "")
    if head == "evidence" and len(loc) > 1 and isinstance(loc[1], int):
        return f"evidence statement {loc[1] + 1}"
    if head == "employment_history" and candidate.employment_history and len(loc) > 1 and isinstance(loc[1], int):
        record = candidate.employment_history[loc[1]]
        title = record.job_title or record.employment_type.replace("_", " ")
        return f"employment history: {title}, {_years(record)}"
    if head == "qualifications":
        return "qualifications"
    if head == "training_and_cpds":
        return "training and CPD"
    return str(head).replace("_", " ")
