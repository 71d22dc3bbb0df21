"""Finding passages of an application that address a criterion, by its keywords.

Used for criteria with no machine condition: the verdict is ``evidenced`` when
a passage addresses the criterion, and a person judges it. A role's keywords
are indexed once (``PhraseIndex``: each phrase by its first word, matched as a
prefix, so "coach" finds "coaching"); each application is then read once
(``TextIndex``): every word is looked up by its prefixes, and a phrase of
several words is confirmed only in the sentences that hold its first word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from speccheck.facts.values import TextItem

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_TOKEN = re.compile(r"[a-z0-9]+")

_STOP = frozenset(
    [
        "able",
        "ability",
        "across",
        "after",
        "along",
        "also",
        "among",
        "and",
        "any",
        "are",
        "been",
        "being",
        "both",
        "can",
        "could",
        "demonstrate",
        "demonstrated",
        "demonstrating",
        "effective",
        "effectively",
        "evidence",
        "experience",
        "from",
        "have",
        "high",
        "including",
        "into",
        "knowledge",
        "more",
        "must",
        "other",
        "proven",
        "range",
        "show",
        "should",
        "strong",
        "such",
        "successful",
        "successfully",
        "that",
        "their",
        "them",
        "they",
        "this",
        "those",
        "through",
        "understanding",
        "using",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "will",
        "with",
        "within",
        "working",
        "work",
    ]
)


@dataclass(frozen=True)
class Keywords:
    """What shows a passage addresses a criterion: phrases, and how many must appear in one sentence."""

    phrases: tuple[str, ...]  # normalised: lower case, words separated by one space
    needed: int
    labels: tuple[str, ...] = ()  # as the role wrote them, for messages

    @classmethod
    def given(cls, phrases: list[str]) -> Keywords:
        table: dict[str, str] = {}
        for phrase in phrases:
            table.setdefault(" ".join(_TOKEN.findall(phrase.lower())), phrase.strip())
        table.pop("", None)
        return cls(tuple(table), 1, tuple(table.values()))

    @classmethod
    def from_text(cls, text: str) -> Keywords:
        """Content words of the criterion itself; two must meet in one sentence."""
        words = re.findall(r"[a-z][a-z]{4,}", text.lower())
        stems = tuple(w[:-1] if len(w) > 6 else w for w in dict.fromkeys(words) if w not in _STOP)
        return cls(stems, min(2, len(stems)), stems)

    def label(self, phrase: str) -> str:
        return self.labels[self.phrases.index(phrase)] if self.labels else phrase


class PhraseIndex:
    """Every phrase of a role's keywords, by its first word."""

    def __init__(self, keywords: list[Keywords]) -> None:
        self.by_first: dict[str, list[tuple[str, re.Pattern[str] | None]]] = {}
        for group in keywords:
            for phrase in group.phrases:
                words = phrase.split()
                pattern = None if len(words) == 1 else re.compile(r"\b" + r"\W+".join(map(re.escape, words)))
                entries = self.by_first.setdefault(words[0], [])
                if all(p != phrase for p, _ in entries):
                    entries.append((phrase, pattern))
        self.lengths = sorted({len(first) for first in self.by_first})


class TextIndex:
    """An application's sentences and, for each role phrase, the sentences that hold it."""

    def __init__(self, items: list[TextItem], phrases: PhraseIndex) -> None:
        self.sentences: list[tuple[str, TextItem]] = []
        self.hits: dict[str, list[int]] = {}
        by_first = phrases.by_first
        lengths = phrases.lengths
        for item in items:
            for sentence in _SENTENCE_END.split(item.text):
                if not sentence.strip():
                    continue
                index = len(self.sentences)
                self.sentences.append((sentence, item))
                lower = sentence.lower()
                seen: set[str] = set()
                for token in set(_TOKEN.findall(lower)):
                    for length in lengths:
                        if length > len(token):
                            break
                        for phrase, pattern in by_first.get(token[:length], ()):
                            if phrase not in seen and (pattern is None or pattern.search(lower)):
                                seen.add(phrase)
                                self.hits.setdefault(phrase, []).append(index)

    def find(self, keywords: Keywords, *, limit: int = 3) -> list[tuple[TextItem, str, list[str]]]:
        """Up to ``limit`` (item, sentence, matched phrases), one per text item, in text order."""
        matched: dict[int, list[str]] = {}
        for phrase in keywords.phrases:
            for index in self.hits.get(phrase, ()):
                matched.setdefault(index, []).append(phrase)
        results: list[tuple[TextItem, str, list[str]]] = []
        used: set[int] = set()
        for index in sorted(matched):
            phrases = matched[index]
            sentence, item = self.sentences[index]
            if len(phrases) < keywords.needed or id(item) in used:
                continue
            used.add(id(item))
            results.append((item, sentence, [keywords.label(p) for p in phrases]))
            if len(results) >= limit:
                break
        return results
