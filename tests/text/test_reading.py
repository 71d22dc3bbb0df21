"""A sentence searched with a pattern: one that lacks every word a match needs is passed over unsearched."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speccheck.core.patterns import compile_pattern
from speccheck.library.loading import RuleLibrary
from speccheck.text import reading
from speccheck.text.reading import read
from tests.core.test_literals import _bundled_patterns

_PAIRS = Path(__file__).resolve().parents[1] / "bench" / "judgement" / "evidence_pairs.yaml"
SENTENCES = sorted({str(p["sentence"]) for p in yaml.safe_load(_PAIRS.read_text(encoding="utf-8"))["pairs"]})


@pytest.fixture(scope="module")
def patterns(library: RuleLibrary) -> list[str]:
    return sorted(_bundled_patterns(library))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.sampled_from(SENTENCES), data=st.data())
def test_a_sentence_passed_over_unsearched_holds_no_match(
    library: RuleLibrary, patterns: list[str], text: str, data: st.DataObject
) -> None:
    """Searching only sentences that hold a word each match needs finds what searching every sentence finds."""
    chosen = data.draw(st.lists(st.sampled_from(patterns), min_size=1, max_size=40, unique=True))
    for sentence in read(text, library.normaliser.variants):
        found = [sentence.search(compile_pattern(p)) for p in chosen]
        with mock.patch.object(reading, "may_match", lambda text, needs: True):  # every sentence searched
            assert [sentence.search(compile_pattern(p)) for p in chosen] == found, sentence.text
