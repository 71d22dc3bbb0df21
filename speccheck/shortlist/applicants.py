"""Applicants in a spreadsheet: one CSV row per application -> candidate models with positions.

The first row names the columns; their order does not matter, case and
surrounding spaces are ignored, and an empty cell means "not given". A list
cell separates its items with ``;``. Yes/no cells take yes, no, true, false,
y, n, 1 or 0. Dates are ``YYYY-MM-DD`` or ``DD/MM/YYYY``.

| column | candidate field |
| --- | --- |
| ``id`` | ``id`` (default ``row-N``, N the row's line) |
| ``first_name``, ``last_name``, ``email``, ``phone_number``, ``address``, ``date_of_birth``, ``national_insurance_number`` | ``personal_details`` |
| ``previous_names`` (list) | ``personal_details.previous_names`` |
| ``qualified_teacher_status`` (yes, no, on_track, non_teacher), ``qualified_teacher_status_year``, ``teacher_reference_number``, ``is_statutory_induction_complete``, ``qtls``, ``set_membership`` | ``professional_status`` |
| ``qualifications`` (list of names) | ``qualifications[].name`` |
| ``training`` (list of names; a name ending "(in progress)" is not completed) | ``training_and_cpds`` |
| ``job_N_title``, ``job_N_organisation``, ``job_N_started_on``, ``job_N_ended_on``, ``job_N_current`` (yes/no), ``job_N_main_duties``, ``job_N_responsibilities`` (list), ``job_N_key_stages`` (list), ``job_N_phases`` (list), ``job_N_subjects`` (list), for N = 1, 2, ... | ``employment_history[N-1]`` |
| ``evidence_<CRITERION>`` (e.g. ``evidence_E02``) | an evidence statement naming that criterion |
| ``evidence`` | an evidence statement naming no criterion |
| ``personal_statement`` | ``personal_statement`` |
| ``has_safeguarding_issue``, ``has_close_relationships``, ``has_right_to_work_in_uk`` | ``declarations`` |

A cell that cannot be read is a finding at ``path:row:column``; that
application is left out and the other rows are still read. An unknown column
is a warning on the header row.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from speccheck.core.findings import Finding, Position, Severity
from speccheck.core.yamlpos import Located
from speccheck.files.candidate import Candidate
from speccheck.files.loader import Loaded, validation_findings

PERSONAL = ("first_name", "last_name", "email", "phone_number", "address", "date_of_birth", "national_insurance_number")
STATUS = (
    "qualified_teacher_status",
    "qualified_teacher_status_year",
    "teacher_reference_number",
    "is_statutory_induction_complete",
    "qtls",
    "set_membership",
)
DECLARATIONS = ("has_safeguarding_issue", "has_close_relationships", "has_right_to_work_in_uk")
BOOLEANS = frozenset({"is_statutory_induction_complete", "qtls", "set_membership", *DECLARATIONS})
INTEGERS = frozenset({"qualified_teacher_status_year"})
SINGLE = frozenset(
    {
        "id",
        "previous_names",
        *PERSONAL,
        *STATUS,
        "qualifications",
        "training",
        "evidence",
        "personal_statement",
        *DECLARATIONS,
    }
)
JOB_FIELDS = {
    "title": "job_title",
    "organisation": "organisation",
    "started_on": "started_on",
    "ended_on": "ended_on",
    "current": "is_current_role",
    "main_duties": "main_duties",
    "responsibilities": "responsibilities",
    "key_stages": "key_stages",
    "phases": "phases",
    "subjects": "subjects",
}
JOB_LISTS = frozenset({"responsibilities", "key_stages", "phases", "subjects"})
_JOB = re.compile(r"^job_(\d{1,2})_([a-z_]+)$")
_EVIDENCE = re.compile(r"^evidence_(.+)$")
_TRUE = frozenset({"yes", "y", "true", "1"})
_FALSE = frozenset({"no", "n", "false", "0"})
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
IN_PROGRESS = "(in progress)"


@dataclass(frozen=True)
class Row:
    """One applicant row as read: the file it came from, its line, and its cells by column index."""

    shown: str
    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Header:
    """The header row: what each column is, by index (None for ignored columns)."""

    shown: str
    columns: tuple[str | None, ...]


def _words(text: str) -> str:
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def read_applicants(text: str, shown: str) -> tuple[Header | None, list[Row], list[Finding]]:
    """Split an applicants CSV into its header and rows; header problems are findings."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        return (
            None,
            [],
            [
                _finding(
                    shown,
                    start,
                    1,
                    "csv-syntax",
                    f"cannot read the CSV: {exc}",
                    "save the sheet as CSV (comma separated)",
                )
            ],
        )
    if not records:
        return (
            None,
            [],
            [
                _finding(
                    shown, 1, 1, "csv-empty", "the applicants sheet is empty", "add a header row naming the columns"
                )
            ],
        )
    line, names = records[0]
    columns: list[str | None] = []
    findings: list[Finding] = []
    seen: set[str] = set()
    for index, name in enumerate(names):
        key = _words(name)
        if key.startswith("evidence_") and len(name.strip()) > len("evidence_"):
            key = "evidence_" + name.strip()[len("evidence_") :].strip()  # the criterion id keeps its spelling
        known = key in SINGLE or _EVIDENCE.match(key) or (_JOB.match(key) and _JOB.match(key).group(2) in JOB_FIELDS)  # type: ignore[union-attr]
        if not key:
            columns.append(None)
        elif key in seen:
            findings.append(
                _finding(
                    shown,
                    line,
                    index + 1,
                    "csv-column",
                    f'column "{name.strip()}" appears twice; the second is ignored',
                    "keep one",
                    Severity.WARNING,
                )
            )
            columns.append(None)
        elif not known:
            findings.append(
                _finding(
                    shown,
                    line,
                    index + 1,
                    "csv-column",
                    f'unknown column "{name.strip()}"; it is ignored',
                    "the columns are listed in the README (applicants CSV)",
                    Severity.WARNING,
                )
            )
            columns.append(None)
        else:
            seen.add(key)
            columns.append(key)
    rows = [Row(shown, at, tuple(record)) for at, record in records[1:] if any(cell.strip() for cell in record)]
    return Header(shown, tuple(columns)), rows, findings


