"""Negation and aspiration scope: what a writer claims, denies, hopes for or is working towards."""

from __future__ import annotations

from speccheck.text.reading import read
from speccheck.text.scope import Stance


def _stances(text: str) -> dict[str, str]:
    (sentence,) = read(text)
    return {w.word: s.value for w, s in zip(sentence.words, sentence.stances, strict=True)}


def test_a_denial_covers_the_rest_of_its_clause() -> None:
    seen = _stances("I have never managed a budget or written policy")
    assert seen["have"] == "claimed" and seen["budget"] == seen["policy"] == "denied"


def test_a_contrast_closes_the_scope() -> None:
    seen = _stances("I have not held a senior title, but I have led whole-school CPD")
    assert seen["senior"] == "denied" and seen["led"] == seen["cpd"] == "claimed"


def test_aspirations_are_hopes_not_claims() -> None:
    for text in (
        "I am keen to lead a team",
        "I hope one day to lead a team",
        "I would welcome the chance to lead a team",
    ):
        assert _stances(text)["lead"] == Stance.HOPED.value, text


def test_working_towards_is_partial() -> None:
    assert _stances("Working towards the NPQH")["npqh"] == "partial"
    assert _stances("NPQH (in progress)")["npqh"] == "partial"


def test_a_qualification_not_awarded_is_denied_backwards() -> None:
    seen = _stances("PGCE (QTS not awarded)")
    assert seen["pgce"] == "claimed" and seen["qts"] == "denied"


def test_not_only_is_not_a_denial() -> None:
    assert _stances("Not only did I lead the department")["lead"] == "claimed"


def test_contractions_deny() -> None:
    assert _stances("I haven't led a team")["team"] == "denied"
