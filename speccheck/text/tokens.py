"""Sentences and words: the one way statements are cut up before any matcher reads them.

Words are lower case with their spans in the original text, curly quotes and
dashes read as straight ones, and a possessive ``'s`` dropped (headteacher's ->
headteacher). Sentences end at full stops, question and exclamation marks and
semicolons followed by a space (not inside "e.g." or "i.e."), at new lines and
at bullet marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Sentence ends: . ! ? or ; followed by a space or the end (not e.g. or i.e.), new lines and bullet marks.
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)[.!?;](?=\s|$)|\n|[•·▪●]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})


@dataclass(frozen=True)
class Token:
    """One word of a text and where it stands in it."""

    word: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Lower-case words with their spans; a possessive 's is dropped (headteacher's -> headteacher)."""
    found = []
    for match in _WORD.finditer(text.lower().translate(_QUOTES)):
        word = match.group(0)
        word = word.removesuffix("'s")
        found.append(Token(word, match.start(), match.end()))
    return found


def sentences(text: str) -> list[str]:
    """A statement cut into sentences and clauses (semicolons end a clause)."""
    return [part for part in _SENTENCE_END.split(text.translate(_QUOTES)) if part.strip()]


class Tokens(tuple[Token, ...]):
    """A sentence's tokens, with their words joined (" a b c ") for a fast first-word check."""

    joined: str


def _tokens_of(sentence: str) -> Tokens:
    found = Tokens(tokens(sentence))
    found.joined = " " + " ".join(token.word for token in found) + " "
    return found


@lru_cache(maxsize=8192)
def prepared(text: str) -> tuple[tuple[str, Tokens], ...]:
    """A statement's sentences with their tokens, worked out once however many duties read it."""
    return tuple((sentence, _tokens_of(sentence)) for sentence in sentences(text))


def word_set(text: str) -> frozenset[str]:
    """The distinct words of a text, as ``tokens`` reads them."""
    return frozenset(t.word for t in tokens(text))
