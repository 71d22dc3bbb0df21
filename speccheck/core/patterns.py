"""Regular expressions written in files (a role's ``matches``, a rule pack's vocabulary or duty patterns), run on
a time budget.

Python's ``re`` backtracks without limit: ``^(a+)+$`` or ``^(a|aa)+$`` on a
long enough text runs for minutes. RE2 (``google-re2``) cannot be the engine:
it is linear, but refuses look-around, and 35 of the 400 bundled patterns use
it (``(?<!acting )``, ``(?! of\\b)``). So every pattern from a file is compiled
here with the ``regex`` module (the same syntax as ``re``, look-around
included) and every search runs with a time budget (processor time, as the
``regex`` module counts it): a search that exceeds it
raises ``PatternTimeout``, a ``SpeccheckError`` naming the pattern, instead of
hanging the run. The budget is far above any real search (the bundled
patterns take microseconds on a statement).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any, Protocol

import regex

from speccheck.core.errors import SpeccheckError

BUDGET_SECONDS = 1.0


class Match(Protocol):
    """What callers use of a match (``re.Match`` and ``regex.Match`` both are one)."""

    def start(self, group: int = ...) -> int: ...
    def end(self, group: int = ...) -> int: ...
    def group(self, group: int = ...) -> str: ...


class PatternTimeout(SpeccheckError):
    """A pattern from a file took longer than the budget on one text: it backtracks catastrophically."""


class Pattern:
    """A compiled pattern whose every search is bounded by ``BUDGET_SECONDS``.

    Compiling with ``regex`` costs about 0.3 ms a pattern (its parser is Python), and most patterns a run holds
    are never searched (``core.literals`` rules out the texts they cannot match): a pattern known to compile
    (``checked_pattern``) is compiled at its first search.
    """

    __slots__ = ("_compiled", "_flags", "pattern")

    def __init__(self, pattern: str, *, ignore_case: bool, compiled: bool = True) -> None:
        self.pattern = pattern
        self._flags = regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0)
        self._compiled: Any = regex.compile(pattern, self._flags) if compiled else None

    @property
    def _regex(self) -> Any:
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self._flags)
        return self._compiled

    def search(self, text: str) -> Match | None:
        try:
            found: Match | None = self._regex.search(text, timeout=BUDGET_SECONDS)
        except TimeoutError:
            raise self._timeout(text) from None
        return found

    def finditer(self, text: str) -> Iterator[Match]:
        try:
            yield from self._regex.finditer(text, timeout=BUDGET_SECONDS)
        except TimeoutError:
            raise self._timeout(text) from None

    def _timeout(self, text: str) -> PatternTimeout:
        return PatternTimeout(
            f'pattern "{self.pattern}" took more than {BUDGET_SECONDS:g} s on a text of {len(text)} characters',
            hint="a repeat inside a repeat, such as (a+)+, backtracks catastrophically; simplify it",
        )

    def __repr__(self) -> str:
        return f"Pattern({self.pattern!r})"

    def __reduce__(
        self,
    ) -> tuple[Any, ...]:  # sent to worker processes (and cached) as its text, compiled there when searched
        return (checked_pattern, (self.pattern, self._flags & regex.IGNORECASE != 0))


@lru_cache(maxsize=4096)
def compile_pattern(pattern: str, ignore_case: bool = True) -> Pattern:
    """The pattern compiled (cached); ``regex.error`` if it is not one."""
    return Pattern(pattern, ignore_case=ignore_case)


@lru_cache(maxsize=4096)
def checked_pattern(pattern: str, ignore_case: bool = True) -> Pattern:
    """A pattern known to compile (a rule file's, checked when the file was loaded), compiled at its first search."""
    return Pattern(pattern, ignore_case=ignore_case, compiled=False)


def pattern_error(pattern: str) -> str | None:
    """Why a pattern cannot be compiled, or None when it can."""
    try:
        compile_pattern(pattern)
    except regex.error as exc:
        return str(exc)
    return None
