"""Folding text so that two spellings of one name or number compare equal: case, accents, apostrophes,
separators.

A text is cut into *pieces*: runs of letters and runs of digits, each folded
(NFKD, accents dropped, case folded: "Siobhán" and "SIOBHAN" are ``siobhan``;
"²" is ``2``), with its span in the original text. Everything else separates
pieces: spaces, hyphens, underscores, dots, slashes, straight and curly
apostrophes. A change from letters to digits separates too, so
"siobhan1985" is ``siobhan`` and ``1985``. Two spellings are the same when
their pieces join into the same *compact* string: "O’Neill", "O'Neill",
"ONeill" and "o neill" are all ``oneill``; "QQ-12-34-56-C" and "QQ123456C"
are ``qq123456c``. Cutting is linear in the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_ASCII_PIECE = re.compile(r"[A-Za-z]+|[0-9]+")


@dataclass(frozen=True)
class Piece:
    """A run of letters or of digits, folded, and where it stands in the original text."""

    text: str
    start: int
    end: int


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character folded: compatibility-decomposed, accents dropped, case folded."""
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _kind(char: str) -> int:
    """1 for a letter, 2 for a digit, 0 for anything else."""
    if char.isalpha():
        return 1
    if char.isdecimal():
        return 2
    return 0


def pieces(text: str) -> list[Piece]:
    """The folded runs of letters and digits of ``text``, in order, with their spans."""
    if text.isascii():
        return [Piece(m.group().lower(), m.start(), m.end()) for m in _ASCII_PIECE.finditer(text)]
    found: list[Piece] = []
    run: list[str] = []
    kind = 0
    start = end = 0
    for index, char in enumerate(text):
        for folded in fold_char(char):
            this = _kind(folded)
            if this != kind and run:
                found.append(Piece("".join(run), start, end))
                run = []
            kind = this
            if this:
                if not run:
                    start = index
                run.append(folded)
                end = index + 1
    if run:
        found.append(Piece("".join(run), start, end))
    return found


def compact(text: str) -> str:
    """The folded pieces of ``text`` joined: the form two spellings share."""
    return "".join(piece.text for piece in pieces(text))
