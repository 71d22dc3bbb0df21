"""Every rule file's examples run through the engine (checks, derivations) or the matcher (duties);
the catalogue is complete, every rule cites its source, and the README's generated table pins the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from speccheck.audit.checks import check_findings
from speccheck.files.rules import CheckRule, DerivationRule, DutyCatalogue
from speccheck.library.loading import RuleLibrary, load_library
from speccheck.rulebook.verify import ExampleResult, verify
from tests.rulebook.test_docs import README_BEGIN, README_END

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = load_library()
RESULTS = verify(LIBRARY)

PROVENANCE = {"V-PRIMARY", "V-SECONDARY", "UNVERIFIED"}
CHECKS_AND_DERIVATIONS = [*LIBRARY.derivations, *LIBRARY.checks]


def _rule_files() -> dict[str, Path]:
    return {p.stem: p for p in (ROOT / "rules").rglob("*.yaml") if p.parent.name not in ("vocabulary", "profiles")}


def test_library_loads_cleanly(library: RuleLibrary) -> None:
    assert library.findings == []
    assert check_findings(library) == []


def _readme_rule_ids() -> list[str]:
    """The ids in the README's generated table of rule files (the built-in checks have a table of their own)."""
    readme = (ROOT / "docs" / "rules.md").read_text()
    table = readme[readme.index(README_BEGIN) : readme.index(README_END)]
    return re.findall(
        r'^\| (?:<a id="[a-z0-9-]+"></a>)?`([a-z0-9-]+)` \| (?:check|derivation|duties) \|', table, flags=re.MULTILINE
    )


def test_the_readme_table_pins_the_catalogue(library: RuleLibrary) -> None:
    """The catalogue is pinned once, by the README's generated table (drift-tested in test_docs.py): a rule
    added or removed changes that table on purpose (pytest --update-goldens), and no count written here."""
    assert _readme_rule_ids() == library.rule_ids() == sorted(_rule_files())


def test_rule_ids_are_file_names_and_check_categories_are_folders(library: RuleLibrary) -> None:
    files = _rule_files()
    assert sorted(files) == library.rule_ids()
    for rule in library.checks:
        assert files[rule.id].parent.name == rule.category, rule.id
    for catalogue in library.duty_catalogues:
        expected = "standards" if catalogue.framework_kind == "standard" else "duties"
        assert files[catalogue.id].parent.name == expected, catalogue.id


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.rule_id}:{r.kind}:{r.name[:60]}" for r in RESULTS])
def test_rule_example(result: ExampleResult) -> None:
    assert result.ok, f"expected {result.expected!r}, got {result.got!r} {result.detail}"


@pytest.mark.parametrize("rule", CHECKS_AND_DERIVATIONS, ids=lambda r: r.id)
def test_every_rule_has_sources_and_examples(rule: DerivationRule | CheckRule) -> None:
    assert rule.source, f"{rule.id} names no source"
    for source in rule.source:
        assert source.provenance in PROVENANCE
        assert source.para, f"{rule.id}: every source names its paragraph or section"
    assert rule.examples.passing and rule.examples.failing
    assert rule.rationale.strip()
    if isinstance(rule, CheckRule):
        assert rule.title and rule.fix and rule.message and rule.applies_to


@pytest.mark.parametrize("rule", LIBRARY.checks, ids=lambda r: r.id)
def test_unverified_sources_are_not_quoted(rule: CheckRule) -> None:
    """Where a source is UNVERIFIED, the finding text quotes nothing but the role's own words."""
    if any(s.provenance == "UNVERIFIED" for s in rule.source):
        unquoted = re.sub(r'"\{[a-z_.]+\}"|“\{[a-z_.]+\}”', "", rule.message)
        assert '"' not in unquoted and "“" not in unquoted, rule.message
        for source in rule.source:
            if source.provenance == "UNVERIFIED":
                assert source.note, f"{rule.id}: an UNVERIFIED source says why in its note"


@pytest.mark.parametrize("catalogue", LIBRARY.duty_catalogues, ids=lambda c: c.id)
def test_duty_catalogues_cite_and_exemplify_every_duty(catalogue: DutyCatalogue) -> None:
    assert catalogue.source, f"{catalogue.id} names its framework document"
    for duty in catalogue.duties:
        assert duty.source.para and duty.source.provenance in PROVENANCE
        assert duty.examples.passing, f"{duty.id} has no statement that must cover it"
        if catalogue.framework_kind == "statutory":
            assert duty.examples.failing, f"{duty.id} has no decoy"
        if duty.source.provenance == "UNVERIFIED":
            # a heading or paraphrase, never presented as the document's words
            assert not duty.text.startswith(('"', "“")), duty.id


