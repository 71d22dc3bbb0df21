"""Variants: abbreviations read as their canonical words, the writer's text kept for quotes; stems."""

from __future__ import annotations

import re

from speccheck.text.reading import read, search
from speccheck.text.stems import stem
from speccheck.text.tokens import sentences
from speccheck.text.variants import Variants

VARIANTS = Variants({"assistant": ["asst"], "assistant headteacher": ["aht"], "headteacher": ["head teacher"]})


def test_forms_read_as_canonical_words_longest_first() -> None:
    (sentence,) = read("AHT and Asst. Head, a head teacher", VARIANTS)
    assert sentence.canonical == "assistant headteacher and assistant head a headteacher"


def test_a_match_is_quoted_in_the_writers_words() -> None:
    found = search("Asst. Head (Curriculum)", re.compile("assistant head"), VARIANTS)
    assert found is not None and found.text == "Asst. Head"


def test_a_full_stop_after_a_short_form_does_not_end_the_sentence() -> None:
    assert sentences("Asst. Head of Science. Dr. Patel led it, e.g. in Year 9.") == [
        "Asst. Head of Science",
        " Dr. Patel led it, e.g. in Year 9",
    ]


def test_snowball_stems_meet_forms_of_a_word() -> None:
    assert stem("coaching") == stem("coached") == stem("coach")
    assert stem("policies") == stem("policy")
