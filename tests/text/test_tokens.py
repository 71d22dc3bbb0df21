"""Sentences and words: case, apostrophes, dashes and possessives folded; sentences cut at stops, semicolons,
new lines and bullets (not inside e.g. or i.e.)."""

from __future__ import annotations

from speccheck.text.tokens import prepared, sentences, tokens, word_set


def test_tokens_fold_case_apostrophes_and_hyphens() -> None:
    assert [t.word for t in tokens("The Head’s whole-school CPD")] == ["the", "head", "whole", "school", "cpd"]


def test_sentences_end_at_stops_semicolons_and_bullets() -> None:
    text = "Formulate the aims; establish policies. Monitor progress\n• manage staff (e.g. line management)"
    assert [s.strip() for s in sentences(text)] == [
        "Formulate the aims",
        "establish policies",
        "Monitor progress",
        "manage staff (e.g. line management)",
    ]


def test_tokens_keep_their_spans_in_the_original_text() -> None:
    text = "Lead the school’s CPD"
    assert [text[t.start : t.end] for t in tokens(text)] == ["Lead", "the", "school’s", "CPD"]


def test_prepared_sentences_join_their_words_for_a_first_word_check() -> None:
    ((sentence, toks),) = prepared("Monitor pupils' progress")
    assert sentence == "Monitor pupils' progress"
    assert toks.joined == " monitor pupils progress " and [t.word for t in toks] == ["monitor", "pupils", "progress"]


def test_a_word_set_holds_each_word_once() -> None:
    assert word_set("The head and the Head's deputy") == {"the", "head", "and", "deputy"}
