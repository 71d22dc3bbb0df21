"""Sentences and words: case, apostrophes, dashes and possessives folded; sentences cut at stops, semicolons,
new lines and bullets (not inside e.g. or i.e.)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_a_long_run_of_letters_before_a_full_stop_is_cut_in_linear_time() -> None:
    """The fuzz harness found it: looking back for a short form ("Asst.") searched the whole text before each
    full stop and backtracked over a 70,000-letter word for over 20 s."""
    import time

    from speccheck.text.tokens import sentence_spans

    text = "x" * 70_000 + " y. Asst. Head. " * 3
    started = time.process_time()
    assert len(sentence_spans(text)) == 4
    assert time.process_time() - started < 1


@given(st.text(alphabet=st.sampled_from(list("abAB's’‘`–— .\n0İK\u212aſ")) | st.characters(), max_size=60))
@settings(max_examples=300, deadline=None)
def test_a_word_set_is_the_words_of_the_tokens(text: str) -> None:
    assert word_set(text) == frozenset(t.word for t in tokens(text))
