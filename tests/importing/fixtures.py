"""Hand-made documents in the layouts and words schools use, built with python-docx (and printed to PDF by
LibreOffice where a test needs the PDF). Each builder returns the document and what an importer must find."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table as WordTable


@dataclass
class Expected:
    """What the importer must read: criteria (text start -> level, assessment) and duties (text starts)."""

    criteria: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    duties: list[str] = field(default_factory=list)
    title: str | None = None
    post_type: str | None = None


def _grid(table: WordTable) -> None:
    table.style = "Table Grid"


def _span_row(table: WordTable, row: int, text: str, *, bold: bool = True) -> None:
    cells = table.rows[row].cells
    merged = cells[0].merge(cells[-1])
    merged.text = ""
    run = merged.paragraphs[0].add_run(text)
    run.bold = bold


def _bullets(document: WordDocument, items: list[str]) -> None:
    for item in items:
        document.add_paragraph(item, style="List Bullet")


def ticks_table() -> tuple[WordDocument, Expected]:
    """Criteria | Essential | Desirable | Assessed by, ticks, category rows across the table, a key below."""
    d = docx.Document()
    d.add_heading("Deputy Headteacher: Person Specification", 1)
    rows = [
        ("Qualifications", None, None, None),
        ("Qualified Teacher Status\n(or equivalent)", "✓", "", "A, C"),
        ("NPQSL or NPQH", "", "✓", "A, C"),
        ("Experience", None, None, None),
        ("At least three years' experience as a middle or senior leader", "✓", "", "A/R"),
        ("Experience of leading whole-school improvement", "✓", "", "A/I"),
        ("Experience of teaching in more than one key stage", "", "✓", "A"),
        ("Skills and abilities", None, None, None),
        ("Ability to analyse data and use it to raise standards", "✓", "", "I/T"),
        ("Excellent communication skills, written and oral", "✓", "", "A/I"),
        ("Personal qualities", None, None, None),
        ("Commitment to safeguarding and promoting the welfare of children", "✓", "", "A/I/R"),
        ("A sense of humour", "", "✓", "I"),
    ]
    table = d.add_table(rows=len(rows) + 1, cols=4)
    _grid(table)
    for cell, text in zip(table.rows[0].cells, ("Criteria", "Essential", "Desirable", "Assessed by"), strict=True):
        cell.text = text
    for index, (text, e, ds, how) in enumerate(rows, start=1):
        if e is None:
            _span_row(table, index, text)
            continue
        for cell, value in zip(table.rows[index].cells, (text, e, ds, how), strict=True):
            cell.text = value
    d.add_paragraph("Key: A = Application form, C = Certificates, I = Interview, R = References, T = Task")
    expected = Expected(
        criteria={
            "Qualified Teacher Status (or equivalent)": ("essential", ("application", "certificate")),
            "NPQSL or NPQH": ("desirable", ("application", "certificate")),
            "At least three years": ("essential", ("application", "reference")),
            "Experience of leading whole-school": ("essential", ("application", "interview")),
            "Experience of teaching in more than one": ("desirable", ("application",)),
            "Ability to analyse data": ("essential", ("interview", "task")),
            "Excellent communication": ("essential", ("application", "interview")),
            "Commitment to safeguarding": ("essential", ("application", "interview", "reference")),
            "A sense of humour": ("desirable", ("interview",)),
        }
    )
    return d, expected


def ed_column() -> tuple[WordDocument, Expected]:
    """Category (merged down) | Criteria | E/D | How assessed, methods in words; a key giving L its meaning."""
    d = docx.Document()
    d.add_paragraph("Assistant Headteacher (Teaching and Learning)").runs[0].bold = True
    d.add_paragraph("Person specification").runs[0].bold = True
    rows = [
        ("Qualifications", "Qualified teacher status", "E", "Application form, certificates"),
        ("", "Educated to degree level", "E", "Application form"),
        ("", "Evidence of recent professional development", "D", "Application form, interview"),
        ("Experience", "Successful experience of leading a team", "E", "Application form, references"),
        ("", "Experience of line managing staff", "D", "Interview"),
        ("Knowledge", "Secure knowledge of the current Ofsted framework", "E", "Interview"),
        ("", "Understanding of effective assessment and feedback", "E", "L, I"),
    ]
    table = d.add_table(rows=len(rows) + 1, cols=4)
    _grid(table)
    for cell, text in zip(table.rows[0].cells, ("Category", "Criteria", "E/D", "How assessed"), strict=True):
        cell.text = text
    start = 1
    for index, (category, text, level, how) in enumerate(rows, start=1):
        cells = table.rows[index].cells
        cells[1].text, cells[2].text, cells[3].text = text, level, how
        if category:
            cells[0].text = category
            start = index
        else:
            table.cell(start, 0).merge(cells[0])
            table.cell(start, 0).text = rows[start - 1][0]
    d.add_paragraph("L = lesson observation, I = interview")
    expected = Expected(
        criteria={
            "Qualified teacher status": ("essential", ("application", "certificate")),
            "Educated to degree level": ("essential", ("application",)),
            "Evidence of recent professional": ("desirable", ("application", "interview")),
            "Successful experience of leading": ("essential", ("application", "reference")),
            "Experience of line managing": ("desirable", ("interview",)),
            "Secure knowledge of the current Ofsted": ("essential", ("interview",)),
            "Understanding of effective assessment": ("essential", ("task", "interview")),
        }
    )
    return d, expected


def two_cells() -> tuple[WordDocument, Expected]:
    """Essential | Desirable, criteria written into both cells of a row, category rows across (seed 003)."""
    d = docx.Document()
    d.add_paragraph("PERSON SPECIFICATION").runs[0].bold = True
    rows = [
        ("Qualifications and Training", None),
        (
            "Qualified teacher status or recognised equivalent",
            "Recent leadership training NPQSL, Aspiring Heads, NPQH.",
        ),
        ("Experience of leadership within school.", "Accredited training in specific areas of special education"),
        ("Experience – show evidence of", None),
        (
            "At least 5 years successful teaching within a special school or mainstream",
            "Experience of teaching in more than one key stage.",
        ),
        ("Recent experience of working successfully as a senior leader in a school.", ""),
        ("Personal qualities:", None),
        ("Commitment to maintaining confidentiality at all times", ""),
    ]
    table = d.add_table(rows=len(rows) + 1, cols=2)
    _grid(table)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Essential", "Desirable"
    for index, (left, right) in enumerate(rows, start=1):
        if right is None:
            _span_row(table, index, left, bold=False)
            continue
        table.rows[index].cells[0].text, table.rows[index].cells[1].text = left, right
    expected = Expected(
        criteria={
            "Qualified teacher status or recognised": ("essential", ()),
            "Recent leadership training": ("desirable", ()),
            "Experience of leadership within": ("essential", ()),
            "Accredited training": ("desirable", ()),
            "At least 5 years": ("essential", ()),
            "Experience of teaching in more than one": ("desirable", ()),
            "Recent experience of working": ("essential", ()),
            "Commitment to maintaining confidentiality": ("essential", ()),
        }
    )
    return d, expected


def headings_lists() -> tuple[WordDocument, Expected]:
    """'Essential' and 'Desirable' headings over bullet lists, category sub-headings, 'Evidence:' lines, and a
    criterion whose level depends on the phase."""
    d = docx.Document()
    d.add_heading("Head of Year 9: Person Specification", 1)
    d.add_heading("Essential criteria", 2)
    d.add_heading("Qualifications", 3)
    _bullets(d, ["Qualified Teacher Status", "A good honours degree"])
    d.add_paragraph("Evidence: application form and certificates")
    d.add_heading("Experience", 3)
    _bullets(
        d,
        [
            "Experience of pastoral leadership, for example as a form tutor or assistant head of year",
            "Experience of working with parents and external agencies",
            "Experience of teaching in Key Stage 2 (essential for primary, desirable for secondary)",
        ],
    )
    d.add_paragraph("Evidence: application form, interview, references")
    d.add_heading("Desirable criteria", 2)
    _bullets(d, ["Training in restorative practice", "Mental health first aid qualification"])
    d.add_paragraph("Evidence: application form")
    expected = Expected(
        criteria={
            "Qualified Teacher Status": ("essential", ("application", "certificate")),
            "A good honours degree": ("essential", ("application", "certificate")),
            "Experience of pastoral leadership": ("essential", ("application", "interview", "reference")),
            "Experience of working with parents": ("essential", ("application", "interview", "reference")),
            "Experience of teaching in Key Stage 2": ("essential", ("application", "interview", "reference")),
            "Training in restorative practice": ("desirable", ("application",)),
            "Mental health first aid": ("desirable", ("application",)),
        }
    )
    return d, expected


def should_might() -> tuple[WordDocument, Expected]:
    """'should have' / 'might have' lead-ins over bullet lists."""
    d = docx.Document()
    d.add_heading("SENCo: what we are looking for", 1)
    d.add_paragraph("The successful candidate should have:")
    _bullets(
        d,
        [
            "The National Professional Qualification for SENCos (NPQSENCO) or be working towards it",
            "Experience of writing EHCP applications",
        ],
    )
    d.add_paragraph("The successful candidate might have:")
    _bullets(d, ["Experience of leading staff training on adaptive teaching"])
    expected = Expected(
        criteria={
            "The National Professional Qualification for SENCos": ("essential", ()),
            "Experience of writing EHCP": ("essential", ()),
            "Experience of leading staff training": ("desirable", ()),
        }
    )
    return d, expected


def method_columns() -> tuple[WordDocument, Expected]:
    """Criteria | E | D | Application | Interview | Reference | Task, marked with crosses."""
    d = docx.Document()
    d.add_paragraph("Person Specification – Headteacher").runs[0].bold = True
    rows = [
        ("Qualified Teacher Status", "X", "", "X", "", "", ""),
        ("NPQH", "", "X", "X", "", "", ""),
        ("Proven record of raising standards", "X", "", "X", "X", "X", ""),
        ("Ability to lead and manage change", "X", "", "", "X", "", "X"),
    ]
    table = d.add_table(rows=len(rows) + 1, cols=7)
    _grid(table)
    for cell, text in zip(
        table.rows[0].cells, ("Criteria", "E", "D", "Application", "Interview", "Reference", "Task"), strict=True
    ):
        cell.text = text
    for index, values in enumerate(rows, start=1):
        for cell, value in zip(table.rows[index].cells, values, strict=True):
            cell.text = value
    expected = Expected(
        criteria={
            "Qualified Teacher Status": ("essential", ("application",)),
            "NPQH": ("desirable", ("application",)),
            "Proven record of raising": ("essential", ("application", "interview", "reference")),
            "Ability to lead and manage": ("essential", ("interview", "task")),
        }
    )
    return d, expected


def job_description() -> tuple[WordDocument, Expected]:
    """A job description: a details table, numbered and bulleted duties under headings, standing text, a footer."""
    d = docx.Document()
    d.sections[0].footer.paragraphs[0].text = "Oakfield Academy – Job Description – Page 1"
    d.add_heading("Assistant Headteacher – Job Description", 1)
    details = d.add_table(rows=6, cols=2)
    _grid(details)
    for row, (label, value) in zip(
        details.rows,
        (
            ("Job title", "Assistant Headteacher (Inclusion)"),
            ("Responsible to", "The Headteacher"),
            ("Responsible for", "The SENCo and the pastoral team"),
            ("Salary", "Leadership pay range L8–L12"),
            ("Closing date", "14 March 2025"),
            ("Date", "January 2025"),
        ),
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    d.add_heading("Main purpose of the job", 2)
    d.add_paragraph(
        "To lead the school's provision for pupils with special educational needs and disabilities, under the direction of the headteacher."
    )
    d.add_heading("Key responsibilities", 2)
    d.add_paragraph("Strategic leadership", style="Heading 3")
    for text in (
        "Play a major role in formulating the aims and objectives of the school.",
        "Lead the development and review of the inclusion policy.",
        "Contribute to the school improvement plan and self-evaluation.",
    ):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("Teaching and learning", style="Heading 3")
    for text in (
        "Monitor the quality of provision for pupils with SEND and report to governors.",
        "Carry out the professional duties of a teacher, including a timetabled teaching commitment.",
    ):
        d.add_paragraph(text, style="List Bullet")
    d.add_paragraph("Safeguarding", style="Heading 3")
    d.add_paragraph(
        "Promote and safeguard the welfare of children and young people, and act as a deputy designated safeguarding lead.",
        style="List Bullet",
    )
    d.add_paragraph(
        "This job description will be reviewed annually and may be amended in consultation with the postholder."
    )
    d.add_paragraph(
        "Oakfield Academy is committed to safeguarding and promoting the welfare of children and expects all staff to share this commitment."
    )
    expected = Expected(
        duties=[
            "To lead the school's provision",
            "Play a major role in formulating",
            "Lead the development and review",
            "Contribute to the school improvement",
            "Monitor the quality of provision",
            "Carry out the professional duties",
            "Promote and safeguard the welfare",
        ],
        title="Assistant Headteacher (Inclusion)",
        post_type="assistant_headteacher",
    )
    return d, expected


def application_form() -> tuple[WordDocument, Expected]:
    """A Word application form: personal details, status, qualifications, employment, training, statement."""
    d = docx.Document()
    d.add_heading("Application Form – Teaching Staff", 1)
    d.add_heading("Personal details", 2)
    personal = d.add_table(rows=4, cols=2)
    _grid(personal)
    for row, (label, value) in zip(
        personal.rows,
        (
            ("Surname", "Okonjo"),
            ("First name(s)", "Ada"),
            ("Email", "ada.okonjo@example.org"),
            ("Telephone", "07700 900123"),
        ),
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    d.add_heading("Professional status", 2)
    status = d.add_table(rows=2, cols=2)
    _grid(status)
    status.rows[0].cells[0].text, status.rows[0].cells[1].text = "Do you have QTS?", "Yes, awarded 2011"
    status.rows[1].cells[0].text, status.rows[1].cells[1].text = "Teacher reference number", "1234567"
    d.add_heading("Qualifications", 2)
    quals = d.add_table(rows=3, cols=4)
    _grid(quals)
    for row, values in zip(
        quals.rows,
        (
            ("Qualification", "Subject", "Institution", "Date"),
            ("BSc (Hons)", "Chemistry", "University of Leeds", "2010"),
            ("PGCE with QTS", "Secondary Science", "University of York", "2011"),
        ),
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    d.add_heading("Employment history", 2)
    jobs = d.add_table(rows=3, cols=5)
    _grid(jobs)
    for row, values in zip(
        jobs.rows,
        (
            ("Employer", "Job title", "From", "To", "Main responsibilities"),
            ("Northfield School", "Teacher of Science", "September 2011", "August 2016", "Taught KS3 and KS4 science"),
            (
                "Riverside Academy",
                "Head of Science",
                "September 2016",
                "Present",
                "Led a department of eight\nLine managed two teachers",
            ),
        ),
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    d.add_heading("Training and professional development", 2)
    d.add_paragraph("NPQSL (in progress)", style="List Bullet")
    d.add_heading("Supporting statement", 2)
    d.add_paragraph("I have led the science department for eight years, raising GCSE outcomes each year.")
    d.add_paragraph("I coach new teachers and lead whole-school CPD on retrieval practice.")
    d.add_heading("Interests", 2)
    d.add_paragraph("I run the school's astronomy club and volunteer with a local youth charity.")
    return d, Expected()


BUILDERS: dict[str, Callable[[], tuple[WordDocument, Expected]]] = {
    "ticks_table": ticks_table,
    "ed_column": ed_column,
    "two_cells": two_cells,
    "headings_lists": headings_lists,
    "should_might": should_might,
    "method_columns": method_columns,
    "job_description": job_description,
    "application_form": application_form,
}


def save_all(folder: Path) -> dict[str, tuple[Path, Expected]]:
    saved = {}
    for name, build in BUILDERS.items():
        document, expected = build()
        path = folder / f"{name}.docx"
        document.save(str(path))
        saved[name] = (path, expected)
    return saved


def print_pdfs(paths: list[Path], folder: Path) -> list[Path] | None:
    """Print Word documents to PDF with LibreOffice in one run; None where LibreOffice is not installed."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    subprocess.run(
        [office, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder), *map(str, paths)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [folder / f"{p.stem}.pdf" for p in paths]


__all__ = ["BUILDERS", "Expected", "OxmlElement", "print_pdfs", "qn", "save_all"]
