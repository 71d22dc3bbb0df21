"""Applicants CSV: the header, each row as a candidate, and positions at row:column."""

from __future__ import annotations

import datetime as dt

from speccheck.shortlist.applicants import read_applicants, row_candidate

SHEET = (
    "ID,first name,Job_2_Title,job_2_started_on,job_2_current,job_1_title,job_1_started_on,job_1_ended_on,"
    "job_1_key_stages,training,evidence_E02,evidence,colour,id\n"
    "R-1,Ada,Head,01/09/2015,yes,Teacher,2010-09-01,2015-08-31,KS1; ks2,NPQH; NPQSL (in progress),Led a team.,I coach.,red,\n"
    ",Ben,,,,,,,,,,,,\n"
    "\n"
    "R-3,Cy,,,,,,,,,,,,\n"
)


def test_header_keeps_known_columns_and_warns_on_the_rest() -> None:
    header, rows, findings = read_applicants(SHEET, "a.csv")
    assert header is not None
    assert header.columns[:3] == ("id", "first_name", "job_2_title") and header.columns[12:] == (None, None)
    assert [(f.rule_id, f.position.col) for f in findings] == [("csv-column", 13), ("csv-column", 14)]  # type: ignore[union-attr]
    assert [row.line for row in rows] == [2, 3, 5]  # the empty line is skipped, lines still count


def test_a_row_becomes_a_candidate_with_positions() -> None:
    header, rows, _ = read_applicants(SHEET, "a.csv")
    assert header is not None
    loaded = row_candidate(header, rows[0])
    candidate = loaded.model
    assert candidate is not None and candidate.id == "R-1"
    jobs = candidate.employment_history
    assert [job.job_title for job in jobs] == ["Teacher", "Head"]  # job numbers, not column order
    assert jobs[1].started_on == dt.date(2015, 9, 1) and jobs[1].is_current_role
    assert jobs[0].key_stages == ["ks1", "ks2"]
    assert [(t.name, t.completed) for t in candidate.training_and_cpds] == [("NPQH", True), ("NPQSL", False)]
    assert [(e.text, e.criteria) for e in candidate.evidence] == [("Led a team.", ["E02"]), ("I coach.", [])]
    assert str(loaded.position(("evidence", 0, "text"))) == "a.csv:2:11"
    assert str(loaded.position(("employment_history", 1, "started_on"))) == "a.csv:2:4"


def test_a_row_without_an_id_is_named_by_its_line() -> None:
    header, rows, _ = read_applicants(SHEET, "a.csv")
    assert header is not None
    loaded = row_candidate(header, rows[1])
    assert loaded.model is not None and loaded.model.id == "row-3"


def test_a_cell_that_cannot_be_read_is_a_finding_at_its_column() -> None:
    header, rows, _ = read_applicants("id,job_1_current,date_of_birth\nR-1,maybe,31/02/1990\n", "b.csv")
    assert header is not None
    loaded = row_candidate(header, rows[0])
    assert loaded.model is None
    assert {str(f.position) for f in loaded.findings} == {"b.csv:2:2", "b.csv:2:3"}


def test_digits_that_are_not_ascii_or_too_many_are_findings_not_crashes() -> None:
    """'²' is a digit to str.isdigit, and int() refuses 5,000 digits: both reached int() (issue 13)."""
    text = (
        "id,qualified_teacher_status_year,date_of_birth,job_1_title,job_1_started_on,job_1_current\n"
        "A1,²,1/1/1980,Teacher,1/1/2010,yes\n"
        f"A2,{'9' * 5000},²/1/1980,Teacher,1/1/2010,yes\n"
        "A3,2008,01/٠١/1980,Teacher,1/²/2010,yes\n"
    )
    header, rows, findings = read_applicants(text, "apps.csv")
    assert header is not None and not findings
    for row in rows:
        loaded = row_candidate(header, row)
        assert loaded.model is None and loaded.findings, row.line
        assert all(f.position and f.position.line == row.line for f in loaded.findings)


def test_a_field_over_the_csv_limit_is_a_finding() -> None:
    text = 'id,personal_statement\nA1,short\nA2,"' + "x" * 200_000 + '"\n'
    header, rows, findings = read_applicants(text, "apps.csv")
    assert header is None and rows == []
    assert [(f.rule_id, f.position.line if f.position else 0) for f in findings] == [("csv-syntax", 3)]
    assert "longer than" in findings[0].message
