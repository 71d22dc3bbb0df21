"""The words a pattern needs: never rules out a text the pattern matches, whatever the pattern or the text."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from speccheck.core.literals import CASELESS, _touches_ascii, folded, may_match, needed, needed_by_any
from speccheck.core.patterns import compile_pattern
from speccheck.library.loading import RuleLibrary

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        (r"\bsense of humou?r", {"sense of humor", "sense of humour"}),
        (r"\bNPQH\b", {"npqh"}),
        (r"(?<!most )\brecent(ly)?\b(?! (developments?))", {"recent"}),
        (r"^\s*(to )?(be |an? )?(astute|perceptive)(,|\s+and)\s", {"astute", "perceptive"}),
        (r"NPQ ?(for )?SENCOs?", {"npq for senco", "npqfor senco", "npq senco", "npqsenco"}),
        (r"offen[cs]e", {"offence", "offense"}),
        (
            r"\bjob[- ]?shar(e|ing)\b",
            {"job-share", "job share", "jobshare", "job-sharing", "job sharing", "jobsharing"},
        ),
        (r"\b(BA|BSc|BEd)\b", {"ba", "bsc", "bed"}),
        (r"\bA2 (levels?|units?)\b", {"a2 level", "a2 unit"}),
        (r"£ ?[\d,.]+k? ?(-|–|to) ?£? ?[\d,.]+", {"£"}),
        (r"(?:head|deputy)+ teacher", {" teacher"}),
        (r"\bL ?\d{1,2}\b", {"l"}),
        (r"\d{2}", None),  # no word at all
        (r"(a|\d)x?", None),  # a branch with no word
        (r"(?:dbs)? check", {" check"}),
        (r"(?:crb)?", None),  # may match nothing
        (r"(?:foo){e<=1}", None),  # fuzzy matching in regex, literal braces in re
        (r"[[:alpha:]]+x", None),  # a POSIX class in regex
        (r"[a[:alpha:]]x", None),
        (r"\p{L}+ing", None),  # regex only: re refuses it
        (r"(?<=\w+ )head", {"head"}),  # a variable-width look-behind (regex only) needs nothing itself
        (r"caf[ée] é", {"caf"}),  # a cased non-ASCII letter ends a run
        # 100 strings joined: the run starts again at the second alternation
        ("(?:" + "|".join("abcdefghij") + ")(?:" + "|".join("klmnopqrst") + ")zzz", {c + "zzz" for c in "klmnopqrst"}),
    ],
)
def test_what_a_pattern_needs(pattern: str, needs: set[str] | None) -> None:
    assert needed(pattern) == (frozenset(needs) if needs is not None else None)


def test_patterns_together_need_one_of_their_words_and_nothing_when_one_needs_nothing() -> None:
    assert needed_by_any((r"\bDBS\b", "barred list")) == {"dbs", "barred list"}
    assert needed_by_any((r"\bDBS\b", r"\d+")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Holds the NPQH", "holds the npqh"),
        ("Café – £40k", "café – £40k"),
        ("Working in a team of \u212aelvin", None),  # the Kelvin sign matches k case-insensitively
        ("ſafeguarding", None),  # the long s matches s
        ("İstanbul", None),  # lower-cases to two characters
        ("straße", None),  # upper-cases to SS
    ],
)
def test_only_texts_whose_case_is_plain_are_folded(text: str, expected: str | None) -> None:
    assert folded(text) == expected


def test_a_text_that_cannot_be_folded_is_always_searched() -> None:
    assert may_match("\u212aEY STAGE", frozenset({"key stage"}))
    assert not may_match("KS2 leader", frozenset({"key stage"}))
    assert may_match("anything", None)


def test_every_character_regex_relates_to_ascii_is_never_folded() -> None:
    """regex's own case tables (they may be newer than Python's) against the rule that keeps texts searched."""
    get_all_cases = regex._regex.get_all_cases  # type: ignore[attr-defined]
    related = {
        chr(code)
        for ascii_code in range(128)
        for code in get_all_cases(regex.IGNORECASE | regex.UNICODE, ascii_code)
        if code >= 128
    }
    assert related and all(_touches_ascii(char) for char in related)
    for char in CASELESS:
        assert get_all_cases(regex.IGNORECASE | regex.UNICODE, ord(char)) == [ord(char)], char


def _bundled_patterns(library: RuleLibrary) -> set[str]:
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("matches", "match", "patterns", "unless") and isinstance(inner, (str, list)):
                    found.update(p for p in ([inner] if isinstance(inner, str) else inner) if isinstance(p, str))
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for loaded in library.files.values():
        if loaded.located is not None:
            walk(loaded.located.data)
    return found


def _texts() -> list[str]:
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for folder in ("samples", "tests/data", "rules"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            try:
                walk(yaml.safe_load(path.read_text(encoding="utf-8")))
            except (yaml.YAMLError, UnicodeDecodeError):
                continue
    return texts


@pytest.mark.slow
def test_no_bundled_pattern_rules_out_a_text_it_matches(library: RuleLibrary) -> None:
    """Every pattern of the rule files against every text of the samples, test data and rule examples
    (450 patterns, 5,000 texts: about 13 s)."""
    patterns = sorted(_bundled_patterns(library))
    texts = sorted(set(_texts()))
    assert len(patterns) > 300 and len(texts) > 1000
    ruled_out = 0
    for pattern in patterns:
        needs = needed(pattern)
        compiled = compile_pattern(pattern)
        for text in texts:
            if not may_match(text, needs):
                ruled_out += 1
                assert compiled.search(text) is None, (pattern, text)
    assert ruled_out > len(patterns) * len(texts) // 2  # and it rules out most: the point of it


_PIECES = st.sampled_from(
    [
        "head",
        "Head",
        "teach",
        "er",
        " ",
        "s?",
        "(?:deputy|assistant) ",
        "\\b",
        "\\w+",
        "\\d{2}",
        "[- ]",
        "(of|for)",
        "(?! of)",
        "(?<!acting )",
        "£",
        "–",
        "k",
        "(?:x)?",
        "[cs]",
        "[- ]?",
        "(?:ab|c)?",
        "(es|ing)",
        "\\b(?:a|the) ",
        "e+",
        "|",
        "(",
        ")",
        ".",
        "\\.",
        "^",
        "$",
    ]
)
_CHARACTERS = st.sampled_from(
    [*"headHEADteachrsofkbingxB -.–£2019", "\u212a", "ſ", "İ", "ı", "ß", "é", "É", "σ", "ς", "Σ", "\u019b", "\ua7dc"]
)


@settings(max_examples=400, deadline=None)
@given(
    pattern=st.lists(_PIECES, min_size=1, max_size=8).map("".join),
    texts=st.lists(st.text(_CHARACTERS, max_size=30), min_size=1, max_size=6),
)
def test_a_pattern_never_rules_out_a_text_it_matches(pattern: str, texts: list[str]) -> None:
    try:
        compiled = compile_pattern(pattern)
    except regex.error:
        return
    needs = needed(pattern)
    for text in [*texts, " ".join(texts), "".join(texts).upper()]:
        if compiled.search(text) is not None:
            assert may_match(text, needs), (pattern, text, needs)


def test_a_pattern_is_read_without_warnings_escaping(recwarn: pytest.WarningsRecorder) -> None:
    assert needed("[[a]b") is None  # re warns "possible nested set"; the warning stays here
    assert not recwarn.list
    assert sys.modules["re"] is not None


@settings(max_examples=300, deadline=None)
@given(pattern=st.lists(_PIECES, min_size=1, max_size=8).map("".join), data=st.data())
def test_a_text_made_to_match_a_pattern_is_never_ruled_out(pattern: str, data: st.DataObject) -> None:
    """Texts drawn from the pattern itself (hypothesis' regex strategy), in any case: most of them match."""
    try:
        compiled = compile_pattern(pattern)
        texts = st.from_regex(pattern, alphabet=_CHARACTERS)
        text = data.draw(texts)
    except (regex.error, re.error, ValueError, NotImplementedError):
        return
    for variant in (text, text.upper(), text.swapcase()):
        if compiled.search(variant) is not None:
            assert may_match(variant, needed(pattern)), (pattern, variant)