def _finding(
    shown: str, line: int, col: int, rule_id: str, message: str, fix: str, severity: Severity = Severity.ERROR
) -> Finding:
    return Finding(
        rule_id=rule_id, severity=severity, message=message, position=Position(path=shown, line=line, col=col), fix=fix
    )


def _yes_no(value: str) -> Any:
    low = value.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    return value  # left for the model to reject, with its position


def _date(value: str) -> Any:
    match = _UK_DATE.match(value)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return value
    return value


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def row_candidate(header: Header, row: Row) -> Loaded[Candidate]:
    """One row as a loaded candidate (model None and findings at row:column if it cannot be read)."""
    data: dict[str, Any] = {"kind": "candidate", "version": 1}
    located = Located(data=data)
    located.values[()] = (row.line, 1)

    def put(path: tuple[str | int, ...], value: Any, col: int) -> None:
        node: Any = data
        for part, following in itertools.pairwise(path):
            if isinstance(node, dict):
                node = node.setdefault(part, [] if isinstance(following, int) else {})
            else:
                while len(node) <= part:  # type: ignore[operator]
                    node.append([] if isinstance(following, int) else {})
                node = node[part]
        last = path[-1]
        if isinstance(node, dict):
            node[last] = value
        else:
            while len(node) <= last:  # type: ignore[operator]
                node.append(None)
            node[last] = value
        for depth in range(1, len(path) + 1):
            located.values.setdefault(path[:depth], (row.line, col))
        located.values[path] = (row.line, col)
        located.keys[path] = (row.line, col)

    jobs: dict[int, dict[str, tuple[str, int]]] = {}
    for index, key in enumerate(header.columns):
        if key is None or index >= len(row.cells):
            continue
        value = row.cells[index].strip()
        col = index + 1
        if not value:
            continue
        job = _JOB.match(key)
        evidence = _EVIDENCE.match(key)
        if job and key not in SINGLE:
            jobs.setdefault(int(job.group(1)), {})[job.group(2)] = (value, col)
        elif evidence and key not in SINGLE:
            put(("evidence", len(data.get("evidence", [])), "text"), value, col)
            data["evidence"][-1]["criteria"] = [row_criterion(header, index)]
        elif key == "id":
            put(("id",), value, col)
        elif key in PERSONAL:
            put(("personal_details", key), _date(value) if key == "date_of_birth" else value, col)
        elif key == "previous_names":
            put(("personal_details", "previous_names"), _items(value), col)
        elif key in STATUS:
            parsed: Any = value
            if key in BOOLEANS:
                parsed = _yes_no(value)
            elif key in INTEGERS:
                parsed = int(value) if value.isdigit() else value
            elif key == "qualified_teacher_status":
                parsed = _words(value)
            put(("professional_status", key), parsed, col)
        elif key == "qualifications":
            for number, name in enumerate(_items(value)):
                put(("qualifications", number, "name"), name, col)
        elif key == "training":
            for number, name in enumerate(_items(value)):
                done = not name.lower().endswith(IN_PROGRESS)
                put(
                    ("training_and_cpds", number),
                    {"name": name[: -len(IN_PROGRESS)].strip() if not done else name, "completed": done},
                    col,
                )
        elif key == "evidence":
            put(("evidence", len(data.get("evidence", [])), "text"), value, col)
        elif key == "personal_statement":
            put(("personal_statement",), value, col)
        elif key in DECLARATIONS:
            put(("declarations", key), _yes_no(value), col)
    for number, (job_index, fields) in enumerate(sorted(jobs.items())):
        del job_index
        for name, (value, col) in fields.items():
            target = JOB_FIELDS[name]
            parsed_value: Any = value
            if name in JOB_LISTS:
                parsed_value = [_words(v) for v in _items(value)] if name in ("key_stages", "phases") else _items(value)
            elif name in ("started_on", "ended_on"):
                parsed_value = _date(value)
            elif name == "current":
                parsed_value = _yes_no(value)
            put(("employment_history", number, target), parsed_value, col)
    if "id" not in data:
        data["id"] = f"row-{row.line}"
    loaded: Loaded[Candidate] = Loaded(path=row.shown, model=None, located=located)
    try:
        loaded.model = Candidate.model_validate(data)
    except ValidationError as exc:
        loaded.findings.extend(validation_findings(exc, loaded))
    return loaded


def row_criterion(header: Header, index: int) -> str:
    """The criterion id an ``evidence_<id>`` column names, as the header wrote it."""
    key = header.columns[index] or ""
    return key[len("evidence_") :] if key.startswith("evidence_") else key
