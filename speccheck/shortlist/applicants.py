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

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from pydantic import ValidationError

from speccheck.core.csvrows import csv_records
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
_JOB = re.compile(r"^job_([0-9]{1,2})_([a-z_]+)$")
_EVIDENCE = re.compile(r"^evidence_(.+)$")
_TRUE = frozenset({"yes", "y", "true", "1"})
_FALSE = frozenset({"no", "n", "false", "0"})
_UK_DATE = re.compile(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")  # ASCII digits only ("²" is a digit to str.isdigit), and not 5,000 of them
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
    records, problem = csv_records(text)
    if problem is not None:
        return (
            None,
            [],
            [
                _finding(
                    shown,
                    problem.line,
                    1,
                    "csv-syntax",
                    f"cannot read the CSV: {problem.message}",
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
        job = _JOB.match(key)
        known = key in SINGLE or _EVIDENCE.match(key) is not None or (job is not None and job.group(2) in JOB_FIELDS)
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


def _yes_no(value: str) -> bool | str:
    low = value.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    return value  # left for the model to reject, with its position


def _date(value: str) -> dt.date | str:
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


Node = dict[str, object] | list[object]  # a mapping or list of the candidate data being built


class _Builder:
    """The candidate data of one row, with the position of every value put into it."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.data: dict[str, object] = {"kind": "candidate", "version": 1}
        self.located = Located(data=self.data)
        self.located.values[()] = (line, 1)

    def put(self, path: tuple[str | int, ...], value: object, col: int) -> None:
        """Set ``value`` at ``path``, making the mappings and lists on the way, and record its position."""
        node: Node = self.data
        for part, following in itertools.pairwise(path):
            node = _child(node, part, following)
        _set(node, path[-1], value)
        for depth in range(1, len(path) + 1):
            self.located.values.setdefault(path[:depth], (self.line, col))
        self.located.values[path] = (self.line, col)
        self.located.keys[path] = (self.line, col)

    def evidence(self, text: str, col: int, criterion: str | None = None) -> None:
        """Add an evidence statement, naming a criterion if its column did."""
        statements = self.data.get("evidence")
        number = len(statements) if isinstance(statements, list) else 0
        self.put(("evidence", number, "text"), text, col)
        if criterion is not None:
            statements = self.data["evidence"]
            assert isinstance(statements, list)
            statement = statements[number]
            assert isinstance(statement, dict)
            statement["criteria"] = [criterion]  # positioned by the statement, as the column is


def _child(node: Node, part: str | int, following: str | int) -> Node:
    """The mapping or list at ``part`` of ``node`` (made if absent: a list when ``following`` is an index)."""
    if isinstance(node, dict):
        child = node.setdefault(str(part), [] if isinstance(following, int) else {})
    else:
        index = int(part)
        while len(node) <= index:
            node.append([] if isinstance(following, int) else {})
        child = node[index]
    assert isinstance(child, (dict, list))
    return child


def _set(node: Node, part: str | int, value: object) -> None:
    if isinstance(node, dict):
        node[str(part)] = value
        return
    index = int(part)
    while len(node) <= index:
        node.append(None)
    node[index] = value


def _field_path(key: str) -> tuple[str, ...] | None:
    """Where a single-valued column goes in the candidate data (None for columns handled apart)."""
    if key in PERSONAL or key == "previous_names":
        return ("personal_details", key)
    if key in STATUS:
        return ("professional_status", key)
    if key in DECLARATIONS:
        return ("declarations", key)
    if key in ("id", "personal_statement"):
        return (key,)
    return None


def _field_value(key: str, value: str) -> object:
    """A single-valued cell as its field wants it; text the model must reject is left as text."""
    if key in BOOLEANS:
        return _yes_no(value)
    if key in INTEGERS:
        return int(value) if _WHOLE_NUMBER.fullmatch(value) else value
    if key == "qualified_teacher_status":
        return _words(value)
    if key == "date_of_birth":
        return _date(value)
    if key == "previous_names":
        return _items(value)
    return value


def _job_value(name: str, value: str) -> object:
    """A ``job_N_<name>`` cell as its employment history field wants it."""
    if name in ("key_stages", "phases"):
        return [_words(v) for v in _items(value)]
    if name in JOB_LISTS:
        return _items(value)
    if name in ("started_on", "ended_on"):
        return _date(value)
    if name == "current":
        return _yes_no(value)
    return value


def _training(name: str) -> dict[str, object]:
    """A training entry; a name ending "(in progress)" is not completed."""
    if name.lower().endswith(IN_PROGRESS):
        return {"name": name[: -len(IN_PROGRESS)].strip(), "completed": False}
    return {"name": name, "completed": True}


def _put_column(builder: _Builder, header: Header, index: int, key: str, value: str) -> None:
    """One non-empty cell of a column that is not a job's."""
    col = index + 1
    if _EVIDENCE.match(key) and key not in SINGLE:
        builder.evidence(value, col, row_criterion(header, index))
    elif key == "evidence":
        builder.evidence(value, col)
    elif key == "qualifications":
        for number, name in enumerate(_items(value)):
            builder.put(("qualifications", number, "name"), name, col)
    elif key == "training":
        for number, name in enumerate(_items(value)):
            builder.put(("training_and_cpds", number), _training(name), col)
    else:
        path = _field_path(key)
        if path is not None:
            builder.put(path, _field_value(key, value), col)


def row_candidate(header: Header, row: Row) -> Loaded[Candidate]:
    """One row as a loaded candidate (model None and findings at row:column if it cannot be read)."""
    builder = _Builder(row.line)
    jobs: dict[int, dict[str, tuple[str, int]]] = {}
    for index, key in enumerate(header.columns):
        if key is None or index >= len(row.cells):
            continue
        value = row.cells[index].strip()
        if not value:
            continue
        job = _JOB.match(key)
        if job and key not in SINGLE:
            jobs.setdefault(int(job.group(1)), {})[job.group(2)] = (value, index + 1)
        else:
            _put_column(builder, header, index, key, value)
    for number, (_, fields) in enumerate(sorted(jobs.items())):
        for name, (value, col) in fields.items():
            builder.put(("employment_history", number, JOB_FIELDS[name]), _job_value(name, value), col)
    builder.data.setdefault("id", f"row-{row.line}")
    loaded: Loaded[Candidate] = Loaded(path=row.shown, model=None, located=builder.located)
    try:
        loaded.model = Candidate.model_validate(builder.data)
    except ValidationError as exc:
        loaded.findings.extend(validation_findings(exc, loaded))
    return loaded


def row_criterion(header: Header, index: int) -> str:
    """The criterion id an ``evidence_<id>`` column names, as the header wrote it."""
    key = header.columns[index] or ""
    return key[len("evidence_") :] if key.startswith("evidence_") else key
