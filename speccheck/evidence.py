"""Finding passages of an application that address a criterion, by its keywords.

Used for criteria with no machine condition: the verdict is ``evidenced`` when
a passage addresses the criterion, and a person judges it. The candidate's
text is split into sentences and indexed once; each keyword is then a prefix
lookup in a sorted token list ("coach" finds "coaching"), and a phrase is
confirmed in the few sentences that hold its first word.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from speccheck.facts import TextItem

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_TOKEN = re.compile(r"[a-z0-9]+")

_STOP = frozenset(
    "able ability across after along also among and any are been being both can could demonstrate demonstrated "
    "demonstrating effective effectively evidence experience from have high including into knowledge more must "
    "other proven range show should strong such successful successfully that their them they this those through "
    "understanding using well were what when where which will with within working work".split()
)


@dataclass(frozen=True)
class Keywords:
    """What shows a passage addresses a criterion: phrases, and how many must appear in one sentence."""

    phrases: tuple[str, ...]
    needed: int

    @classmethod
    def given(cls, phrases: list[str]) -> Keywords:
        return cls(tuple(p.lower().strip() for p in phrases if p.strip()), 1)

    @classmethod
    def from_text(cls, text: str) -> Keywords:
        """Content words of the criterion itself; two must meet in one sentence."""
        words = re.findall(r"[a-z][a-z-]{4,}", text.lower())
        stems = [w[:-1] if len(w) > 6 else w for w in dict.fromkeys(words) if w not in _STOP]
        return cls(tuple(stems), min(2, len(stems)))


@lru_cache(maxsize=4096)
def _phrase_parts(phrase: str) -> tuple[str, re.Pattern[str] | None]:
    """A phrase's first word (for the prefix lookup) and, unless it is one plain word, its pattern."""
    words = _TOKEN.findall(phrase)
    if not words:
        return "", None
    if len(words) == 1 and words[0] == phrase:
        return words[0], None
    return words[0], re.compile(r"\b" + re.escape(phrase))


class TextIndex:
    """An application's sentences with a sorted token index for prefix lookups."""

    def __init__(self, items: list[TextItem]) -> None:
        self.sentences: list[tuple[str, str, TextItem]] = []
        tokens: list[tuple[str, int]] = []
        for item in items:
            for sentence in _SENTENCE_END.split(item.text):
                if not sentence.strip():
                    continue
                lower = sentence.lower()
                index = len(self.sentences)
                self.sentences.append((sentence, lower, item))
                tokens.extend((token, index) for token in set(_TOKEN.findall(lower)))
        tokens.sort()
        self._tokens = tokens
        self._memo: dict[str, set[int]] = {}

    def _with_prefix(self, prefix: str) -> set[int]:
        found: set[int] = set()
        position = bisect_left(self._tokens, (prefix, -1))
        while position < len(self._tokens) and self._tokens[position][0].startswith(prefix):
            found.add(self._tokens[position][1])
            position += 1
        return found

    def _sentences_with(self, phrase: str) -> set[int]:
        found = self._memo.get(phrase)
        if found is None:
            first, pattern = _phrase_parts(phrase)
            hits = self._with_prefix(first) if first else set()
            found = hits if pattern is None else {i for i in hits if pattern.search(self.sentences[i][1])}
            self._memo[phrase] = found
        return found

    def find(self, keywords: Keywords, *, limit: int = 3) -> list[tuple[TextItem, str, list[str]]]:
        """Up to ``limit`` (item, sentence, matched phrases), one per text item, in text order."""
        if not keywords.phrases or not self.sentences:
            return []
        matched: dict[int, list[str]] = {}
        for phrase in keywords.phrases:
            for index in self._sentences_with(phrase):
                matched.setdefault(index, []).append(phrase)
        results = []
        used_items: set[int] = set()
        for index in sorted(matched):
            phrases = matched[index]
            sentence, _, item = self.sentences[index]
            if len(phrases) < keywords.needed or id(item) in used_items:
                continue
            used_items.add(id(item))
            results.append((item, sentence, sorted(phrases, key=keywords.phrases.index)))
            if len(results) >= limit:
                break
        return results
