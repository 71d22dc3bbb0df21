"""Keyword evidence: phrases matched as word prefixes, two content words in one sentence, one quote per item."""

from __future__ import annotations

from speccheck.evaluate.evidence import Keywords, PhraseIndex, TextIndex
from speccheck.facts.values import TextItem


def _find(keywords: Keywords, *texts: str) -> list[tuple[str, list[str]]]:
    items = [TextItem(text, ("t", i)) for i, text in enumerate(texts)]
    index = TextIndex(items, PhraseIndex([keywords]))
    return [(sentence, matched) for _, sentence, matched in index.find(keywords)]


def test_given_phrases_match_as_prefixes_and_keep_their_spelling() -> None:
    keywords = Keywords.given(["Coach", "led the", "  "])
    assert keywords.phrases == ("coach", "led the") and keywords.needed == 1
    assert _find(keywords, "I was coaching staff. Then I led  the review.") == [("I was coaching staff.", ["Coach"])]


def test_criterion_text_needs_two_content_words_in_one_sentence() -> None:
    keywords = Keywords.from_text("Experience of safeguarding children effectively")
    assert keywords.phrases == ("safeguardin", "childre") and keywords.needed == 2
    assert _find(keywords, "Safeguarding matters. Children matter.") == []
    assert _find(keywords, "I led safeguarding for children.") == [
        ("I led safeguarding for children.", ["safeguardin", "childre"])
    ]


def test_at_most_one_quote_per_item_and_three_in_all() -> None:
    keywords = Keywords.given(["coach"])
    found = _find(keywords, "I coach. I coach again.", "coach", "coach", "coach")
    assert [sentence for sentence, _ in found] == ["I coach.", "coach", "coach"]
