"""A subject's facts as values: typed engine values, texts that keep their place in the file.

Every value has one type (numbers are numbers, flags are booleans) because
durable_rules compares mismatched types as text. A fact the file does not give
is absent, never guessed. Texts are matched in Python (``matches``); the engine
only learns whether there is any.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from speccheck.conditions.compiler import EMPTY_LIST

Loc = tuple[str | int, ...]

# The values a fact can take: a string, a number, a flag or a list of strings.
FactValue = bool | int | float | str | list[str]


@dataclass(frozen=True)
class TextItem:
    """A piece of a file's text and where it stands in the file."""

    text: str
    loc: Loc


@dataclass
class Facts:
    """A subject's facts: engine values (scalars, lists) and texts for Python matching.

    ``notes`` and ``left_out`` are the words a panel checks a value by, never seen by the engine: what a
    value was made of ("Primary Teacher 2012–2018" for years of teaching, "advanced skills teacher" for a
    kind of post held) and what was seen but did not count, with why ("Nursery Manager 2016– is early
    years, not school teaching").
    """

    values: dict[str, FactValue] = field(default_factory=dict)
    texts: dict[str, list[TextItem]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    left_out: dict[str, list[str]] = field(default_factory=dict)


def engine_values(facts: Facts) -> dict[str, FactValue]:
    """Values as the engine must see them.

    An empty list is asserted as the compiler's ``EMPTY_LIST`` (see there). A text fact is asserted as ``true``
    when the application gives any of that text, so ``exists`` works on it;
    its words never reach the engine (``matches`` is decided in Python).
    """
    result: dict[str, FactValue] = {}
    for name, value in facts.values.items():
        result[name] = EMPTY_LIST if isinstance(value, list) and not value else value
    for name, items in facts.texts.items():
        if items:
            result[name] = True
    return result
