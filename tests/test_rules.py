"""Every rule file's examples run through the engine; the catalogue is complete and pinned."""

from __future__ import annotations

import re

import pytest

from speccheck.audit import check_findings
from speccheck.catalogue import RuleLibrary, load_library
from speccheck.models import CheckRule, DerivationRule
from speccheck.verify import ExampleResult, verify

LIBRARY = load_library()
RESULTS = verify(LIBRARY)

# Pinned: a rule added or removed must change this on purpose.
EXPECTED_RULE_COUNT = 9
PROVENANCE = {"V-PRIMARY", "V-SECONDARY", "UNVERIFIED"}


def test_library_loads_cleanly(library: RuleLibrary) -> None:
    assert library.findings == []
    assert check_findings(library) == []


def test_rule_count_is_pinned(library: RuleLibrary) -> None:
    assert len(library.rule_ids()) == EXPECTED_RULE_COUNT, library.rule_ids()


@pytest.mark.parametrize("result", RESULTS, ids=[f"{r.rule_id}:{r.kind}:{r.name}" for r in RESULTS])
def test_rule_example(result: ExampleResult) -> None:
    assert result.ok, f"expected {result.expected!r}, got {result.got!r} {result.detail}"


@pytest.mark.parametrize("rule", [*LIBRARY.derivations, *LIBRARY.checks], ids=lambda r: r.id)
def test_every_rule_has_sources_and_examples(rule: DerivationRule | CheckRule) -> None:
    assert rule.source, f"{rule.id} names no source"
    for source in rule.source:
        assert source.provenance in PROVENANCE
        assert source.para, f"{rule.id}: every source names its paragraph or section"
    assert rule.examples.passing and rule.examples.failing
    assert rule.rationale.strip()


@pytest.mark.parametrize("rule", LIBRARY.checks, ids=lambda r: r.id)
def test_unverified_sources_are_not_quoted(rule: CheckRule) -> None:
    """Where the source is UNVERIFIED the finding text must not present it as a quotation."""
    if any(s.provenance == "UNVERIFIED" for s in rule.source):
        assert not re.search(r"[\"“].*(KCSIE|STPCD)", rule.message)


def test_duty_catalogues_cite_every_duty(library: RuleLibrary) -> None:
    for catalogue in library.duty_catalogues:
        for duty in catalogue.duties:
            assert duty.source.para and duty.source.provenance in PROVENANCE


def test_rule_examples_cover_every_rule() -> None:
    assert {r.rule_id for r in RESULTS} == {r.id for r in [*LIBRARY.derivations, *LIBRARY.checks]}


def test_library_finds_bad_user_rules(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad-fact.yaml").write_text(
        "kind: rule\nversion: 1\ntype: derivation\nid: bad-fact\ntitle: t\nderives: x_fact\nlabel: x\n"
        "when: {fact: no_such_fact, '==': true}\nrationale: r\nexamples: {}\n"
    )
    library = load_library([tmp_path])
    messages = [(f.message, f.position.line if f.position else 0) for f in library.findings]
    assert ('unknown candidate fact "no_such_fact"', 8) in messages
