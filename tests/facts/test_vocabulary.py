"""The bundled vocabulary: every family's examples read as they say, and its tables keep their promises.

A qualification family's pass example must give its code in ``qualification_codes``
and a fail example must not; a role kind's pass example must give the kind in
``kinds_of`` and a fail example must not. The ids name the family and the wording,
so a failure says which example broke.
"""

from __future__ import annotations

import pytest

from speccheck.facts.candidate import Normaliser
from speccheck.files.rules import Family
from speccheck.library.loading import load_library
from speccheck.text.reading import read

LIBRARY = load_library()
NORMALISER: Normaliser = LIBRARY.normaliser
VOCABULARY = LIBRARY.vocabulary

# Kinds other modules build facts on: their names are part of the contract.
ROLE_KINDS = {
    "teacher",
    "early_years_teacher",
    "further_education_lecturer",
    "support_staff",
    "advanced_skills_teacher",
    "leading_practitioner",
    "middle_leader",
    "senior_leader",
    "acting_senior_leader",
    "headteacher",
}
# Codes derivation and check rules use (rules/derive, rules/currency, rules/equality).
KEPT_CODES = {
    *("QTS", "QTLS", "EYTS", "EYPS", "IQTS", "PGCE", "DEGREE", "MASTERS", "DOCTORATE"),
    *("NPQH", "NPQSL", "NPQEL", "NPQML", "NPQLT", "NPQLTD", "NPQLBC", "NPQSENCO"),
    *("NASENCO", "ASPIRING_HEADS", "SAFER_RECRUITMENT", "DSL"),
}


def _cases(table: dict[str, Family]) -> list[object]:
    cases = []
    for name, family in sorted(table.items()):
        for expected, examples in ((True, family.examples.passing), (False, family.examples.failing)):
            word = "pass" if expected else "fail"
            cases += [pytest.param(name, text, expected, id=f"{name}-{word}-{text}") for text in examples]
    return cases


@pytest.mark.parametrize(("code", "name", "holds"), _cases(VOCABULARY.qualifications))
def test_qualification_example(code: str, name: str, holds: bool) -> None:
    codes = NORMALISER.qualification_codes(name)
    assert (code in codes) is holds, f'"{name}" reads as {sorted(codes)}'


@pytest.mark.parametrize(("kind", "title", "names"), _cases(VOCABULARY.role_kinds))
def test_role_kind_example(kind: str, title: str, names: bool) -> None:
    kinds = NORMALISER.kinds_of(title)
    assert (kind in kinds) is names, f'"{title}" reads as {sorted(kinds)}'


FAMILIES = [
    pytest.param(family, id=f"{table}-{name}")
    for table, families in (("qualifications", VOCABULARY.qualifications), ("role_kinds", VOCABULARY.role_kinds))
    for name, family in sorted(families.items())
]


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_has_examples_both_ways_and_a_source(family: Family) -> None:
    assert family.examples.passing, "give at least one wording that names it"
    assert family.examples.failing, "give at least one wording that must not"
    assert family.source, "say where the wordings come from"


def test_the_vocabulary_files_load_without_findings() -> None:
    assert not [f.message for f in LIBRARY.findings if f.position and "vocabulary" in f.position.path]


def test_the_kinds_and_codes_other_rules_use_are_there() -> None:
    assert set(VOCABULARY.role_kinds) == ROLE_KINDS
    assert set(VOCABULARY.qualifications) >= KEPT_CODES


def test_the_kind_lists() -> None:
    assert VOCABULARY.teaching_role_kinds == [
        "teacher",
        "advanced_skills_teacher",
        "leading_practitioner",
        "middle_leader",
        "senior_leader",
        "acting_senior_leader",
        "headteacher",
    ]
    assert VOCABULARY.leadership_role_kinds == [
        "middle_leader",
        "senior_leader",
        "acting_senior_leader",
        "headteacher",
        "advanced_skills_teacher",
        "leading_practitioner",
    ]
    assert VOCABULARY.senior_role_kinds == ["senior_leader", "headteacher"]
    assert VOCABULARY.early_years_role_kinds == ["early_years_teacher"]
    assert VOCABULARY.further_education_role_kinds == ["further_education_lecturer"]


def _canonical(text: str) -> str:
    return " ".join(sentence.canonical for sentence in read(text, NORMALISER.variants))


@pytest.mark.parametrize(
    ("written", "reads"),
    [
        ("Asst. Head", "assistant head"),
        ("Asst. Head of Year", "assistant head of year"),
        ("Dep. Head (Pastoral)", "deputy head pastoral"),
        ("AHT", "assistant headteacher"),
        ("Head-teacher", "headteacher"),
        ("Co-Head of Year 9", "joint head of year 9"),
        ("Co-Head", "co headteacher"),
        ("Head of Dept.", "head of department"),
        ("SENDCo", "senco"),
        ("SLT", "senior leadership team"),
        ("NPQ for Senior Leadership", "npqsl"),
        ("National Professional Qualification (NPQ) for Senior Leadership", "npq npqsl"),
        ("Aspiring Heads", "headship preparation programme"),
        # Never read as something else: a bare head, an assistant head, an aspiring headteacher.
        ("Head", "head"),
        ("Assistant Head", "assistant head"),
        ("an aspiring headteacher", "an aspiring headteacher"),
    ],
)
def test_variants_read_as_their_canonical_words(written: str, reads: str) -> None:
    assert _canonical(written) == reads


@pytest.mark.parametrize("canonical", sorted(VOCABULARY.variants))
def test_a_canonical_wording_reads_as_itself(canonical: str) -> None:
    assert _canonical(canonical) == canonical


@pytest.mark.parametrize(
    "wording", sorted({w for words in VOCABULARY.synonyms.values() for w in words}), ids=lambda w: str(w)
)
def test_a_synonym_is_written_as_the_text_layer_reads_it(wording: str) -> None:
    assert _canonical(wording) == wording, "write the canonical words (variants.yaml), lower case, no punctuation"
    assert wording not in VOCABULARY.generic_words


def test_synonym_groups_and_generic_words() -> None:
    assert len(VOCABULARY.synonyms) >= 20
    assert all(len(words) >= 2 for words in VOCABULARY.synonyms.values())
    assert all(_canonical(word) == word and " " not in word for word in VOCABULARY.generic_words)
    assert not {"no", "not", "never", "teaching", "leadership", "lead"} & set(VOCABULARY.generic_words)


# A cue in its own bracket, or after a dash or colon, speaks of the name before it.
@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("NPQH", "NPQH (in progress)"),
        ("NPQSL", "NPQSL - in progress"),
        ("PGCE", "PGCE (withdrawn)"),
        ("PGCE", "PGCE Primary (not completed)"),
        ("QTS", "QTS: no"),
    ],
)
def test_a_cue_in_its_own_clause_speaks_of_the_name_before_it(code: str, name: str) -> None:
    assert code not in NORMALISER.qualification_codes(name)
