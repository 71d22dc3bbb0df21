"""A document's key to its assessment codes ('Key: A = application form, I = interview, L = lesson observation').

Read before the tables it explains (keys usually stand below them), so each
code means what this document says, else what the vocabulary says.
"""

from __future__ import annotations

import re

from speccheck.documents.model import Document, Paragraph, Table
from speccheck.files.role import Assessment
from speccheck.importing.words import Words

_PAIR = re.compile(
    r"(?<![A-Za-z])([A-Z]{1,3})\s*(?:=|–|—|-|:)\s*([A-Za-z][A-Za-z '’/&()-]*?)(?=\s*[,;.|]|\s+[A-Z]{1,3}\s*(?:=|–|—|-|:)|\s*$)"
)


def key_codes(document: Document, words: Words) -> dict[str, tuple[Assessment, ...]]:
    """Code -> methods as the document's key defines them; empty when it has no key."""
    found: dict[str, tuple[Assessment, ...]] = {}
    for text in _texts(document):
        pairs = _PAIR.findall(text)
        if len(pairs) < 2 and not text.strip().lower().startswith("key"):
            continue
        for code, meaning in pairs:
            named = words.assessments_named(meaning)
            if named:
                found[code.upper()] = tuple(named)
    return found


def _texts(document: Document) -> list[str]:
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts.extend(cell.text for row in block.rows for cell in row.cells)
    return texts


def with_key(words: Words, key: dict[str, tuple[Assessment, ...]]) -> Words:
    """The vocabulary's words with this document's key over its codes."""
    if not key:
        return words
    return Words(words.table, tuple(sorted(key.items())))
