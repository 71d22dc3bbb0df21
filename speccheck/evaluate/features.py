"""Text features decided in Python before the facts are asserted: which patterns a text matches, and where."""

from __future__ import annotations

from speccheck.conditions.compiler import Program
from speccheck.core.patterns import Pattern, compile_pattern
from speccheck.facts.values import Facts, TextItem
from speccheck.text.reading import search
from speccheck.text.scope import Stance
from speccheck.text.variants import Variants


def feature_values(
    program: Program,
    facts: Facts,
    *,
    closed_world: bool,
    variants: Variants | None = None,
    closed_texts: frozenset[str] = frozenset(),
) -> tuple[dict[str, bool], dict[str, tuple[TextItem, str]]]:
    """Decide each text feature in Python: the values to assert and the first match of each.

    Open world (candidates): a text that does not match says nothing, so the
    feature is left absent; with ``variants`` the text is read through the text
    layer (abbreviations read, and a match the writer denies or only hopes for
    is no match). Closed world (role audits): the role is the whole text, so no
    match is decided false. ``closed_texts`` are texts the subject gives in
    full, such as the list of qualifications: when given, no match in them is
    decided false even in the open world.
    """
    values: dict[str, bool] = {}
    hits: dict[str, tuple[TextItem, str]] = {}
    for feature in program.features:
        items = facts.texts.get(feature.fact)
        if items is None:
            continue
        hit = (
            _first_match(items, feature.patterns)
            if variants is None
            else _first_claimed(items, feature.patterns, variants)
        )
        if hit is not None:
            values[feature.name] = True
            hits[feature.name] = hit
        elif closed_world or (feature.fact in closed_texts and items):
            values[feature.name] = False
    return values, hits


def _compiled(pattern: str) -> Pattern:
    return compile_pattern(pattern)


def _first_match(items: list[TextItem], patterns: tuple[str, ...]) -> tuple[TextItem, str] | None:
    for item in items:
        for pattern in patterns:
            found = _compiled(pattern).search(item.text)
            if found:
                return item, found.group(0)
    return None


def _first_claimed(items: list[TextItem], patterns: tuple[str, ...], variants: Variants) -> tuple[TextItem, str] | None:
    """The first match the writer claims, read through the text layer ("no whole-school role" is no match)."""
    for item in items:
        for pattern in patterns:
            found = search(item.text, _compiled(pattern), variants)
            if found is not None and found.stance in (Stance.CLAIMED, Stance.PARTIAL):
                return item, found.text
    return None
