"""The condition language as data: comparisons on one fact, all / any / not, and walks over them.

These models are the engine-neutral intermediate form the compiler turns into
durable_rules rulesets; role and rule files embed them. The operators a
comparison may use, and their symbols, come from ``operators.OPERATORS``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

from speccheck.conditions.operators import OPERATORS, Operand, Scalar, items
from speccheck.core.model import StrictModel as _Strict
from speccheck.core.patterns import pattern_error

MAX_PATTERN_LENGTH = 200
# all, any and not nested deeper than this are refused when a file is loaded: the engine takes at most 14 groups
# in one condition (the compiler counts them exactly, conditions.compiler.MAX_GROUPS_PER_RULE).
MAX_DEPTH = 12
# Property names the engine adapter uses itself; a fact may not take them.
RESERVED_FACTS = frozenset({"t", "sid", "id", "ref"})
# durable_rules reads numbers as doubles and cannot parse exponent notation:
# thresholds stay in a range where every value is exact and printed plainly.
MAX_NUMBER = 1e12
FACT_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
# A place inside a condition, as keys and indexes from its root, e.g. ("all", 0, "fact").
Loc = tuple[str | int, ...]


# --------------------------------------------------------------------------- conditions


class Comparison(_Strict):
    """A test on one fact. Exactly one operator key is given."""

    fact: str = Field(pattern=FACT_PATTERN, description="Name of the fact tested, e.g. years_teaching.")
    gte: float | None = Field(default=None, alias=">=", description="Fact is at least this number.")
    gt: float | None = Field(default=None, alias=">", description="Fact is more than this number.")
    lte: float | None = Field(default=None, alias="<=", description="Fact is at most this number.")
    lt: float | None = Field(default=None, alias="<", description="Fact is less than this number.")
    eq: Scalar | None = Field(default=None, alias="==", description="Fact equals this value.")
    ne: Scalar | None = Field(default=None, alias="!=", description="Fact is present and differs from this value.")
    has: str | list[str] | None = Field(
        default=None,
        description="List fact contains this value (or any of these values).",
    )
    matches: str | list[str] | None = Field(
        default=None,
        description=(
            "Text fact contains a match for this case-insensitive regular expression "
            "(or any of these); matched in Python, never by the engine."
        ),
    )
    exists: bool | None = Field(default=None, description="true: the fact is present; false: it is absent.")

    @model_validator(mode="after")
    def _one_operator(self) -> Comparison:
        given = [name for name in OPERATORS if getattr(self, name) is not None]
        if len(given) != 1:
            names = ", ".join(operator.symbol for operator in OPERATORS.values())
            found = ", ".join(OPERATORS[name].symbol for name in given) or "none"
            raise ValueError(f"a comparison needs exactly one operator of {names}; found {found}")
        return self

    @field_validator("has", "matches")
    @classmethod
    def _non_empty_list(cls, value: str | list[str] | None) -> str | list[str] | None:
        if isinstance(value, list) and not value:
            raise ValueError("give at least one value")
        for item in [value] if isinstance(value, str) else value or []:
            if not item:
                raise ValueError("values must not be empty text")
        return value

    @field_validator("fact")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_FACTS:
            raise ValueError(f'"{value}" is reserved; choose another fact name')
        return value

    @field_validator("gte", "gt", "lte", "lt", "eq", "ne")
    @classmethod
    def _plain_number(cls, value: Scalar | None) -> Scalar | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if value != value or abs(value) >= MAX_NUMBER:
                raise ValueError(f"numbers must be between -{MAX_NUMBER:.0f} and {MAX_NUMBER:.0f}")
            if round(value, 4) != value:
                raise ValueError("numbers may have at most 4 decimal places")
        return value

    @field_validator("matches")
    @classmethod
    def _valid_patterns(cls, value: str | list[str] | None) -> str | list[str] | None:
        for pattern in [value] if isinstance(value, str) else value or []:
            if len(pattern) > MAX_PATTERN_LENGTH:
                raise ValueError(f"pattern is longer than {MAX_PATTERN_LENGTH} characters")
            problem = pattern_error(pattern)
            if problem is not None:
                raise ValueError(f'pattern "{pattern}" is not a valid regular expression: {problem}')
        return value

    @property
    def operator(self) -> str:
        """The internal name of the one operator given (gte, has, matches ...)."""
        return next(name for name in OPERATORS if getattr(self, name) is not None)

    @property
    def value(self) -> Operand:
        """The operand of the one operator given."""
        operand: Operand = getattr(self, self.operator)
        return operand

    def values(self) -> list[str]:
        """The operand of ``has`` / ``matches`` as a list."""
        return items(self.value)


class _Group(_Strict):
    """all, any and not: nested at most ``MAX_DEPTH`` deep, checked as the file is loaded (with its position)."""

    @model_validator(mode="after")
    def _shallow(self) -> _Group:
        if depth(self) > MAX_DEPTH:  # type: ignore[arg-type]
            raise ValueError(f"conditions are nested more than {MAX_DEPTH} deep (all, any and not)")
        return self


class AllOf(_Group):
    """True when every listed condition is true."""

    all: list[Condition] = Field(min_length=1, description="Conditions that must all hold.")


class AnyOf(_Group):
    """True when at least one listed condition is true."""

    any: list[Condition] = Field(min_length=1, description="Conditions of which one must hold.")


class Not(_Group):
    """True when the inner condition is decided false."""

    not_: Condition = Field(alias="not", description="The condition to negate.")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return {AllOf: "all", AnyOf: "any", Not: "not", Comparison: "fact"}.get(type(value))
    if isinstance(value, dict):
        for key in ("all", "any", "not", "fact"):
            if key in value:
                return key
    return None


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Comparison, Tag("fact")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="a condition needs one of the keys all, any, not or fact",
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()


# --------------------------------------------------------------------------- walks


def leaves(condition: Condition, loc: Loc = ()) -> Iterator[tuple[Comparison, Loc]]:
    """Every comparison in a condition with its location inside the condition."""
    if isinstance(condition, Comparison):
        yield condition, loc
    elif isinstance(condition, AllOf):
        for index, child in enumerate(condition.all):
            yield from leaves(child, (*loc, "all", index))
    elif isinstance(condition, AnyOf):
        for index, child in enumerate(condition.any):
            yield from leaves(child, (*loc, "any", index))
    elif isinstance(condition, Not):
        yield from leaves(condition.not_, (*loc, "not"))


def depth(condition: Condition) -> int:
    """How deep all, any and not nest in a condition (a comparison alone: 0)."""
    if isinstance(condition, AllOf):
        return 1 + max(depth(child) for child in condition.all)
    if isinstance(condition, AnyOf):
        return 1 + max(depth(child) for child in condition.any)
    if isinstance(condition, Not):
        return 1 + depth(condition.not_)
    return 0


def facts_used(condition: Condition) -> list[str]:
    """Names of the facts a condition tests, in first-use order, without repeats."""
    seen: dict[str, None] = {}
    for leaf, _ in leaves(condition):
        seen.setdefault(leaf.fact, None)
    return list(seen)
