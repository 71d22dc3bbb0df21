"""Redaction: one candidate's personal details (and anything shaped like anyone's) out of free text.

Matching is done on the text layer's folded pieces (``text.fold``): a
personal value is found however it is cased, accented, apostrophised or
separated ("Siobhán O’Neill" as "siobhan_oneill", "QQ 12 34 56 C" as
"QQ-12-34-56-C", a TRN as "TRN 123 4567") and only as whole pieces ("Ada" is
not found in "Adamant"). Each value becomes one or more *compact* targets in
a table: names (full, first, last, previous, and each part of them), the
email address, the telephone number (with 0, 44 or neither in front), the
address (whole, each line with a number in it, the street without its
number), the NI number, the teacher reference number and the date of birth in
every usual written form ("4 July 1985", "4th of July 1985", "Jul 4, 1985",
"4-Jul-1985", "04/07/85", "1985-07-04", "19850704"). A text is cut into pieces
once, and at each piece the runs of up to ``MAX_PIECES`` pieces that follow
are looked up in the table: linear in the length of the text, whatever the
number of candidates. Shapes (an email address, a UK telephone number,
postcode or NI number, whoever's they are) are found by patterns whose every
attempt is bounded, so they are linear too.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from speccheck.text.fold import Piece, compact, pieces

MAX_PIECES = 12  # the longest run of pieces looked up; longer values are found as literal text
PREFIXED_VALUES = 4096  # a redactor with at most this many values keeps the beginnings of them
PREFIX = 12  # the longest beginning kept: the look-up is bounded however long a value is
TEXTS_CACHED = 2048  # texts whose pieces and shapes are kept: explanations repeat from candidate to candidate
TEXT_CACHED = 1000  # characters of the longest text kept (explanations and quotes are shorter)
_MAX_GAP = 3  # at most this many characters between two pieces of one value (", ", " - ")
_MIN_LENGTH = 2  # a one-character value ("A", "7") would redact ordinary text

_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)\d(?:[\s().-]?\d){8,9}(?!\w)")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]?\s{0,2}[0-9][A-Z]{2}\b", re.IGNORECASE)
_NI_NUMBER = re.compile(r"\b[A-Z]{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?[A-D]\b", re.IGNORECASE)
_EMAIL_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b")
_ORDINALS = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


@dataclass
class Targets:
    """Compact values to find, each with its label and, for dates, the numbers of pieces it may be written in."""

    table: dict[str, tuple[str, frozenset[int] | None]] = field(default_factory=dict)
    literal: list[tuple[str, str]] = field(default_factory=list)  # long values, found as text (lower case)

    def add(self, value: str, label: str, counts: frozenset[int] | None = None) -> None:
        cut = pieces(value)
        joined = "".join(p.text for p in cut)
        if len(joined) < _MIN_LENGTH:
            return
        if len(cut) > MAX_PIECES:
            self.literal.append((value.lower(), label))
            return
        self.add_compact(joined, label, counts)

    def add_name(self, name: str) -> None:
        """A name, and each part of it (split at spaces, hyphens and apostrophes)."""
        self.add(name, "[name]")
        for part in re.split(r"[\s\-'’‘`]+", name):
            if part != name:
                self.add(part, "[name]")

    def add_phone(self, number: str) -> None:
        digits = compact(number)
        if not digits.isdigit() or len(digits) < 9:
            self.add(number, "[phone]")
            return
        national = digits[2:] if digits.startswith("44") and len(digits) > 10 else digits
        national = national.removeprefix("0")
        for form in (national, "0" + national, "44" + national, "440" + national):
            self.add(form, "[phone]")

    def add_address(self, address: str) -> None:
        """The address, each of its lines with a number in it, and each such line's street without the number."""
        self.add(address, "[address]")
        for line in re.split(r"[,;\n]+", address):
            cut = pieces(line)
            if line.strip() == address.strip() or not any(p.text.isdigit() for p in cut):
                continue
            self.add(line, "[address]")
            street = [p.text for p in cut if not p.text.isdigit()]
            if len(street) >= 2:
                self.add(" ".join(street), "[address]")

    def add_birth_date(self, day: dt.date) -> None:
        for joined, counts in _date_targets(day):
            self.add_compact(joined, "[date of birth]", counts)

    def add_compact(self, joined: str, label: str, counts: frozenset[int] | None) -> None:
        """A value already folded and joined (as ``compact`` makes it)."""
        if joined in self.table:
            old_label, old_counts = self.table[joined]
            counts = None if old_counts is None or counts is None else old_counts | counts
            label = old_label
        self.table[joined] = (label, counts)


