"""Conditions (file form) -> expression text for the ZEN and rule-engine anchors.

Neither engine has a "no evidence" value that survives ``and`` / ``or`` the way Kleene logic needs,
and both fail comparing a missing value with a number. So each condition becomes two two-valued
expressions, exactly as speccheck's compiler does for durable_rules: one that holds when the
condition holds and one that holds when it is decided false, with the negation pushed down to the
comparisons (De Morgan) and every comparison guarded by the fact being present. Neither holding is
no evidence. ``matches`` reads the boolean feature the product decided in Python before any anchor
runs (neither engine sees the texts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from closures import THRESHOLDS, as_list, operator_of

NEGATED_THRESHOLD = {">=": "<", ">": "<=", "<=": ">", "<": ">="}


@dataclass(frozen=True)
class Dialect:
    """How an engine writes list membership; the rest of the syntax is common to both."""

    name: str
    # (fact, literals) -> "any item of the list is one of these" / "no item is"
    some: str
    none: str


ZEN = Dialect("zen", some="some({fact}, # in [{items}])", none="none({fact}, # in [{items}])")
RULE_ENGINE = Dialect(
    "rule_engine",
    some="({alternatives})",
    none="({absences})",
)


def literal(value: Any) -> str:
    """A scalar as both engines read it: true / false, a number, a double-quoted string without escapes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if not isinstance(value, str) or '"' in value or "\\" in value:
        raise ValueError(f"no plain literal for {value!r}")
    return json.dumps(value)


def _membership(dialect: Dialect, fact: str, wanted: list[str], *, negated: bool) -> str:
    items = ", ".join(literal(v) for v in wanted)
    alternatives = " or ".join(f"{literal(v)} in {fact}" for v in wanted)
    absences = " and ".join(f"{literal(v)} not in {fact}" for v in wanted)
    template = dialect.none if negated else dialect.some
    return template.format(fact=fact, items=items, alternatives=alternatives, absences=absences)


def _leaf(
    dialect: Dialect, comparison: dict[str, Any], features: dict[tuple[str, tuple[str, ...]], str], negated: bool
) -> str:
    fact = comparison["fact"]
    key, operand = operator_of(comparison)
    if key == "matches":
        feature = features[(fact, tuple(as_list(operand)))]
        return f"{feature} == {literal(not negated)}"
    if key == "exists":
        return f"{fact} != null" if bool(operand) != negated else f"{fact} == null"
    if key in THRESHOLDS:
        test = f"{fact} {NEGATED_THRESHOLD[key] if negated else key} {literal(operand)}"
    elif key in ("==", "!="):
        equal = (key == "==") != negated
        test = f"{fact} {'==' if equal else '!='} {literal(operand)}"
    else:  # has
        test = _membership(dialect, fact, as_list(operand), negated=negated)
    return f"({fact} != null and {test})"


def holds(
    dialect: Dialect,
    condition: dict[str, Any],
    features: dict[tuple[str, tuple[str, ...]], str],
    *,
    negated: bool = False,
) -> str:
    """Expression text that holds when the condition holds (``negated``: when it is decided false)."""
    if "fact" in condition:
        return _leaf(dialect, condition, features, negated)
    if "not" in condition:
        return holds(dialect, condition["not"], features, negated=not negated)
    key = "all" if "all" in condition else "any"
    parts = [holds(dialect, child, features, negated=negated) for child in condition[key]]
    if len(parts) == 1:
        return parts[0]
    conjunctive = (key == "all") != negated  # De Morgan
    return "(" + (" and " if conjunctive else " or ").join(parts) + ")"
