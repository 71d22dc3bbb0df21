"""Rule descriptors: every rule file of the library and every built-in id, each once."""

from __future__ import annotations

from pathlib import Path

from speccheck.library.loading import RuleLibrary
from speccheck.results.builtin_rules import BUILTIN_RULES
from speccheck.rulebook.descriptors import examples_of, rule_infos

ROOT = Path(__file__).resolve().parents[2]


def test_rule_files_and_built_ins_each_have_one_descriptor(library: RuleLibrary) -> None:
    infos = rule_infos(library, base=ROOT)
    ids = [info.id for info in infos]
    assert len(ids) == len(set(ids)), "a rule file reuses a built-in id"
    assert ids == sorted(ids)
    assert set(ids) == {info.id for info in BUILTIN_RULES} | set(library.rule_ids())


def test_rule_files_are_shown_relative_to_the_checkout(library: RuleLibrary) -> None:
    files = [info for info in rule_infos(library, base=ROOT, builtins=False)]
    assert files and all(info.kind != "built-in" for info in files)
    assert all(info.path is not None and info.path.startswith("rules/") for info in files)


def test_examples_belong_to_rule_files_only(library: RuleLibrary) -> None:
    check = library.checks[0]
    assert examples_of(library, check.id) == {
        "pass": list(check.examples.passing),
        "fail": list(check.examples.failing),
    }
    assert examples_of(library, "schema") == {"pass": [], "fail": []}


def test_professional_standards_are_not_labelled_statutory(library: RuleLibrary) -> None:
    """The Headteachers' Standards and the Teachers' Standards are guidance, not the post's statutory duties."""
    infos = {info.id: info for info in rule_infos(library, builtins=False)}
    for catalogue in library.duty_catalogues:
        info = infos[catalogue.id]
        if catalogue.framework_kind == "standard":
            assert info.category == "standards" and "statutory" not in info.title, catalogue.id
            assert not info.rationale.startswith("The statutory duties"), catalogue.id
        else:
            assert info.category == ("shared" if catalogue.framework_kind == "shared" else "statutory"), catalogue.id