@lru_cache(maxsize=4096)
def _date_targets(day: dt.date) -> tuple[tuple[str, frozenset[int]], ...]:
    """A date's written forms, joined, each with the numbers of pieces it may be written in."""
    table: dict[str, set[int]] = {}
    for form, count in _date_forms(day):
        table.setdefault(form.replace(" ", ""), set()).add(count)
    return tuple((joined, frozenset(counts)) for joined, counts in table.items())


def _date_forms(day: dt.date) -> Iterable[tuple[str, int]]:
    """A date in each usual written form, as space-separated pieces, with its number of pieces."""
    d, m, y = day.day, day.month, day.year
    days = {str(d), f"{d:02d}"}
    months = {str(m), f"{m:02d}"}
    years = {str(y), f"{y % 100:02d}"}
    month = _MONTHS[m - 1]
    names = {month, month[:3]} | ({"sept"} if m == 9 else set())
    ordinal = _ORDINALS.get(d, "th")
    for dd in days:
        for mm in months:
            for yy in years:
                yield f"{dd} {mm} {yy}", 3  # 04/07/1985, 4.7.85
                yield f"{mm} {dd} {yy}", 3  # 07/04/1985
            yield f"{y} {mm} {dd}", 3  # 1985-07-04
        for name in names:
            for yy in (str(y), f"{y % 100:02d}"):
                yield f"{dd} {name} {yy}", 3  # 4 July 1985, 4-Jul-85
                yield f"{dd} {ordinal} {name} {yy}", 4  # 4th July 1985
                yield f"{dd} of {name} {yy}", 4
                yield f"{dd} {ordinal} of {name} {yy}", 5  # 4th of July 1985
                yield f"{name} {dd} {yy}", 3  # July 4, 1985
                yield f"{name} {dd} {ordinal} {yy}", 4  # July 4th, 1985
    for dd, mm in ((f"{d:02d}", f"{m:02d}"),):
        yield f"{dd}{mm}{y}", 1  # 04071985
        yield f"{y}{mm}{dd}", 1  # 19850704
        yield f"{mm}{dd}{y}", 1  # 07041985
        yield f"{dd}{mm}{y % 100:02d}", 1  # 040785


