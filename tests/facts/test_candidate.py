"""Candidate facts: every fact computed is a registered one, and each section of the file gives its own facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from speccheck.facts.candidate import candidate_catalogue, candidate_facts
from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_as
from speccheck.library.loading import RuleLibrary

ROOT = Path(__file__).resolve().parents[2]
CANDIDATES = sorted((ROOT / "samples" / "candidates").glob("*.yaml"))
AS_OF = dt.date(2024, 9, 1)
PYTHON_TYPES: dict[str, type | tuple[type, ...]] = {"number": (int, float), "bool": bool, "string": str, "list": list}


def _candidate(path: Path) -> Candidate:
    model = load_as(path, Candidate).model
    assert model is not None
    return model


@pytest.mark.parametrize("path", CANDIDATES, ids=lambda p: p.stem)
def test_every_computed_fact_is_registered_with_its_type(path: Path, library: RuleLibrary) -> None:
    catalogue = candidate_catalogue(library.vocabulary)
    facts = candidate_facts(_candidate(path), library.normaliser, AS_OF)
    for name, value in facts.values.items():
        assert name in catalogue, name
        assert isinstance(value, PYTHON_TYPES[catalogue[name].type]), (name, value)
    for name in facts.texts:
        assert name in catalogue and catalogue[name].type == "text", name


def test_a_section_the_application_leaves_out_gives_no_facts(library: RuleLibrary) -> None:
    full = _candidate(CANDIDATES[0])
    bare = full.model_copy(
        update={
            "professional_status": None,
            "qualifications": None,
            "training_and_cpds": None,
            "employment_history": None,
            "declarations": None,
        }
    )
    facts = candidate_facts(bare, library.normaliser, AS_OF)
    assert facts.values == {}
    assert set(facts.texts) <= {"personal_statement", "evidence_text", "all_text"}


def test_qualifications_come_from_status_qualifications_and_completed_training(library: RuleLibrary) -> None:
    candidate = Candidate.model_validate(
        {
            "kind": "candidate",
            "version": 1,
            "professional_status": {"qualified_teacher_status": "yes"},
            "training_and_cpds": [
                {"name": "NPQH", "completed": False},
                {"name": "NPQSL", "completed": True},
            ],
        }
    )
    facts = candidate_facts(candidate, library.normaliser, AS_OF)
    assert facts.values["qts_status"] == "yes"
    assert facts.values["qualifications"] == ["NPQSL", "QTS"]
    assert facts.values["qualifications_in_progress"] == ["NPQH"]
    assert [item.loc for item in facts.texts["qualification_names"]] == [
        ("training_and_cpds", 0, "name"),
        ("training_and_cpds", 1, "name"),
    ]


def test_a_teaching_status_the_statement_claims_or_denies_is_read_when_nothing_else_gives_it(
    library: RuleLibrary,
) -> None:
    def statuses(statement: str) -> object:
        candidate = Candidate.model_validate({"kind": "candidate", "version": 1, "personal_statement": statement})
        return candidate_facts(candidate, library.normaliser, AS_OF).values.get("teacher_statuses")

    assert statuses("Since I gained QTS in 2005 I have taught in three schools.") == ["QTS"]
    assert statuses("I do not yet hold QTS, but I have worked as a TA for seven years.") == []
    assert statuses("I have led the NPQSL programme for our trust.") is None
