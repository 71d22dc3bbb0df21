"""The facts reference for rule authors: every fact of every scope, with its type and meaning, as Markdown.

Written from the fact registry (``speccheck.facts.scopes``) to ``docs/facts.md``;
a test regenerates it and compares, so the document cannot drift from the code.
"""

from __future__ import annotations

from collections.abc import Sequence

from speccheck.conditions.operators import OPERATORS, FactType, Operator
from speccheck.facts.fact import Fact, Scope

# A scalar operand (== and !=) is a number, a bool or a string: those fact types take them.
_SCALAR_TYPES: tuple[FactType, ...] = ("number", "bool", "string")
_FACT_TYPES: tuple[FactType, ...] = ("number", "bool", "string", "list", "text")


def _accepts(operator: Operator, fact_type: FactType) -> bool:
    if operator.applies_to == "operand":
        return fact_type in _SCALAR_TYPES
    return operator.applies_to in ("any", fact_type)


# The operators a condition may use on a fact of each type, read from the operator registry.
OPERATORS_BY_TYPE: dict[FactType, tuple[str, ...]] = {
    fact_type: tuple(op.symbol for op in OPERATORS.values() if _accepts(op, fact_type)) for fact_type in _FACT_TYPES
}

_INTRO = """\
A condition tests facts of one scope. Criterion conditions (`condition:` in a
role file) and derivation rules test candidate facts; a check rule tests the
facts of the scope it names (`scope: role`, `criterion` or `duty`). A fact the
file does not give is absent, never guessed: `exists` says whether it is given.
Candidate facts include one `responsibilities_as_<kind>` per kind of post in
the bundled vocabulary and one fact per bundled derivation rule; rule folders
of your own may add more.

The type of a fact decides the operators a condition may use on it:
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _operators() -> list[str]:
    lines = ["| type | operators |", "|---|---|"]
    for fact_type, symbols in OPERATORS_BY_TYPE.items():
        lines.append(f"| {fact_type} | {' '.join(f'`{s}`' for s in symbols)} |")
    return lines


def _row(fact: Fact) -> str:
    return f"| `{fact.name}` | {fact.type} | {_cell(fact.label)} | {_cell(fact.source)} |"


def _scope(scope: Scope) -> list[str]:
    lines = [f"## {scope.name}", "", scope.subject[0].upper() + scope.subject[1:] + ".", ""]
    lines += ["| fact | type | meaning | from |", "|---|---|---|---|"]
    lines += [_row(fact) for fact in scope.facts]
    return lines


def facts_reference(scopes: Sequence[Scope]) -> str:
    """The reference as Markdown: how facts are tested, then one table per scope."""
    lines = [
        "# Facts a condition can test",
        "",
        "<!-- Generated from the fact registry (speccheck/facts/scopes.py) by speccheck.facts.reference;"
        " a test keeps it from drifting. Do not edit by hand. -->",
        "",
        _INTRO.rstrip("\n"),
        "",
        *_operators(),
        "",
        "Scopes: " + ", ".join(f"[{s.name}](#{s.name}) ({len(s.facts)} facts)" for s in scopes) + ".",
    ]
    for scope in scopes:
        lines += ["", *_scope(scope)]
    return "\n".join(lines) + "\n"
