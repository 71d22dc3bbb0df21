"""Negation and aspiration scope: which words of a sentence a writer claims, denies or only hopes for.

"I have never managed a budget" does not claim managing a budget; "I hope to
lead whole-school CPD" does not claim leading it; "I am working towards the
NPQH" claims it only in part. A cue word opens a scope that runs to the end of
its clause (a comma, colon, semicolon, bracket, dash, or a word such as "but",
"although" or "however" closes it); "not awarded", "in progress" and the like
reach back over their clause instead ("PGCE (QTS not awarded)"). Each word of
a sentence gets one stance; matchers count only claimed words, and partial ones
as partial.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence

from speccheck.text.variants import Word


class Stance(enum.Enum):
    CLAIMED = "claimed"
    DENIED = "denied"
    HOPED = "hoped"  # an aspiration: wanted, planned, not yet done
    PARTIAL = "partial"  # working towards, in progress


# Cues read forwards: the words after them, to the end of the clause, take the stance.
_FORWARD: dict[tuple[str, ...], Stance] = {}
for _cue in ("not", "never", "no", "without", "nor", "neither", "none", "lack", "lacking", "unable", "cannot"):
    _FORWARD[(_cue,)] = Stance.DENIED
for _cue in (
    "yet to",
    "not yet",
    "no opportunity",
    "no experience",
    "had no",
    "have no",
    "has no",
    "little opportunity",
    "little experience",
    "little contact",
    "limited opportunity",
    "limited experience",
    "limited contact",
    "never had",
):
    _FORWARD[tuple(_cue.split())] = Stance.DENIED
for _cue in (
    "keen to",
    "keen for",
    "hope",
    "hoping",
    "hopes",
    "hoped",
    "would like",
    "would love",
    "would welcome",
    "would relish",
    "d like",
    "aspire",
    "aspiring",
    "planning to",
    "i plan to",
    "we plan to",
    "my ambition",
    "my aspiration",
    "intend",
    "intending",
    "wish to",
    "want to",
    "wanting to",
    "looking forward",
    "look forward",
    "eager",
    "one day",
    "in the future",
    "in future",
    "ready to",
    "seeking to",
    "would be",
    "next step",
    "shadowing",
    "shadowed",
    "observing",
):
    _FORWARD[tuple(_cue.split())] = Stance.HOPED
for _cue in (
    "working towards",
    "working toward",
    "currently completing",
    "currently studying",
    "studying for",
    "due to complete",
    "expect to complete",
    "enrolled",
    "partway through",
    "part way through",
):
    _FORWARD[tuple(_cue.split())] = Stance.PARTIAL

# Cues read backwards: the words before them in the same clause take the stance.
_BACKWARD: dict[tuple[str, ...], Stance] = {}
for _participle in (
    "awarded",
    "achieved",
    "completed",
    "gained",
    "obtained",
    "held",
    "recognised",
    "recognized",
    "passed",
):
    _BACKWARD[("not", _participle)] = Stance.DENIED
    _BACKWARD[("not", "yet", _participle)] = Stance.PARTIAL
for _cue in ("withdrawn", "failed", "refused", "not recognised in england", "lapsed"):
    _BACKWARD[tuple(_cue.split())] = Stance.DENIED
for _cue in ("in progress", "ongoing", "pending", "underway", "under way"):
    _BACKWARD[tuple(_cue.split())] = Stance.PARTIAL

# An -ing cue is a wish only after a subject or an auxiliary ("I am planning to"), not as a noun ("financial
# planning to ensure", "the aspiring heads programme").
_ING_CUES = frozenset({"planning", "hoping", "intending", "aspiring", "wanting", "seeking", "looking"})
_SUBJECTS = frozenset({"i", "we", "am", "are", "is", "was", "were", "i'm", "currently", "also", "now", "still"})
# A cue after one of these is a noun phrase, not a wish ("a one-day course", "the next step of the plan").
_NOT_AFTER = frozenset({"a", "an", "the", "each", "every", "one", "two", "three"})
# "not only", "no longer", "without exception" ... do not deny what follows.
_NOT_CUES = frozenset({"only", "just", "least", "longer", "doubt", "exception", "fewer", "less", "matter"})
# A backward cue after one of these is a verb's negation ("have not held the post"): it reads forwards.
_AUXILIARIES = frozenset(
    {"have", "has", "had", "was", "were", "is", "are", "am", "be", "been", "did", "do", "does", "i"}
)
_CONTRAST = frozenset({"but", "although", "though", "however", "whereas", "yet", "while", "whilst", "instead"})
_CLAUSE_MARK = re.compile(r"[,:;()\[\]]|\s-\s|\s-$|^-\s")
_LONGEST = 4


# The words a cue can start with: most words start none, and are passed over with one look-up.
_FIRST_WORDS = {id(_FORWARD): frozenset(cue[0] for cue in _FORWARD), id(_BACKWARD): frozenset(c[0] for c in _BACKWARD)}


def _cue_at(words: Sequence[Word], index: int, table: dict[tuple[str, ...], Stance]) -> tuple[int, Stance] | None:
    if table is _FORWARD and words[index].word.endswith("n't"):
        return 1, Stance.DENIED
    first = _FIRST_WORDS.get(id(table))
    if first is not None and words[index].word not in first:
        return None
    for size in range(min(_LONGEST, len(words) - index), 0, -1):
        stance = table.get(tuple(w.word for w in words[index : index + size]))
        if stance is not None:
            return size, stance
    return None


def clauses(words: Sequence[Word], text: str) -> list[int]:
    """The clause number of each word: punctuation between two words, or a contrast word, starts a new one."""
    numbers = []
    clause = 0
    for index, word in enumerate(words):
        boundary = index and (_CLAUSE_MARK.search(text[words[index - 1].end : word.start]) or word.word in _CONTRAST)
        if boundary and not (word.word == "yet" and words[index - 1].word == "not"):
            clause += 1
        numbers.append(clause)
    return numbers


def _answers_before(clause_of: list[int], index: int, size: int) -> bool:
    """Whether the words at ``index`` (``size`` of them) are a whole clause that follows another one."""
    end = index + size
    opens = index > 0 and clause_of[index - 1] != clause_of[index]
    closes = end == len(clause_of) or clause_of[end] != clause_of[index]
    return opens and closes


def opens_with_cue(words: Sequence[Word], index: int) -> bool:
    """Whether a cue that denies, hopes or hedges what follows starts at ``words[index]`` ("no older than")."""
    return _cue_at(words, index, _FORWARD) is not None


def stances(words: Sequence[Word], text: str) -> list[Stance]:
    """Each word's stance in a sentence (``text`` is the sentence the words' spans point into)."""
    result = [Stance.CLAIMED] * len(words)
    clause_of = clauses(words, text)
    index = 0
    while index < len(words):
        backward = _cue_at(words, index, _BACKWARD)
        if backward is not None and not (index and words[index - 1].word in _AUXILIARIES):
            size, stance = backward
            # A cue that opens its clause ("NPQH (in progress)") speaks of the clause before it.
            reach = clause_of[index] - 1 if index and clause_of[index - 1] != clause_of[index] else clause_of[index]
            for j in range(index - 1, -1, -1):
                if clause_of[j] < reach:
                    break
                if result[j] is Stance.CLAIMED:
                    result[j] = stance
            for j in range(index, index + size):
                result[j] = stance
            index += size
            continue
        forward = _cue_at(words, index, _FORWARD)
        if forward is not None and forward[1] is Stance.HOPED:
            before = words[index - 1].word if index else ""
            if before in _NOT_AFTER or (words[index].word in _ING_CUES and before not in _SUBJECTS):
                forward = None
        if forward is not None and forward[1] is Stance.DENIED and _answers_before(clause_of, index, forward[0]):
            # "QTS: no", "NPQH - none": a denial that is its clause's only words answers the clause before.
            for j in range(index - 1, -1, -1):
                if clause_of[j] < clause_of[index] - 1:
                    break
                result[j] = Stance.DENIED
            for j in range(index, index + forward[0]):
                result[j] = Stance.DENIED
            index += forward[0]
            continue
        if forward is not None and not (
            words[index].word in ("not", "no", "without")
            and index + 1 < len(words)
            and words[index + 1].word in _NOT_CUES
        ):
            size, stance = forward
            j = index
            while j < len(words) and clause_of[j] == clause_of[index]:
                result[j] = stance
                j += 1
            index = j
            continue
        index += 1
    return result
