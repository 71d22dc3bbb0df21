"""Word stems: the Snowball English stemmer (Porter 2), so "leading", "leads" and "led" meet "lead".

Snowball is the stemmer search engines use; ``snowballstemmer`` is its
pure-Python build. Stems are for matching only: messages show words as written.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Irregular past forms the stemmer leaves alone, read as their verb ("led" is a form of "lead").
_IRREGULAR = {
    "led": "lead",
    "ran": "run",
    "wrote": "write",
    "written": "write",
    "taught": "teach",
    "built": "build",
    "oversaw": "overse",
    "overseen": "overse",
    "made": "make",
    "took": "take",
    "taken": "take",
    "held": "hold",
    "brought": "bring",
    "began": "begin",
    "begun": "begin",
    "chose": "choos",
    "chosen": "choos",
    "met": "meet",
    "grew": "grow",
    "grown": "grow",
    "won": "win",
    "gave": "give",
    "given": "give",
    "drove": "drive",
    "driven": "drive",
    "spoke": "speak",
    "spoken": "speak",
    "sought": "seek",
    "kept": "keep",
    "undertook": "undertak",
    "undertaken": "undertak",
    "understood": "understand",
    "thought": "think",
    "bought": "buy",
    "sat": "sit",
    "felt": "feel",
    "found": "find",
    "told": "tell",
    "went": "go",
    "gone": "go",
    "did": "do",
    "done": "do",
    # Stems that would meet an unrelated word: "restorative" (practice) is not "restored" (a garden).
    "restorative": "restorative",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word ("coaching" -> "coach", "policies" -> "polici")."""
    irregular = _IRREGULAR.get(word)
    return irregular if irregular is not None else str(_english().stemWord(word))


@lru_cache(maxsize=1)
def _english() -> Any:
    """The stemmer, made when the first word is stemmed: the package loads all its 30 languages, and a lint
    run reads words without stemming them."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")
