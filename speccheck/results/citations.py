"""How sources and fixes are said to people: documents and paragraphs they can look up, provenance in words.

Rule files cite each source with a provenance tag (``V-PRIMARY``,
``V-SECONDARY``, ``UNVERIFIED``) and sometimes with a pointer into
speccheck's own research notes (``domain.md §5.3``, ``seed 002``). Those are
for the people who maintain the rules; a report read by HR says the document,
its edition and paragraph, and how far the wording was checked, in words, with
the legend once per report. Machine formats (JSON, SARIF) keep the tags.

Internal sources: "speccheck domain research" is the team's own compiled notes,
not a document anyone else can open, so it is shown as "speccheck research
note" (its paragraph still says what it records); a pointer into the notes or to
a seed document inside a citation is dropped, leaving the public document it
cites (a TES Community thread, DfE guidance).

A fix may end with the role-file field it concerns, ``(role file: `key`)``;
people read what to write in the document, machine formats also get the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from speccheck.core.findings import SourceRef

PROVENANCE_WORDS = {
    "V-PRIMARY": "verified against the text",
    "V-SECONDARY": "from a secondary source",
    "UNVERIFIED": "not yet verified",
}

# The legend a human report prints once, in the order of PROVENANCE_WORDS.
PROVENANCE_LEGEND = {
    "verified against the text": "read in the official text (legislation.gov.uk, gov.uk, the DfE); the wording is exact",
    "from a secondary source": "as a third party quotes or summarises it (The Key, a union, a law firm, a school)",
    "not yet verified": "not yet checked against the official document; check it before relying on it",
}

RESEARCH_NOTE = "speccheck research note"

_INTERNAL_DOC = re.compile(r"domain\.md|^speccheck\b", re.IGNORECASE)
# "(domain.md §5.2)", "(seed 003, domain.md §8.2)", "(seed 002)": a parenthesis that points inside the project
_INTERNAL_PAREN = re.compile(r"\s*\([^()]*(?:domain\.md|\bseeds?[- ]\d{3}|shared/)[^()]*\)", re.IGNORECASE)
# "; domain.md §5.3", "domain.md §7 qual.qts" outside a parenthesis
_INTERNAL_REF = re.compile(r"[;,]?\s*domain\.md(?:\s*§\s*[\d.]*\d)?(?:\s+[a-z_]+(?:\.[a-z_]+)+)?", re.IGNORECASE)
_SEED_REF = re.compile(r"\b(?:the\s+)?seed[- ]\d{3}\b", re.IGNORECASE)
# Short names a reader may not know, as the document is titled
_DOCUMENTS = {"STPCD": "School Teachers' Pay and Conditions Document"}
# "§7 qual.iqts", "§9.2:": a section of the research notes, in a research-note citation
_SECTION = re.compile(r"§\s*[\d.]*\d(?:\s+[a-z_]+(?:\.[a-z_]+)+)?:?")
_FIELD = re.compile(r"\s*\(role file: [^()]*\)")


def provenance_words(tag: str) -> str:
    """A provenance tag in words ("from a secondary source"); an unknown tag as it is."""
    return PROVENANCE_WORDS.get(tag, tag)


def without_internal_refs(text: str) -> str:
    """Text with pointers into speccheck's research notes and seed documents taken out."""
    text = _INTERNAL_PAREN.sub("", text)
    text = _INTERNAL_REF.sub("", text)
    text = _SEED_REF.sub("a published school's", text)
    if _SECTION.search(text):
        text = "; ".join(part for part in (_unwrapped(p) for p in _SECTION.sub("", text).split(";")) if part)
    return " ".join(text.split()).strip(" ;,")


def _unwrapped(part: str) -> str:
    """A part of a citation left as '(words)' once its section number is gone, as the words."""
    part = part.strip(" :,")
    if part.startswith("(") and part.endswith(")") and part.count("(") == 1:
        return part[1:-1]
    return part


def document(source: SourceRef) -> str:
    """The document a person can look up: the public one named, or 'speccheck research note'."""
    if _INTERNAL_DOC.search(source.doc):
        return RESEARCH_NOTE
    doc = without_internal_refs(source.doc) or RESEARCH_NOTE
    return _DOCUMENTS.get(doc, doc)


def cite_in_words(source: SourceRef) -> str:
    """'School Teachers' Pay and Conditions Document, 2021-2024, para 48.1 (from a secondary source)'."""
    parts = [document(source)]
    if source.edition:
        edition = without_internal_refs(source.edition)
        if edition:
            parts.append(edition)
    if source.para:
        para = without_internal_refs(source.para)
        if para:
            parts.append(f"para {para}" if para[:1].isdigit() else para)
    return ", ".join(parts) + f" ({provenance_words(source.provenance)})"


def cites_in_words(sources: Iterable[SourceRef]) -> str:
    """Several sources, each once, in words, separated by semicolons."""
    return "; ".join(dict.fromkeys(cite_in_words(s) for s in sources))


def fix_in_words(fix: str) -> str:
    """A fix as people read it: what to write in the document, without the role-file field."""
    return " ".join(_FIELD.sub("", fix).split())


def provenances(sources: Iterable[SourceRef]) -> list[str]:
    """The provenance words the sources use, in the legend's order."""
    used = {provenance_words(s.provenance) for s in sources}
    return [words for words in PROVENANCE_LEGEND if words in used]
