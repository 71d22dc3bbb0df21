"""Rule documentation: the README's rule table is generated (drift test), and every rule id speccheck can report is documented."""

from __future__ import annotations

import ast
from pathlib import Path

from speccheck.library.loading import RuleLibrary
from speccheck.rulebook.docs import (
    BUILTIN_RULES,
    README_BEGIN,
    README_END,
    catalogue_markdown,
    rule_infos,
    rules_table,
    update_readme,
)

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "speccheck"


def test_readme_rule_table_is_generated(library: RuleLibrary, update_goldens: bool) -> None:
    readme = ROOT / "README.md"
    text = readme.read_text()
    assert README_BEGIN in text and README_END in text, "README lost its rule table markers"
    expected = update_readme(text, rules_table(rule_infos(library, base=ROOT)))
    if update_goldens and expected != text:
        readme.write_text(expected)
        text = expected
    assert text == expected, (
        "README rule table drifted: python -m pytest tests/rulebook/test_docs.py --update-goldens (or speccheck rules docs --table)"
    )


def _literal_rule_ids() -> set[str]:
    """Every rule_id="..." literal in the package: the findings it can report without a rule file."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg == "rule_id" and isinstance(node.value, ast.Constant):
                found.add(node.value.value)
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "_meta"
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    return found


def test_every_built_in_finding_is_documented() -> None:
    documented = {info.id for info in BUILTIN_RULES}
    missing = _literal_rule_ids() - documented
    assert not missing, f"add these to speccheck.rulebook.docs.BUILTIN_RULES: {sorted(missing)}"


def test_built_in_rules_are_complete_and_unique(library: RuleLibrary) -> None:
    ids = [info.id for info in rule_infos(library)]
    assert len(ids) == len(set(ids)), "a rule file reuses a built-in id"
    for info in BUILTIN_RULES:
        assert info.title and info.rationale and info.fix and info.severity is not None, info.id


def test_catalogue_has_a_section_per_rule(library: RuleLibrary) -> None:
    text = catalogue_markdown(library, base=ROOT)
    for info in rule_infos(library):
        assert f"### `{info.id}`" in text
