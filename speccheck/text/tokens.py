"""Sentences and words: the one way statements are cut up before any matcher reads them.

Words are lower case with their spans in the original text, curly quotes and
dashes read as straight ones, and a possessive ``'s`` dropped (headteacher's ->
headteacher). Sentences end at full stops, question and exclamation marks and
semicolons followed by a space, at new lines and at bullet marks; a full stop
after a short form ("Asst. Head", "e.g.", "Dr.") or before a lower-case word
does not end one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Candidate sentence ends: . ! ? or ; followed by a space or the end, new lines and bullet marks.
_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n|[•·▪●]")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})
# Short forms a full stop follows without ending the sentence.
_SHORT_FORMS = frozenset(
    [
        "asst",
        "ass",
        "dep",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "no",
        "nos",
        "eg",
        "e.g",
        "ie",
        "i.e",
        "cf",
        "approx",
        "dept",
        "govt",
        "incl",
        "inc",
        "vs",
        "v",
        "hon",
        "cert",
        "dip",
        "prof",
    ]
)
_LAST_WORD = re.compile(r"([A-Za-z.]+)$")
_SHORT_FORM_WINDOW = 16


@dataclass(frozen=True)
class Token:
    """One word of a text and where it stands in it."""

    word: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Lower-case words with their spans; a possessive 's is dropped (headteacher's -> headteacher)."""
    return [Token(_word(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(_lowered(text))]


def _lowered(text: str) -> str:
    """The text as words are read from it: lower case, typographic apostrophes made plain."""
    return text.lower().translate(_QUOTES)


def _word(found: str) -> str:
    """A word as read: a possessive 's dropped."""
    return found.removesuffix("'s")


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if match.group(0) != ".":
        return True
    # Only the last few characters: a short form is short, and searching the whole text before every full stop
    # backtracked quadratically over a long run of letters (a 70,000-letter word took over 20 s).
    before = _LAST_WORD.search(text, max(0, match.start() - _SHORT_FORM_WINDOW), match.start())
    if before is not None and before.group(1).lower().strip(".") in _SHORT_FORMS:
        return False
    after = text[match.end() :].lstrip(" \t")
    return not (after[:1].islower() or after[:1].isdigit())


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence or clause stands in ``text`` (start, end), blank ones left out."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not _ends_sentence(text, match):
            continue
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def sentences(text: str) -> list[str]:
    """A statement cut into sentences and clauses (semicolons end a clause)."""
    text = text.translate(_QUOTES)
    return [text[a:b] for a, b in sentence_spans(text)]


class Tokens(tuple[Token, ...]):
    """A sentence's tokens, with their words joined (" a b c ") for a fast first-word check; a matcher that
    reads a sentence many times may also keep where each word stands (``places``), and its words as a set
    (``held``), their first few characters (``heads``) and the words in sorted order (``ordered``)."""

    joined: str
    places: dict[str, tuple[int, ...]]
    held: frozenset[str]
    heads: frozenset[str]
    ordered: tuple[str, ...]


def _tokens_of(sentence: str) -> Tokens:
    found = Tokens(tokens(sentence))
    found.joined = " " + " ".join(token.word for token in found) + " "
    return found


@lru_cache(maxsize=8192)
def prepared(text: str) -> tuple[tuple[str, Tokens], ...]:
    """A statement's sentences with their tokens, worked out once however many duties read it."""
    return tuple((sentence, _tokens_of(sentence)) for sentence in sentences(text))


def word_set(text: str) -> frozenset[str]:
    """The distinct words of a text, as ``tokens`` reads them (without making a token of each)."""
    return frozenset(map(_word, _WORD.findall(_lowered(text))))
