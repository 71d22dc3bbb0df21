"""Finding the sentences of an application that address a criterion with no machine condition.

Each application is read once (``ApplicationIndex``: its texts cut into
sentences through the text layer, abbreviations read, stems taken, denials and
aspirations marked); each criterion is a query compiled once with the role
(``speccheck.text.retrieval``). A criterion's evidence is its best-scoring
sentences, at most one per passage of the application, that clear the
calibrated threshold; a sentence that only denies or hopes for something is
never evidence of having done it.
"""

from __future__ import annotations

from dataclasses import dataclass

from speccheck.facts.values import TextItem
from speccheck.text.reading import Sentence, read
from speccheck.text.retrieval import Prepared, Query, Scored, evidence, prepare
from speccheck.text.variants import Variants


@dataclass(frozen=True)
class Passage:
    """A sentence of the application, in the passage (text item) it belongs to."""

    item: TextItem
    sentence: Sentence


@dataclass(frozen=True)
class Found:
    """A sentence that addresses a criterion, and how well."""

    passage: Passage
    scored: Scored


class ApplicationIndex:
    """An application's sentences, read once for every criterion."""

    def __init__(self, items: list[TextItem], variants: Variants) -> None:
        self.passages = [Passage(item, sentence) for item in items for sentence in read(item.text, variants)]
        self._ready: list[Prepared] = [prepare(p.sentence) for p in self.passages]
        # which sentences claim each stem: a query is scored only against sentences that claim one of its words
        self._holding: dict[str, list[int]] = {}
        for index, ready in enumerate(self._ready):
            for stem_ in ready.claimed:
                self._holding.setdefault(stem_, []).append(index)

    def find(self, query: Query, *, limit: int = 3) -> list[Found]:
        """Up to ``limit`` sentences that address the query, best first, one per passage of the application."""
        # a sentence about someone else is never evidence, however well it scores: it is not scored
        holding = self._holding
        candidates = sorted(
            {i for s in holding.keys() & query.first_stems for i in holding[s] if self._ready[i].about_writer}
        )
        found = [
            Found(self.passages[i], scored)
            for i in candidates
            for scored in [evidence(query, self._ready[i])]
            if scored is not None
        ]
        found.sort(key=lambda f: -f.scored.score)
        results: list[Found] = []
        used: set[int] = set()
        for hit in found:
            if id(hit.passage.item) in used:
                continue
            used.add(id(hit.passage.item))
            results.append(hit)
            if len(results) >= limit:
                break
        return results
