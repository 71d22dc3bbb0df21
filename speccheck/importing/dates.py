"""Dates as schools write them: '14 March 2025', '14th March 2025', '14/03/2025', 'March 2025', 'Sept 2024'."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{4})\b")
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")


def parse_date(text: str) -> tuple[dt.date | None, bool]:
    """The first date in a text, and whether its day was written (False: 'March 2025' is read as the 1st)."""
    for pattern, order in ((_ISO, "ymd"), (_DAY_MONTH_YEAR, "dMy"), (_MONTH_DAY_YEAR, "Mdy"), (_NUMERIC, "dmy")):
        for match in pattern.finditer(text):
            day = _make(match.groups(), order)
            if day is not None:
                return day, True
    for match in _MONTH_YEAR.finditer(text):
        month = _MONTHS.get(match.group(1).lower())
        if month:
            return dt.date(int(match.group(2)), month, 1), False
    return None, False


def parse_year(text: str) -> int | None:
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def _make(groups: tuple[str, ...], order: str) -> dt.date | None:
    values = dict(zip(order, groups, strict=True))
    try:
        month = int(values["m"]) if "m" in values else _MONTHS.get(values["M"].lower(), 0)
        year = int(values["y"])
        if year < 100:
            year += 2000
        return dt.date(year, month, int(values["d"]))
    except (ValueError, KeyError):
        return None
