"""The rule library: a bad user rule file is a located finding, and the rest of the library still loads."""

from __future__ import annotations

from pathlib import Path

from speccheck.library.loading import load_library


def test_library_finds_bad_user_rules(tmp_path: Path) -> None:
    (tmp_path / "bad-fact.yaml").write_text(
        "kind: rule\nversion: 1\ntype: derivation\nid: bad-fact\ntitle: t\nderives: x_fact\nlabel: x\n"
        "when: {fact: no_such_fact, '==': true}\nrationale: r\nexamples: {}\n"
    )
    library = load_library([tmp_path])
    messages = [(f.message, f.position.line if f.position else 0) for f in library.findings]
    assert ('unknown candidate fact "no_such_fact"', 8) in messages


def test_bad_duty_catalogue_is_a_located_finding(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(
        "kind: duties\nversion: 1\nid: mine\nframework: F\nseverity: warning\nduties:\n"
        "  - id: x.one\n    text: t\n    applies_to: [teacher]\n    terms: [['@nope']]\n"
        "    source: {doc: D, para: '1', provenance: UNVERIFIED}\n"
    )
    library = load_library([tmp_path])
    assert any("no synonyms: nope" in f.message for f in library.findings)


def test_an_equivalent_route_for_an_unknown_fact_is_a_located_finding(tmp_path: Path) -> None:
    (tmp_path / "route-x.yaml").write_text(
        "kind: rule\nversion: 1\ntype: derivation\nid: route-x\ntitle: t\nderives: route_x\nlabel: l\n"
        "when: {fact: role_kinds, has: teacher}\nequivalent_for: [senior_leadership_experience, no_such_fact]\n"
        "rationale: r\nexamples: {}\n"
    )
    library = load_library([tmp_path])
    (finding,) = [f for f in library.findings if f.rule_id == "rule-unknown-fact"]
    assert '"no_such_fact"' in finding.message
    assert finding.position is not None and finding.position.line == 9


def test_a_duty_id_no_catalogue_defines_is_a_located_finding(tmp_path: Path) -> None:
    """An include or a duties_covered test that names no duty would cover nothing, or fire on every role."""
    (tmp_path / "mine.yaml").write_text(
        "kind: duties\nversion: 1\nid: mine\nframework: F\nseverity: warning\nduties:\n"
        "  - id: x.one\n    text: t\n    applies_to: [teacher]\n    includes: [x.nowhere]\n"
        "    source: {doc: D, para: '1', provenance: UNVERIFIED}\n"
    )
    (tmp_path / "my-check.yaml").write_text(
        "kind: rule\nversion: 1\ntype: check\nid: my-check\ntitle: t\ncategory: clarity\nseverity: info\n"
        "applies_to: [all]\nscope: role\nwhen: {not: {fact: duties_covered, has: x.elsewhere}}\nmessage: m\n"
        "source: [{doc: D, para: '1', provenance: UNVERIFIED, note: n}]\nrationale: r\nfix: f\nexamples: {}\n"
    )
    library = load_library([tmp_path])
    found = {
        (f.message, f.position.line if f.position else 0) for f in library.findings if f.rule_id == "unknown-duty-id"
    }
    assert found == {
        ('duty "x.one" includes "x.nowhere", which no duty catalogue defines', 10),
        ('rule "my-check" tests duties_covered for "x.elsewhere", which no duty catalogue defines', 10),
    }


def test_an_audit_reads_the_vocabularys_variants_without_compiling_the_rest_of_it() -> None:
    """Compiling every qualification and kind of post is for candidates; the normaliser shares the variants."""
    from speccheck.audit.run import audit_role
    from speccheck.files.loader import load_as
    from speccheck.files.role import Role

    library = load_library()
    loaded = load_as(Path(__file__).resolve().parents[2] / "samples" / "roles" / "deputy-head.yaml", Role)
    audit_role(loaded, library)
    assert library._normaliser is None
    assert library.normaliser.variants is library.variants