class Redactor:
    """Replaces personal details in text: the values of ``targets`` and anything shaped like one.

    A candidate's redactor (a table of a few hundred values) also keeps the
    beginnings of every value, up to ``PREFIX`` characters, so that at most
    pieces of a text one look-up shows that no value starts there; a batch's
    (thousands of values, used on a few texts) looks each run up as it goes.
    """

    def __init__(self, targets: Targets) -> None:
        self.targets = targets
        self._longest = max((len(key) for key in targets.table), default=0)
        self._starts: frozenset[str] | None = None
        if len(targets.table) <= PREFIXED_VALUES:
            self._starts = frozenset(key[:n] for key in targets.table for n in range(1, min(len(key), PREFIX) + 1))

    def redact(self, text: str) -> tuple[str, int]:
        """The text with personal details replaced, and how many were replaced."""
        spans = [*self._values(text), *_shapes(text)]
        if not spans:
            return text, 0
        spans.sort(key=lambda span: (span[0], -span[1]))
        out: list[str] = []
        at = count = 0
        for start, end, label in spans:
            if start < at:
                continue  # inside a longer value found first
            out.append(text[at:start])
            out.append(label)
            at = end
            count += 1
        out.append(text[at:])
        return "".join(out), count

    def _values(self, text: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        table = self.targets.table
        if table:
            cut = _pieces(text)
            index = 0
            while index < len(cut):
                hit = self._longest_at(cut, index, table)
                if hit is None:
                    index += 1
                    continue
                last, label = hit
                first = index
                # digits written onto a value are part of it: "siobhan1985" is a handle, not a name and a year
                while first > 0 and cut[first - 1].end == cut[first].start and cut[first - 1].text.isdigit():
                    first -= 1
                while last + 1 < len(cut) and cut[last + 1].start == cut[last].end and cut[last + 1].text.isdigit():
                    last += 1
                found.append((cut[first].start, cut[last].end, label))
                index = last + 1
        if self.targets.literal:
            lowered = text.lower()
            if len(lowered) == len(text):
                for value, label in self.targets.literal:
                    at = lowered.find(value)
                    while at >= 0:
                        found.append((at, at + len(value), label))
                        at = lowered.find(value, at + len(value))
        return found

    def _longest_at(
        self, cut: Sequence[Piece], index: int, table: dict[str, tuple[str, frozenset[int] | None]]
    ) -> tuple[int, str] | None:
        """The last piece and label of the longest value starting at piece ``index``, if any."""
        starts = self._starts
        if starts is not None and cut[index].text[:PREFIX] not in starts:
            return None  # no value starts with this piece (most pieces of most texts)
        best: tuple[int, str] | None = None
        joined = ""
        for last in range(index, min(len(cut), index + MAX_PIECES)):
            if last > index and cut[last].start - cut[last - 1].end > _MAX_GAP:
                break
            joined += cut[last].text
            if len(joined) > self._longest or (starts is not None and joined[:PREFIX] not in starts):
                break
            entry = table.get(joined)
            if entry is not None and (entry[1] is None or last - index + 1 in entry[1]):
                best = (last, entry[0])
        return best


def _pieces(text: str) -> Sequence[Piece]:
    """A text's pieces; a short text's are cut once for every candidate whose outputs carry it (the role's
    own wording)."""
    return _cached_pieces(text) if len(text) <= TEXT_CACHED else pieces(text)


@lru_cache(maxsize=TEXTS_CACHED)
def _cached_pieces(text: str) -> tuple[Piece, ...]:
    return tuple(pieces(text))


def _shapes(text: str) -> Sequence[tuple[int, int, str]]:
    """Anything shaped like an email address, a UK telephone number, NI number or postcode."""
    return _cached_shapes(text) if len(text) <= TEXT_CACHED else _shaped(text)


@lru_cache(maxsize=TEXTS_CACHED)
def _cached_shapes(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(_shaped(text))


def _shaped(text: str) -> list[tuple[int, int, str]]:
    found = _emails(text)
    found += [(m.start(), m.end(), "[phone]") for m in _PHONE.finditer(text)]
    found += [(m.start(), m.end(), "[NI number]") for m in _NI_NUMBER.finditer(text)]
    found += [(m.start(), m.end(), "[postcode]") for m in _POSTCODE.finditer(text)]
    return found


def _emails(text: str) -> list[tuple[int, int, str]]:
    """Email addresses, found from each "@" outwards (a pattern with a repeat before "@" is quadratic)."""
    found: list[tuple[int, int, str]] = []
    at = text.find("@")
    while at >= 0:
        begin = at
        while begin > 0 and at - begin < 64 and text[begin - 1] in _EMAIL_LOCAL:
            begin -= 1
        domain = _EMAIL_DOMAIN.match(text, at + 1, min(len(text), at + 1 + 300))
        if begin < at and domain is not None:
            found.append((begin, domain.end(), "[email]"))
        at = text.find("@", at + 1)
    return found
