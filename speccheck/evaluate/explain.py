"""One criterion's verdict for one candidate, worded as an explanation with the facts and quotes behind it."""

from __future__ import annotations

from speccheck.conditions.engine import Outcome
from speccheck.core.findings import Position
from speccheck.evaluate.evidence import ApplicationIndex, Found
from speccheck.evaluate.places import place
from speccheck.evaluate.plans import CriterionPlan, Route
from speccheck.facts.values import Facts, Loc, TextItem
from speccheck.files.candidate import Candidate
from speccheck.files.loader import Loaded
from speccheck.results.evaluation import Explanation, FactSeen, Quote, Verdict

Hits = dict[str, tuple[TextItem, str]]  # text feature -> its first match (item, matched text)
Named = dict[str, list[TextItem]]  # criterion id -> evidence statements the applicant named it for


def judge(
    plan: CriterionPlan,
    facts: Facts,
    outcome: Outcome,
    hits: Hits,
    named: Named,
    index: ApplicationIndex,
    quote: Quoter,
) -> tuple[Verdict, Explanation]:
    """The verdict and explanation of one criterion: deferred, decided by its condition, or by evidence."""
    if plan.deferred is not None:
        return Verdict.DEFERRED, plan.deferred
    if plan.words is not None:
        return _condition_result(plan, plan.words, facts, outcome, hits, named, quote)
    return _evidence_result(plan, named, index, quote)


def named_evidence(candidate: Candidate) -> Named:
    """Evidence statements by the criterion ids the applicant named for them."""
    table: Named = {}
    for index, item in enumerate(candidate.evidence):
        for criterion_id in item.criteria:
            table.setdefault(criterion_id, []).append(TextItem(item.text, ("evidence", index, "text")))
    return table


class Quoter:
    """Quotes from one application. A passage is often quoted for several criteria (13 quotes an application
    name about 4 places), so where each stands, in the file and in words, is worked out once."""

    def __init__(self, loaded: Loaded[Candidate]) -> None:
        assert loaded.model is not None
        self._loaded = loaded
        self._model = loaded.model
        self._places: dict[tuple[Loc, int], tuple[Position, str]] = {}  # (item, offset) -> where

    def __call__(
        self, item: TextItem, matched: list[str], *, explicit: bool = False, text: str | None = None, offset: int = 0
    ) -> Quote:
        """A passage quoted (``text``, else the whole item), with where it stands in words and in the file."""
        shown = " ".join((item.text if text is None else text).split())
        if len(shown) > 300:
            shown = shown[:297] + "..."
        key = (item.loc, offset)
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = (
                self._loaded.position(item.loc),
                place(self._model, item.loc, item.text, offset),
            )
        position, where = found
        return Quote(text=shown, position=position, where=where, matched=matched, explicit=explicit)


def _found_evidence(found: list[Found], quote: Quoter) -> list[Quote]:
    """Sentences that address a criterion with no machine condition, best first."""
    return [
        quote(
            hit.passage.item,
            list(hit.scored.matched),
            text=hit.passage.sentence.text,
            offset=hit.passage.sentence.start,
        )
        for hit in found
    ]


def _explicit_evidence(plan: CriterionPlan, named: Named, quote: Quoter) -> list[Quote]:
    return [quote(item, [], explicit=True) for item in named.get(plan.criterion.id, ())]


def _show(value: object) -> str:
    """A fact's value in words: yes/no, numbers without a needless ".0", codes with spaces for underscores."""
    if value is None:
        return "nothing given"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v).replace("_", " ") for v in value) if value else "none"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("_", " ")


def _facts_seen(plan: CriterionPlan, facts: Facts, outcome: Outcome) -> list[FactSeen]:
    seen = []
    for spec in plan.shown:
        if spec.type == "text":
            items = facts.texts.get(spec.name)
            passages = f"{len(items)} passage(s)" if items else None
            seen.append(FactSeen(fact=spec.name, label=spec.label, value=passages, present=bool(items)))
        elif spec.derived_by:
            derived = outcome.derived.get(spec.name)
            seen.append(
                FactSeen(
                    fact=spec.name,
                    label=spec.label,
                    value=derived,
                    present=derived is not None,
                    derived_by=spec.derived_by,
                )
            )
        else:
            value = facts.values.get(spec.name)
            seen.append(
                FactSeen(
                    fact=spec.name,
                    label=spec.label,
                    value=value,
                    present=spec.name in facts.values,
                    notes=facts.notes.get(spec.name, []),
                    left_out=facts.left_out.get(spec.name, []),
                )
            )
    return seen


