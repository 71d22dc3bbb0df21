"""The words a pattern cannot match without: a text holding none of them is passed over without a search.

Compiling a pattern with the ``regex`` module costs about 0.3 ms (its parser is
Python), searching with it microseconds; an audit tries about 250 patterns
against every statement of a role, and most statements hold none of a
pattern's words. So each pattern is read once with the standard library's
parser (about a fifth of the cost) for what any match of it must contain: at
least one of a set of lower-case ASCII strings ("sense of humo" for
``\\bsense of humou?r``, "astute" or "perceptive" ... for an alternation). A
text that is ``foldable`` and holds none of them cannot match, and needs
neither the compiled pattern nor a search; any other text is searched as
before. Nothing here decides a match: it only rules out texts that cannot.

Why this is sound, for patterns compiled case-insensitively by
``core.patterns``:

- only literal ASCII characters (lower-cased) and a few typographic characters
  with no case at all ("£", "–") are required, and only where the
  pattern must match them one after another; a class, a repeat that may
  match nothing, a look-around, an anchor and any other character end a run,
  and an alternation needs one of its branches' words (none when any branch
  has none). A pattern with no such words (``\\d{2}``) rules nothing out;
- case-insensitive matching relates an ASCII letter to its other case, and to
  a few other characters (the Kelvin sign, the long s, dotted and dotless i):
  a text holding any character whose case forms touch ASCII, or change length,
  is not ``foldable`` and is always searched; in every other text, lower-casing
  maps a character the pattern matches to the character it is written as;
- the patterns are written for ``regex`` (version 0, compatible with ``re``),
  and read here by ``re``'s parser: a pattern it rejects or warns about, or
  that holds a literal brace or closing bracket (``regex`` reads ``{e<=1}`` as
  fuzzy matching and ``[[:alpha:]]`` as a class, where ``re`` would read
  literals), rules nothing out.
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

# The standard library's regular expression parser and its opcodes (``re._parser`` since Python 3.11).
_parser: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

Needs = frozenset[str] | None  # at least one of these strings, lower case; None: anything may match

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)
_REFUSED = {ord("{"), ord("}"), ord("]")}  # literals regex may read otherwise (fuzzy counts, POSIX classes)
# Typographic characters patterns use that have no other case in any Unicode version (a test asks regex):
# they are required as written. Other non-ASCII characters end a run: regex's case tables may be newer than
# Python's (regex 2026 pairs U+019B with U+A7DC; Python 3.11 knows no case for either).
CASELESS = frozenset("£€–—‘’“”…•§°")


class _Unsure(Exception):
    """The pattern holds something ``re`` may read otherwise than ``regex``."""


_KNOWN: dict[str, Needs] = {}  # pattern -> what it needs, as read or as a cached rule library learnt it


def needed(pattern: str) -> Needs:
    """The strings one of which every match of ``pattern`` (case-insensitive) holds; None when unknown."""
    if pattern in _KNOWN:
        return _KNOWN[pattern]
    needs = _KNOWN[pattern] = _read(pattern)
    return needs


def learn(table: Mapping[str, Needs]) -> None:
    """Take what patterns need as read before (a cached rule library keeps it for its patterns): reading a
    pattern gives the same answer every time, so this only saves reading it again."""
    _KNOWN.update(table)


def _read(pattern: str) -> Needs:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # e.g. "possible nested set": regex may read it as a class
            parsed = _parser.parse(pattern, re.IGNORECASE)
        return _sequence(list(parsed))
    except (re.error, Warning, _Unsure, RecursionError, ValueError, TypeError):
        return None


@lru_cache(maxsize=4096)
def needed_by_any(patterns: tuple[str, ...]) -> Needs:
    """What a text must hold for any of ``patterns`` to match: the union of their needs; None when any is None."""
    found: set[str] = set()
    for pattern in patterns:
        needs = needed(pattern)
        if needs is None:
            return None
        found |= needs
    return frozenset(found)


_MOST = 32  # strings a run of exact elements may stand for (alternatives multiply); beyond, a new run starts


def _sequence(items: list[tuple[Any, Any]]) -> Needs:
    """The most selective need of a sequence: each run of elements that match exact strings, one after
    another (their strings joined: ``(school|sector)s?`` -> school, sector), and each other part that must
    match, is one; the run or part whose shortest string is longest is taken."""
    candidates: list[frozenset[str]] = []
    run: frozenset[str] = frozenset([""])
    for op, value in items:
        exact = _exact(op, value)
        if exact is not None:
            joined = frozenset(a + b for a in run for b in exact)
            if len(joined) <= _MOST:
                run = joined
                continue
            _keep(candidates, run)
            run = exact
            continue
        _keep(candidates, run)
        run = frozenset([""])
        part = _part(op, value)
        if part:
            candidates.append(part)
    _keep(candidates, run)
    if not candidates:
        return None
    return max(candidates, key=lambda needs: (min(len(s) for s in needs), -len(needs)))


def _keep(candidates: list[frozenset[str]], run: frozenset[str]) -> None:
    """A run is a need when none of its strings is empty; a string holding another is left out (the text
    holds the shorter whenever it holds the longer)."""
    if "" not in run:
        candidates.append(frozenset(s for s in run if not any(t != s and t in s for t in run)))


def _exact(op: Any, value: Any) -> frozenset[str] | None:
    """The strings (lower case) one element matches exactly, one of them every time; None when it may match
    other text. Look-arounds and anchors match the empty string: the text around them is contiguous."""
    if op is sre.LITERAL:
        if value in _REFUSED:
            raise _Unsure
        char = chr(value)
        return frozenset([char.lower()]) if value < 128 or char in CASELESS else None
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in value):  # a class of characters only: [cs]
        chars = [_exact(kind, code) for kind, code in value]
        return None if None in chars else frozenset(c for found in chars if found is not None for c in found)
    if op is sre.AT:
        return frozenset([""])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        _check(value[1])
        return frozenset([""])
    if op is sre.SUBPATTERN:
        return _exact_sequence(value[-1])
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            strings = _exact_sequence(branch)
            if strings is None:
                return None
            found |= strings
        return frozenset(found) if len(found) <= _MOST else None
    if op in _REPEATS and value[0] == 0 and value[1] == 1:  # optional: its strings, or nothing
        strings = _exact_sequence(value[2])
        return None if strings is None else strings | {""}
    return None


def _exact_sequence(items: Any) -> frozenset[str] | None:
    strings = frozenset([""])
    for op, value in items:
        part = _exact(op, value)
        if part is None:
            return None
        strings = frozenset(a + b for a in strings for b in part)
        if len(strings) > _MOST:
            return None
    return strings


def _part(op: Any, value: Any) -> Needs:
    """What one element of a sequence needs when it must match; None when it may match without a fixed word."""
    if op is sre.SUBPATTERN:
        return _sequence(list(value[-1]))
    if _ATOMIC is not None and op is _ATOMIC:
        return _sequence(list(value))
    if op is sre.BRANCH:
        found: set[str] = set()
        for branch in value[1]:
            needs = _sequence(list(branch))
            if needs is None:
                return None
            found |= needs
        return frozenset(found)
    if op in _REPEATS:
        low, _, body = value
        needs = _sequence(list(body))
        return needs if low >= 1 else None
    _check_nested(op, value)
    return None


def _check(items: Any) -> None:
    """Refuse a pattern whose part that needs nothing still holds a literal ``regex`` may read otherwise."""
    for op, value in items:
        if op is sre.LITERAL and value in _REFUSED:
            raise _Unsure
        _check_nested(op, value)


def _check_nested(op: Any, value: Any) -> None:
    if op is sre.SUBPATTERN:
        _check(value[-1])
    elif (_ATOMIC is not None and op is _ATOMIC) or op in (sre.ASSERT, sre.ASSERT_NOT):
        _check(value if op is _ATOMIC else value[1])
    elif op is sre.BRANCH:
        for branch in value[1]:
            _check(branch)
    elif op in _REPEATS:
        _check(value[2])
    elif op is sre.GROUPREF_EXISTS:
        for branch in value[1:]:
            if branch is not None:
                _check(branch)


@lru_cache(maxsize=256)
def _touches_ascii(char: str) -> bool:
    """Whether a non-ASCII character may match an ASCII one case-insensitively, or lower-cases to another length."""
    return any(len(form) != 1 or form.isascii() for form in (char.lower(), char.upper(), char.casefold(), char.title()))


@lru_cache(maxsize=8192)
def folded(text: str) -> str | None:
    """The text lower-cased for ``holds``, or None when it holds a character case-insensitive matching could
    relate to ASCII (then it is always searched)."""
    if not text.isascii() and any(_touches_ascii(char) for char in set(text) if not char.isascii()):
        return None
    return text.lower()


class Words:
    """A set of needed words, and which of them a text holds: each word is looked for only where a text holds
    its first three characters (every three characters of a text are taken once), not in every text."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        starts: dict[str, list[str]] = {}
        for word in self.words:
            if len(word) >= 3:
                starts.setdefault(word[:3], []).append(word)
        self._by_start = {start: tuple(found) for start, found in starts.items()}
        self._starts = frozenset(self._by_start)
        self._short = tuple(word for word in self.words if len(word) < 3)

    def held(self, text: str) -> frozenset[str] | None:
        """Which of the words the text holds (exactly those a search for each would find); None when the
        text is not ``foldable`` (then it is always searched)."""
        lowered = folded(text)
        if lowered is None:
            return None
        starts = {lowered[i : i + 3] for i in range(len(lowered) - 2)} & self._starts
        found = [word for start in starts for word in self._by_start[start] if word in lowered]
        found += [word for word in self._short if word in lowered]
        return frozenset(found)


def may_match(text: str, needs: Needs) -> bool:
    """False only when ``text`` cannot hold a match of a pattern that ``needs`` these strings."""
    if needs is None:
        return True
    lowered = folded(text)
    return lowered is None or any(word in lowered for word in needs)
