"""Person specifications, job descriptions and an application form in the layouts schools use, as Word
documents and as PDFs printed from them: the right criteria, levels, assessment methods and duties, nothing
spurious, and a file the project's loader reads without a finding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_text
from speccheck.files.role import Role
from speccheck.importing.run import import_path
from speccheck.library.loading import RuleLibrary
from tests.importing.fixtures import BUILDERS, Expected

SPECS = [n for n in BUILDERS if n not in ("job_description", "application_form")]


def _check(data: dict[str, Any], expected: Expected) -> list[str]:
    problems = []
    criteria = data.get("criteria", [])
    for start, (level, methods) in expected.criteria.items():
        found = [c for c in criteria if c["text"].startswith(start)]
        if not found:
            problems.append(f"missing {start!r}")
            continue
        if found[0]["level"] != level:
            problems.append(f"{start!r} is {found[0]['level']}")
        if methods and sorted(found[0].get("assessed_by", [])) != sorted(methods):
            problems.append(f"{start!r} assessed by {found[0].get('assessed_by')}")
    spurious = [c["text"] for c in criteria if not any(c["text"].startswith(s) for s in expected.criteria)]
    if expected.criteria and spurious:
        problems.append(f"not criteria: {spurious}")
    duties = [d["text"] for d in data.get("duties", [])]
    problems += [f"missing duty {s!r}" for s in expected.duties if not any(d.startswith(s) for d in duties)]
    if expected.duties:
        problems += [f"not a duty: {d!r}" for d in duties if not any(d.startswith(s) for s in expected.duties)]
    if expected.title and data.get("title") != expected.title:
        problems.append(f"title {data.get('title')!r}")
    if expected.post_type and data.get("post_type") != expected.post_type:
        problems.append(f"post type {data.get('post_type')!r}")
    return problems


def _imported(path: Path, library: RuleLibrary) -> dict[str, Any]:
    imported = import_path(path, library, shown=path.name)
    assert imported.text is not None, imported.findings
    loaded = load_text(imported.text, path.name)
    assert loaded.findings == [] and isinstance(loaded.model, (Role, Candidate))
    data: dict[str, Any] = yaml.safe_load(imported.text)
    return data


@pytest.mark.parametrize("name", [*SPECS, "job_description"])
def test_word_documents(name: str, documents: dict[str, tuple[Path, Expected]], library: RuleLibrary) -> None:
    path, expected = documents[name]
    assert _check(_imported(path, library), expected) == []


@pytest.mark.parametrize("name", [*SPECS, "job_description"])
def test_pdfs_printed_from_them(
    name: str, documents: dict[str, tuple[Path, Expected]], pdfs: dict[str, Path], library: RuleLibrary
) -> None:
    assert _check(_imported(pdfs[name], library), documents[name][1]) == []


def test_each_item_says_where_it_came_from(documents: dict[str, tuple[Path, Expected]], library: RuleLibrary) -> None:
    imported = import_path(documents["ticks_table"][0], library, shown="spec.docx")
    assert imported.text is not None
    assert '  # from: table 1, row 3 ("Qualifications")\n' in imported.text
    assert "condition proposed (qts-or-equivalent)" in imported.text


def test_the_job_description_fields(documents: dict[str, tuple[Path, Expected]], library: RuleLibrary) -> None:
    data = _imported(documents["job_description"][0], library)
    assert data["responsible_to"] == ["The Headteacher"]
    assert data["responsible_for"] == ["The SENCo and the pastoral team"]
    assert str(data["closing_date"]) == "2025-03-14" and str(data["issued"]) == "2025-01-01"
    assert data["recruitment"]["advert"]["pay"]["range"] == "L8-L12"
    assert "committed to safeguarding" in data["recruitment"]["safeguarding_statement"]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_application_form(
    fmt: str, documents: dict[str, tuple[Path, Expected]], pdfs: dict[str, Path], library: RuleLibrary
) -> None:
    path = documents["application_form"][0] if fmt == "docx" else pdfs["application_form"]
    imported = import_path(path, library, shown=path.name)
    assert imported.kind == "candidate"
    data = _imported(path, library)
    assert data["personal_details"] == {
        "last_name": "Okonjo",
        "first_name": "Ada",
        "email": "ada.okonjo@example.org",
        "phone_number": "07700 900123",
    }
    assert data["professional_status"]["qualified_teacher_status"] == "yes"
    assert [q["name"] for q in data["qualifications"]] == ["BSc (Hons)", "PGCE with QTS"]
    history = data["employment_history"]
    assert [j["job_title"] for j in history] == ["Teacher of Science", "Head of Science"]
    assert str(history[0]["started_on"]) == "2011-09-01" and history[1]["is_current_role"] is True
    texts = [e["text"] for e in data["evidence"]]
    assert any(t.startswith("I have led the science department") for t in texts)
    assert any(t.startswith("Interests: I run the school's astronomy club") for t in texts)  # kept, not dropped
    assert all("Okonjo" not in f.message for f in imported.findings)  # no personal data in a message
