"""Cells and paragraphs -> items: bullets and numbers taken off, wrapped lines joined, codes read off the end.

A line break inside a paragraph is not a new item unless a bullet follows it;
a paragraph that starts in lower case, or follows one that ends mid-sentence,
goes on the item before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from speccheck.files.role import Assessment, Level
from speccheck.importing.words import Words, plain

MARKER = re.compile(
    r"^\s*(?:[•·▪■●◦○➢➤►❖✓✔\-–—*o](?=\s)|[•·▪■●◦○➢➤►❖]|\(?\d{1,2}(?:\.\d{1,2})*[.)](?!\d)|\(?[a-z][.)](?=\s)|\([ivx]+\)|[A-Z]\d{1,2}[.:)]?(?=\s))\s*"
)
_INLINE_BULLET = re.compile(r"\s+(?=[•·▪●◦➢➤►❖]\s)")
_CODES_AT_END = re.compile(
    r"\s*[\(\[]\s*([A-Za-z]{1,4}(?:\s*[,/&;+]\s*[A-Za-z]{1,4}|\s+[A-Za-z]{1,4}){0,7})\s*[\)\]]\s*\.?$"
)
_DASH_CODES_AT_END = re.compile(r"\s+[–—-]\s+([A-Z]{1,4}(?:\s*[,/&+]\s*[A-Z]{1,4}){0,7})\s*\.?$")
_EVIDENCE = re.compile(
    r"^\s*(?:evidence|assessed|assessment|assessed by|how assessed|method of assessment|evidenced by|identified (?:by|through|from)|source of evidence|to be assessed by)\s*(?:by|through|from|in)?\s*[:–-]\s*(.+)$",
    re.IGNORECASE,
)
_CONNECTOR_END = (",", " and", " or", " of", " the", " to", " in", " for", " with", " a", " an", "-", "–", "/")
_CONDITIONAL = re.compile(
    r"\b(essential|desirable)\s+(?:for|in|at|if|when|where)\b[^.;]*?[,;/]?\s*(?:and\s+|but\s+|or\s+)?(essential|desirable)\s+(?:for|in|at|if|when|where|otherwise)\b",
    re.IGNORECASE,
)


def strip_marker(text: str) -> str:
    return MARKER.sub("", text, count=1).strip()


def has_marker(text: str) -> bool:
    return bool(MARKER.match(text))


def items_of(paragraphs: Sequence[str]) -> list[str]:
    """The items of a cell or a run of paragraphs, markers taken off."""
    pieces: list[tuple[str, bool]] = []  # text, started with a marker
    for paragraph in paragraphs:
        for segment in _segments(paragraph):
            pieces.append((segment, has_marker(segment)))
    items: list[str] = []
    for text, marked in pieces:
        body = plain(strip_marker(text) if marked else text)
        if not body:
            continue
        if items and not marked and _goes_on(items[-1], body):
            items[-1] = f"{items[-1]} {body}"
        else:
            items.append(body)
    return items


_GLYPH = re.compile(r"^\s*[•·▪■●◦○➢➤►❖]")


def _segments(paragraph: str) -> list[str]:
    """A paragraph split where a bullet glyph follows a line break or stands inline; other line breaks (typed
    dashes after a lead-in included) are spaces: a line break inside a cell is not a new item."""
    lines = paragraph.split("\n")
    out: list[str] = []
    for line in lines:
        if out and not _GLYPH.match(line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    result: list[str] = []
    for piece in out:
        result.extend(p for p in _INLINE_BULLET.split(piece) if p.strip())
    return result


def _goes_on(before: str, text: str) -> bool:
    return text[:1].islower() or before.endswith(_CONNECTOR_END)


def codes_at_end(text: str, words: Words) -> tuple[str, list[Assessment]]:
    """'Qualified Teacher Status (A, C)' -> the text without the codes, and the methods they name."""
    for pattern in (_CODES_AT_END, _DASH_CODES_AT_END):
        match = pattern.search(text)
        if match:
            found = words.codes(match.group(1))
            if found:
                return text[: match.start()].rstrip(" :;,-–"), found
    return text, []


_LEVEL_AT_END = re.compile(r"\s*[\(\[]\s*(e|d|ess|des|essential|desirable)\s*[\)\]]\s*\.?\s*$", re.IGNORECASE)


def level_at_end(text: str) -> tuple[str, Level | None]:
    """'Experience of ... (D)' -> the text without the mark, and the level it gives."""
    match = _LEVEL_AT_END.search(text)
    if not match:
        return text, None
    level = Level.ESSENTIAL if match.group(1).lower().startswith("e") else Level.DESIRABLE
    return text[: match.start()].rstrip(), level


def evidence_line(text: str, words: Words) -> list[Assessment] | None:
    """An 'Evidence: application form, interview' line: the methods it names; None when it is no such line."""
    match = _EVIDENCE.match(plain(text))
    if not match:
        return None
    rest = match.group(1)
    return words.codes(rest) or words.assessments_named(rest) or []


@dataclass(frozen=True)
class ConditionalLevel:
    """A criterion whose level depends on something: both levels and the words that say when."""

    first: Level
    second: Level
    words: str


_MARKED_CASES = re.compile(
    r"^\s*(e|d|essential|desirable)\s*[–—:(-]\s*([a-z][a-z ]*?)\)?\s*[\n/;,]\s*(e|d|essential|desirable)\s*[–—:(-]\s*([a-z][a-z ]*?)\)?\s*$",
    re.IGNORECASE,
)


def conditional_level(text: str) -> ConditionalLevel | None:
    """'essential for primary, desirable for secondary', or a level cell 'E – primary / D – secondary' -> both
    levels, in the order written."""
    cases = _MARKED_CASES.match(text)
    if cases and cases.group(1)[0].lower() != cases.group(3)[0].lower():
        first = Level.ESSENTIAL if cases.group(1)[0].lower() == "e" else Level.DESIRABLE
        second = Level.DESIRABLE if first is Level.ESSENTIAL else Level.ESSENTIAL
        words = f"{first.value} for {cases.group(2).strip()}, {second.value} for {cases.group(4).strip()}"
        return ConditionalLevel(first, second, words)
    match = _CONDITIONAL.search(text)
    if not match or match.group(1).lower() == match.group(2).lower():
        return None
    return ConditionalLevel(Level(match.group(1).lower()), Level(match.group(2).lower()), match.group(0))
