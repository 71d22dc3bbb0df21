"""Rule documentation: the README's rule table is generated (drift test), and the catalogue has a section per rule."""

from __future__ import annotations

from pathlib import Path

from speccheck.library.loading import RuleLibrary
from speccheck.rulebook.descriptors import rule_infos
from speccheck.rulebook.docs import catalogue_markdown, rules_table

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "speccheck"
README_BEGIN = "<!-- rules:begin -->"
README_END = "<!-- rules:end -->"


def update_readme(readme: str, table: str) -> str:
    """The README text with the generated table placed between the rule markers."""
    start = readme.index(README_BEGIN) + len(README_BEGIN)
    end = readme.index(README_END)
    return readme[:start] + "\n" + table + readme[end:]


def test_readme_rule_table_is_generated(library: RuleLibrary, update_goldens: bool) -> None:
    readme = ROOT / "docs" / "rules.md"
    text = readme.read_text()
    assert README_BEGIN in text and README_END in text, "docs/rules.md lost its rule table markers"
    expected = update_readme(text, rules_table(rule_infos(library, base=ROOT)))
    if update_goldens and expected != text:
        readme.write_text(expected)
        text = expected
    assert text == expected, (
        "docs/rules.md rule table drifted: python -m pytest tests/rulebook/test_docs.py --update-goldens (or speccheck rules docs --table)"
    )


def test_catalogue_has_a_section_per_rule(library: RuleLibrary) -> None:
    text = catalogue_markdown(library, base=ROOT)
    for info in rule_infos(library):
        assert f"### `{info.id}`" in text