def _words(seen: FactSeen, *, left_out: bool = True) -> str:
    """A fact as a panel checks it: its value, what it was made of, and what was seen but did not count.

    "12.2 years of teaching: Primary Teacher 2012–2018, Assistant Headteacher 2020– (not counted: Nursery
    Manager 2016– is early years, not school teaching)"; "posts held: advanced skills teacher, teacher".
    """
    value, made_of = seen.value, ", ".join(seen.notes)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if seen.label.startswith("years"):
            text = f"{_show(value)} {seen.label}" + (f": {made_of}" if made_of else "")
        else:
            text = f"{seen.label}: {_show(value)}" + (f" ({made_of})" if made_of else "")
    elif isinstance(value, list) and made_of:
        text = f"{seen.label}: {made_of}"
    else:
        text = f"{seen.label}: {_show(value)}"
    if left_out and seen.left_out:
        text += f" (not counted: {'; '.join(seen.left_out)})"
    return text


def _found(seen: list[FactSeen]) -> str:
    """What was seen, in words; facts the application does not give are left out unless none is given."""
    given = [s for s in seen if s.derived_by is None and s.present]
    parts = [_words(s) for s in (given or [s for s in seen if s.derived_by is None])]
    return "; ".join(parts) if parts else "nothing relevant"


def _quoted(plan: CriterionPlan, seen: list[FactSeen]) -> str:
    """The facts given that a met condition read, in words: what counted, not what was left out (texts are
    quoted as evidence instead)."""
    texts = {spec.name for spec in plan.shown if spec.type == "text"}
    return "; ".join(
        _words(s, left_out=False) for s in seen if s.derived_by is None and s.present and s.fact not in texts
    )


def _condition_result(
    plan: CriterionPlan,
    words: str,
    facts: Facts,
    outcome: Outcome,
    hits: Hits,
    named: Named,
    quote: Quoter,
) -> tuple[Verdict, Explanation]:
    seen = _facts_seen(plan, facts, outcome)
    quotes = _explicit_evidence(plan, named, quote)
    for name in sorted(plan.features & hits.keys()):
        item, matched = hits[name]
        quotes.append(quote(item, [matched]))
    decided = outcome.met(plan.criterion.id)
    routes = [route for route in plan.routes if outcome.derived.get(route.derives) is True]
    if decided is False and routes:
        return _route_result(plan, words, seen, routes, hits, quotes, quote)
    if decided is True:
        quoted = _quoted(plan, seen)
        summary = f"met: {words}" + (f"; found {quoted}" if quoted else "")
        return Verdict.MET, Explanation(summary=summary, condition=words, facts=seen, evidence=quotes)
    if decided is False:
        found = _found(seen)
        return Verdict.NOT_MET, Explanation(
            summary=f"not met: needs {words}; found {found}",
            condition=words,
            facts=seen,
            evidence=quotes,
            needs=f"needs {words}; found {found}",
        )
    missing = [s.label for s in seen if not s.present and s.derived_by is None]
    because = "the application does not give " + ", ".join(missing) if missing else "the application does not show it"
    return Verdict.NO_EVIDENCE, Explanation(
        summary=f"no evidence: {because}",
        condition=words,
        facts=seen,
        evidence=quotes,
        needs=f"needs {words}",
    )


def _route_result(
    plan: CriterionPlan,
    words: str,
    seen: list[FactSeen],
    routes: list[Route],
    hits: Hits,
    quotes: list[Quote],
    quote: Quoter,
) -> tuple[Verdict, Explanation]:
    """A criterion its condition fails but an equivalent route meets: evidenced, for the panel to judge."""
    for route in routes:
        for name in sorted(route.features & hits.keys()):
            item, matched = hits[name]
            quotes.append(quote(item, [matched]))
    shown = "; ".join(route.label for route in routes)
    return Verdict.EVIDENCED, Explanation(
        summary=f"evidenced: equivalent route — for the panel to judge: {shown} (the condition, {words}, is not met by title)",
        condition=words,
        facts=seen,
        evidence=quotes,
    )


def _evidence_result(
    plan: CriterionPlan, named: Named, index: ApplicationIndex, quote: Quoter
) -> tuple[Verdict, Explanation]:
    quotes = _explicit_evidence(plan, named, quote)
    partial = False
    if not quotes:
        found = index.find(plan.query)
        partial = bool(found) and all(f.scored.partial for f in found)
        quotes = _found_evidence(found, quote)
    if quotes:
        first = quotes[0]
        if first.explicit:
            how = "the applicant names this criterion"
        else:
            how = f"{first.where} speaks to it (" + ", ".join(f"“{w}”" for w in first.matched) + ")"
        if partial:
            how += "; it says the applicant is working towards it, not that it is done"
        return Verdict.EVIDENCED, Explanation(summary=f"evidenced: {how}; the panel must judge it", evidence=quotes)
    return Verdict.NO_EVIDENCE, plan.nothing_found
