"""A role's program: the findings lint reports are those evaluation's compile_role reports, without the plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.conditions import compiler
from speccheck.conditions.ast import facts_used
from speccheck.evaluate.plans import compile_role
from speccheck.files.loader import Loaded, load_as, load_text
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary
from speccheck.library.programs import needed_derivations, role_program

ROOT = Path(__file__).resolve().parents[2]
ROLE_FILES = sorted(
    [*(ROOT / "samples" / "roles").glob("*.yaml"), *(ROOT / "tests" / "data" / "lint-project" / "roles").glob("*.yaml")]
)

HEADER = "kind: role\nversion: 1\ntitle: T\npost_type: deputy_headteacher\ncriteria:\n"


def _criterion(condition: str) -> str:
    return f"  - {{id: E1, text: t, level: essential, category: other, assessed_by: [application], condition: {condition}}}\n"


MADE_UP = {
    "type-error": HEADER + _criterion("{fact: has_qts, '>=': 3}"),
    "unknown-fact": HEADER + _criterion("{fact: no_such_fact, '==': true}"),
    "too-many-comparisons": HEADER
    + _criterion("{any: [" + ", ".join(f"{{fact: key_stages, has: v{i}}}" for i in range(40)) + "]}"),
}


def _same_as_evaluation(loaded: Loaded[Role], library: RuleLibrary) -> None:
    program, findings = role_program(loaded, library)
    compiled, expected = compile_role(loaded, library)
    assert findings == expected
    assert (program is None) == (compiled is None)
    if compiled is not None:
        assert program == compiled.program


@pytest.mark.parametrize("path", ROLE_FILES, ids=lambda p: p.name)
def test_role_files_compile_as_evaluation_compiles_them(path: Path, library: RuleLibrary) -> None:
    loaded = load_as(path, Role)
    if loaded.model is not None:
        _same_as_evaluation(loaded, library)


@pytest.mark.parametrize("name", sorted(MADE_UP))
def test_bad_conditions_give_the_findings_evaluation_gives(name: str, library: RuleLibrary) -> None:
    loaded = load_text(MADE_UP[name], "role.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    program, findings = role_program(loaded, library)
    assert program is None and findings and all(f.position is not None for f in findings)
    assert {f.rule_id for f in findings} == {"engine-limit" if name == "too-many-comparisons" else "condition"}
    _same_as_evaluation(loaded, library)


def test_needed_derivations_follow_derived_facts(library: RuleLibrary) -> None:
    derived = {d.derives for d in library.derivations}
    reading_another = next(d for d in library.derivations if derived & set(facts_used(d.when)))
    names = [unit.name for unit in needed_derivations(library, [reading_another.derives])]
    assert reading_another.derives in names and len(names) >= 2 and names == sorted(names)
    assert needed_derivations(library, ["years_teaching"]) == []


def test_needed_derivations_of_the_bundled_qts_rule(library: RuleLibrary) -> None:
    names = [unit.name for unit in needed_derivations(library, ["has_qts", "years_teaching"])]
    assert names == ["has_qts", "route_gtcs_gtcni_registration"]  # with the route that stands in for it
    assert needed_derivations(library, ["personal_statement"]) == []


@pytest.mark.parametrize("path", sorted((ROOT / "samples" / "roles").glob("*.yaml")), ids=lambda p: p.stem)
def test_derivations_compiled_once_compile_as_afresh(path: Path, library: RuleLibrary) -> None:
    """A role's program is the same whether its derivations were compiled for an earlier role or just now."""
    loaded = load_as(path, Role)
    compiler._DERIVED.clear()
    fresh, _ = role_program(loaded, library)
    again, _ = role_program(loaded, library)  # the derivations from the cache
    assert fresh is not None and again == fresh
    assert fresh.key == again.key and [f.name for f in fresh.features] == [f.name for f in again.features]
