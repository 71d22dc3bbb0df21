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
from speccheck.text.retrieval import Prepared, Queries, Query, Scored, evidence, evidence_for_each, prepare
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
    """An application's sentences, read once for every criterion.

    Given the role's ``queries``, every sentence is scored against all of them in one pass, at the first
    ``find`` (``speccheck.text.retrieval.evidence_for_each``); a query not among them is scored on its own
    against the sentences that claim one of its words.
    """

    def __init__(self, items: list[TextItem], variants: Variants, queries: Queries | None = None) -> None:
        self.passages = [Passage(item, sentence) for item in items for sentence in read(item.text, variants)]
        self._ready: list[Prepared] = [prepare(p.sentence) for p in self.passages]
        self._queries = queries
        self._by_query: list[list[Found]] | None = None
        self._holding: dict[str, list[int]] | None = None

    def find(self, query: Query, *, limit: int = 3) -> list[Found]:
        """Up to ``limit`` sentences that address the query, best first, one per passage of the application."""
        number = self._queries.number(query) if self._queries is not None else None
        found = list(self._found_for_each()[number]) if number is not None else self._found_alone(query)
        # a stable sort: equal scores keep the order of the application
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

    def _found_for_each(self) -> list[list[Found]]:
        """Each of the role's queries' evidence sentences, in the order of the application."""
        if self._by_query is None:
            assert self._queries is not None
            by_query: list[list[Found]] = [[] for _ in self._queries.queries]
            for passage, ready in zip(self.passages, self._ready, strict=True):
                for number, scored in evidence_for_each(self._queries, ready).items():
                    by_query[number].append(Found(passage, scored))
            self._by_query = by_query
        return self._by_query

    def _found_alone(self, query: Query) -> list[Found]:
        """The query's evidence sentences, in the order of the application, scored for this query alone."""
        if self._holding is None:
            # which sentences claim each stem: a query is scored only against sentences that claim one of its words
            self._holding = {}
            for index, ready in enumerate(self._ready):
                for stem_ in ready.claimed:
                    self._holding.setdefault(stem_, []).append(index)
        holding = self._holding
        # a sentence about someone else is never evidence, however well it scores: it is not scored
        candidates = sorted(
            {i for s in holding.keys() & query.first_stems for i in holding[s] if self._ready[i].about_writer}
        )
        return [
            Found(self.passages[i], scored)
            for i in candidates
            for scored in [evidence(query, self._ready[i])]
            if scored is not None
        ]