def test_unverified_duty_wording_is_marked_in_the_catalogue(library: RuleLibrary) -> None:
    teacher = next(c for c in library.duty_catalogues if c.id == "stpcd-teacher")
    assert all(d.source.provenance == "UNVERIFIED" for d in teacher.duties)
    assert all("heading" in d.text for d in teacher.duties)
    head = next(c for c in library.duty_catalogues if c.id == "stpcd-headteacher")
    headings = [d for d in head.duties if "heading" in d.text]
    assert len(headings) == 5 and all("UNVERIFIED" in (d.source.note or "") for d in headings)


def test_duty_ids_are_unique_across_catalogues(library: RuleLibrary) -> None:
    ids = [d.id for c in library.duty_catalogues for d in c.duties]
    assert len(ids) == len(set(ids))


def test_national_standards_2015_are_the_seed_003_text(library: RuleLibrary) -> None:
    """All 24 characteristics, in the wording seed 003 copied from the DfE document."""
    nseh = next(c for c in library.duty_catalogues if c.id == "national-standards-excellence-2015")
    assert len(nseh.duties) == 24
    sample = yaml.safe_load((ROOT / "samples" / "roles" / "head-of-school.yaml").read_text())
    seed = {
        d["id"][2:]: " ".join(d["text"].split()).replace("’", "'").replace("‘", "'").replace("–", "-")
        for d in sample["duties"]
        if d["id"].startswith("NS")
    }
    for duty in nseh.duties:
        number = duty.id.rsplit(".d", 1)[1]
        expected = seed[number].replace("Executive Headteacher", "headteacher")
        assert duty.text == expected, duty.id


def test_headteachers_standards_2020_rows(library: RuleLibrary) -> None:
    hts = next(c for c in library.duty_catalogues if c.id == "headteachers-standards-2020")
    assert [d.id for d in hts.duties] == ["hts2020.ethics"] + [f"hts2020.s{i}" for i in range(1, 11)]
    ts = next(c for c in library.duty_catalogues if c.id == "teachers-standards")
    assert [d.id for d in ts.duties] == [f"ts2011.p1.s{i}" for i in range(1, 9)] + [
        "ts2011.p2.1",
        "ts2011.p2.2",
        "ts2011.p2.3",
    ]


def test_rule_examples_cover_every_rule() -> None:
    assert {r.rule_id for r in RESULTS} == set(LIBRARY.rule_ids())


def test_the_deputy_catalogue_follows_stpcd_paragraph_48(library: RuleLibrary) -> None:
    """domain.md §9.1: section 2 (conditions of employment), paragraph 48. The teacher duties include "those duties
    particularly assigned by the headteacher"; delegation ends the 48.1 sentence; the absence duty is a separate
    paragraph for deputies only; 2024 and 2025 paragraph numbers are not verified. Rows are read by HR officers:
    each duty's text is plain words."""
    deputy = next(c for c in library.duty_catalogues if c.id == "stpcd-deputy-assistant")
    assert "section 2, paragraph 48" in deputy.framework
    (source,) = deputy.source
    assert source.provenance == "V-SECONDARY" and source.para and source.para.startswith("Section 2 (conditions")
    assert source.note and "not verified" in source.note
    by_id = {d.id: d for d in deputy.duties}
    assert "particularly assigned by the headteacher" in by_id["stpcd.deputy.carry_out_teacher_duties"].text
    assert by_id["stpcd.deputy.delegated_duties"].source.para == (
        "Section 2, paragraph 48.1 (the delegation ends the 48.1 sentence)"
    )
    assert (by_id["stpcd.deputy.absence"].source.para or "").startswith("Section 2, paragraph 48.2")
    assert {p.value for p in by_id["stpcd.deputy.absence"].applies_to} == {"deputy_headteacher", "head_of_school"}
    for duty in deputy.duties:
        assert duty.source.provenance == "V-SECONDARY" and "not verified" in (duty.source.note or ""), duty.id
        assert not re.search(r"[\"“”*@_]|stpcd", duty.text), duty.id
