"""Word stems: the Snowball English stemmer (Porter 2), so "leading", "leads" and "led" meet "lead".

Snowball is the stemmer search engines use; ``snowballstemmer`` is its
pure-Python build. Stems are for matching only: messages show words as written.
"""

from __future__ import annotations

from functools import lru_cache

import snowballstemmer

_ENGLISH = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word ("coaching" -> "coach", "policies" -> "polici")."""
    return str(_ENGLISH.stemWord(word))
