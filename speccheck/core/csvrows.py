"""CSV text -> records with the 1-based line each starts on, or where and why it cannot be read.

Every CSV speccheck reads (applicants, score sheets, moderation files) is split
here, so a field over the csv module's limit, a NUL byte or a broken quote is
one located problem, never an exception.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class CsvProblem:
    """Why the CSV cannot be read, at the line of the record that failed."""

    line: int
    message: str


def csv_records(text: str) -> tuple[list[tuple[int, list[str]]], CsvProblem | None]:
    """The records read before any problem (with their first lines), and the problem, if any."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        reason = str(exc)
        if "field larger than field limit" in reason:
            reason = f"a field is longer than {csv.field_size_limit()} characters"
        return records, CsvProblem(start, reason)
    return records, None
