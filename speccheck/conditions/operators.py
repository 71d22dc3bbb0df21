"""The comparison operators of the condition language: one entry per operator.

Each entry says how the operator is written in YAML, which facts it may test,
how it compiles to a durable_rules pattern, how it reads in words, and what it
means on a plain value (the reference the differential tests hold the engine
to). The model, the type-checker, the compiler, the describer and the test
oracle all read this table, so an operator is added here and nowhere else
(plus its explicit field on ``Comparison``, which a test pins to this table).

Nothing here imports the compiler or the engine: the file models import the
AST, and the AST imports this table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

FactType = Literal["number", "bool", "string", "list", "text"]
Scalar = bool | int | float | str
# The value written after an operator: a threshold, a scalar, a text or a list of texts.
Operand = Scalar | list[str]
# Three-valued truth: True holds, False decided false, None unknown.
Truth = bool | None
# A durable_rules pattern: JSON data.
Pattern = dict[str, Any]


@dataclass(frozen=True)
class Operator:
    """One comparison operator and everything that depends on it.

    ``applies_to`` is the type of fact the operator may test: a fact type,
    ``"operand"`` when the fact must have the operand's own type (``==``,
    ``!=``), or ``"any"``. ``in_python`` operators are decided in Python before
    the facts are asserted; their compiled pattern tests a boolean feature
    property, and their reference receives that feature's truth as the value.
    """

    name: str  # the field name on ``Comparison``
    symbol: str  # as written in YAML
    applies_to: FactType | Literal["operand", "any"]
    # (property, operand, negated) -> the pattern that holds when the test holds (negated: decided false)
    compile: Callable[[str, Operand, bool], Pattern]
    # (fact label, operand, the fact's type if known) -> the test in words
    describe: Callable[[str, Operand, FactType | None], str]
    # (the fact's value, None when absent; operand) -> the test's Kleene truth
    reference: Callable[[Any, Operand], Truth]
    # engine comparisons the pattern holds, for the compiler's per-ruleset budget
    size: Callable[[Operand], int] = lambda operand: 1
    in_python: bool = False

    def required_type(self, operand: Operand) -> FactType | None:
        """The fact type this test needs with this operand; None when any fact will do."""
        if self.applies_to == "any":
            return None
        if self.applies_to == "operand":
            return operand_type(operand)
        return self.applies_to


def operand_type(operand: Operand) -> FactType:
    """The fact type a scalar operand belongs to (bool before number: True is an int in Python)."""
    if isinstance(operand, bool):
        return "bool"
    if isinstance(operand, (int, float)):
        return "number"
    return "string"


def items(operand: Operand) -> list[str]:
    """The operand of ``has`` or ``matches`` as a list of texts."""
    if isinstance(operand, str):
        return [operand]
    if isinstance(operand, list):
        return list(operand)
    raise TypeError(f"expected a text or a list of texts, got {operand!r}")


def _threshold(operand: Operand) -> float:
    if isinstance(operand, bool) or not isinstance(operand, (int, float)):
        raise TypeError(f"expected a number, got {operand!r}")
    return operand


def _plain(number: float) -> int | float:
    """A whole number as an int, so the engine and the words never show ``5.0``."""
    return int(number) if float(number).is_integer() else number


def _shown(operand: Operand) -> str:
    if isinstance(operand, (int, float)) and not isinstance(operand, bool):
        return str(_plain(operand))
    return str(operand)


def _or_list(values: list[str]) -> str:
    if len(values) == 1:
        return values[0]
    return ", ".join(values[:-1]) + " or " + values[-1]


_PATTERN_NOISE = [
    (re.compile(r"\\b"), ""),
    (re.compile(r"\\s[*+?]?|\[- \]\??|\[ -\]\??"), " "),
    (re.compile(r"\(\?:"), "("),
]


def readable(pattern: str) -> str:
    """A pattern as a panel can read it: no word-boundary or whitespace escapes."""
    for noise, replacement in _PATTERN_NOISE:
        pattern = noise.sub(replacement, pattern)
    return pattern.strip()


def same(actual: Any, operand: Any) -> bool:
    """Equality that never confuses a bool with a number (1 == True in Python)."""
    if isinstance(actual, bool) or isinstance(operand, bool):
        return isinstance(actual, bool) and isinstance(operand, bool) and actual is operand
    return bool(actual == operand)


# --------------------------------------------------------------------------- thresholds: >= > <= <


def _compare(direct: str, inverse: str) -> Callable[[str, Operand, bool], Pattern]:
    def compile_threshold(prop: str, operand: Operand, negated: bool) -> Pattern:
        return {inverse if negated else direct: {prop: _plain(_threshold(operand))}}

    return compile_threshold


def _say_threshold(words: str) -> Callable[[str, Operand, FactType | None], str]:
    def describe_threshold(label: str, operand: Operand, fact_type: FactType | None) -> str:
        return f"{label} {words} {_plain(_threshold(operand))}"

    return describe_threshold


def _ordered(test: Callable[[Any, float], Any]) -> Callable[[Any, Operand], Truth]:
    def reference_threshold(actual: Any, operand: Operand) -> Truth:
        return None if actual is None else bool(test(actual, _threshold(operand)))

    return reference_threshold


# --------------------------------------------------------------------------- equality: == !=


def _compile_equal(*, equal: bool) -> Callable[[str, Operand, bool], Pattern]:
    def compile_equality(prop: str, operand: Operand, negated: bool) -> Pattern:
        return {prop: operand} if equal != negated else {"$neq": {prop: operand}}

    return compile_equality


def _say_equal(*, equal: bool) -> Callable[[str, Operand, FactType | None], str]:
    def describe_equality(label: str, operand: Operand, fact_type: FactType | None) -> str:
        if isinstance(operand, bool) and fact_type == "bool":
            return label if operand == equal else f"not {label}"
        return f"{label} is {_shown(operand)}" if equal else f"{label} is not {_shown(operand)}"

    return describe_equality


def _reference_equal(*, equal: bool) -> Callable[[Any, Operand], Truth]:
    def reference_equality(actual: Any, operand: Operand) -> Truth:
        return None if actual is None else same(actual, operand) == equal

    return reference_equality


# --------------------------------------------------------------------------- has, matches, exists


def _compile_has(prop: str, operand: Operand, negated: bool) -> Pattern:
    wanted = items(operand)
    if not negated:
        inner: Pattern = {"$i": wanted[0]} if len(wanted) == 1 else {"$or": [{"$i": item} for item in wanted]}
        return {"$iany": {prop: inner}}
    none_equal: Pattern = (
        {"$neq": {"$i": wanted[0]}} if len(wanted) == 1 else {"$and": [{"$neq": {"$i": item}} for item in wanted]}
    )
    return {"$iall": {prop: none_equal}}


def _reference_has(actual: Any, operand: Operand) -> Truth:
    """Any listed value in the list; an empty list holds none."""
    if actual is None:
        return None
    wanted = items(operand)
    return any(item in wanted for item in actual)


def _compile_matches(prop: str, operand: Operand, negated: bool) -> Pattern:
    return {prop: not negated}  # prop is the feature decided in Python


def _say_matches(label: str, operand: Operand, fact_type: FactType | None) -> str:
    return f"{label} mention {_or_list(['“' + readable(pattern) + '”' for pattern in items(operand)])}"


def _reference_matches(feature: Any, operand: Operand) -> Truth:
    """Whatever the text test in Python decided: True, False, or None (open world)."""
    return None if feature is None else bool(feature)


def _compile_exists(prop: str, operand: Operand, negated: bool) -> Pattern:
    present = bool(operand) != negated
    return {"$ex" if present else "$nex": {prop: 1}}


def _say_exists(label: str, operand: Operand, fact_type: FactType | None) -> str:
    return f"{label} given" if operand else f"{label} not given"


def _reference_exists(actual: Any, operand: Operand) -> Truth:
    """Always decided: presence is known even when the value is not."""
    return (actual is not None) == bool(operand)


# --------------------------------------------------------------------------- the registry

OPERATORS: dict[str, Operator] = {
    operator.name: operator
    for operator in (
        Operator(
            name="gte",
            symbol=">=",
            applies_to="number",
            compile=_compare("$gte", "$lt"),
            describe=_say_threshold("at least"),
            reference=_ordered(lambda actual, operand: actual >= operand),
        ),
        Operator(
            name="gt",
            symbol=">",
            applies_to="number",
            compile=_compare("$gt", "$lte"),
            describe=_say_threshold("more than"),
            reference=_ordered(lambda actual, operand: actual > operand),
        ),
        Operator(
            name="lte",
            symbol="<=",
            applies_to="number",
            compile=_compare("$lte", "$gt"),
            describe=_say_threshold("at most"),
            reference=_ordered(lambda actual, operand: actual <= operand),
        ),
        Operator(
            name="lt",
            symbol="<",
            applies_to="number",
            compile=_compare("$lt", "$gte"),
            describe=_say_threshold("less than"),
            reference=_ordered(lambda actual, operand: actual < operand),
        ),
        Operator(
            name="eq",
            symbol="==",
            applies_to="operand",
            compile=_compile_equal(equal=True),
            describe=_say_equal(equal=True),
            reference=_reference_equal(equal=True),
        ),
        Operator(
            name="ne",
            symbol="!=",
            applies_to="operand",
            compile=_compile_equal(equal=False),
            describe=_say_equal(equal=False),
            reference=_reference_equal(equal=False),
        ),
        Operator(
            name="has",
            symbol="has",
            applies_to="list",
            compile=_compile_has,
            describe=lambda label, operand, fact_type: f"{label} include {_or_list(items(operand))}",
            reference=_reference_has,
            size=lambda operand: len(items(operand)),
        ),
        Operator(
            name="matches",
            symbol="matches",
            applies_to="text",
            compile=_compile_matches,
            describe=_say_matches,
            reference=_reference_matches,
            in_python=True,
        ),
        Operator(
            name="exists",
            symbol="exists",
            applies_to="any",
            compile=_compile_exists,
            describe=_say_exists,
            reference=_reference_exists,
        ),
    )
}
