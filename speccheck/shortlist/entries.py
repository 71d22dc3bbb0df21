"""What a shortlist run keeps of each application as it arrives, and what it spools.

A run keeps of an application only an ``Entry``: who it is and its machine
verdicts in role order, enough to rank it. The rest of its evaluation, what
its outputs show (each criterion's explanation, needs and quoted evidence; its
notes), is its ``Detail``: made in the worker from the ``CandidateResult``,
pickled there, and written to the run's spool (``spool``) as it arrives, to
be read back once, in rank order, when the outputs reach it. A Detail is
plain tuples: it is pickled and unpickled once per application, and tuples
are several times cheaper to send than objects.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import NamedTuple

from speccheck.core.findings import Finding
from speccheck.evaluate.verdicts import evaluate_candidate
from speccheck.results.evaluation import CandidateResult, Decision, Verdict
from speccheck.shortlist.batch import Assessed, Evaluated, Source, load_source, source_chunks
from speccheck.shortlist.blind import Identity
from speccheck.shortlist.spool import Spool
from speccheck.shortlist.workers import Setup, Workers, compiled_for

Quote = tuple[str, int, int, bool, str]  # text, line, column, explicit, where in words
Judgement = tuple[Verdict, str, str | None, tuple[Quote, ...]]  # machine verdict, summary, needs, quotes


class Detail(NamedTuple):
    """What an application's outputs show beyond its entry: per criterion in role order, the machine
    verdict, the explanation's summary and needs and the quotes; the file as the result names it; its
    notes."""

    path: str
    decision: Decision
    criteria: tuple[Judgement, ...]
    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, result: CandidateResult) -> Detail:
        return cls(
            result.path,
            result.decision,
            tuple(
                (
                    r.verdict,
                    r.explanation.summary,
                    r.explanation.needs,
                    tuple(
                        (q.text, q.position.line, q.position.col, q.explicit, q.where) for q in r.explanation.evidence
                    ),
                )
                for r in result.results
            ),
            tuple(result.findings),
        )

    @classmethod
    def of_assessed(cls, assessed: Assessed) -> Detail:
        return cls(
            assessed.path,
            assessed.decision,
            tuple((j.verdict, j.summary, j.needs, j.quotes) for j in assessed.criteria),
            assessed.findings,
        )


@dataclass(frozen=True, slots=True)
class Entry:
    """What a shortlist run keeps of one application while the batch runs: who it is and its machine
    verdicts (in role order), enough to rank it; its ``Detail`` is in the spool at ``detail``."""

    shown: str
    sha256: str | None
    identity: Identity | None  # the personal details blind mode redacts (a shortlist run keeps them only then)
    findings: tuple[Finding, ...] = ()  # why it was not evaluated
    candidate_id: str | None = None  # None: not evaluated
    name: str | None = None
    path: str = ""
    machine_decision: Decision | None = None
    verdicts: tuple[Verdict, ...] = ()
    detail: int = -1  # where its Detail is in the run's spool (or a batch's list); -1 when it was not evaluated

    @classmethod
    def of(cls, evaluated: Evaluated) -> Entry:
        result = evaluated.result
        if result is None:
            return cls(evaluated.shown, evaluated.sha256, evaluated.identity, evaluated.findings)
        return cls(
            evaluated.shown,
            evaluated.sha256,
            evaluated.identity,
            evaluated.findings,
            candidate_id=result.candidate_id,
            name=result.name,
            path=result.path,
            machine_decision=result.decision,
            verdicts=tuple(judged.verdict for judged in result.criteria),
        )


Spooled = tuple[Entry, bytes | None]  # an entry and its pickled Detail, on the way to the spool


def _evaluate_chunk(setup: Setup, identities: bool, chunk: Sequence[Source]) -> list[Spooled]:
    """Load and evaluate each application; its entry and its pickled ``Detail``, sent back as bytes and
    written to the spool as they are, never made into objects in the main process. The candidate's personal
    details come with the entry only when ``identities`` (blind mode redacts them; nothing else reads them)."""
    compiled = compiled_for(setup)
    criteria = tuple(c.id for c in compiled.role.criteria)
    out: list[Spooled] = []
    for source in chunk:
        shown, loaded, digest = load_source(compiled, source)
        if loaded.model is None:
            out.append((Entry(shown, digest, None, tuple(loaded.findings)), None))
            continue
        result = evaluate_candidate(compiled, loaded, setup.as_of)
        if tuple(r.criterion_id for r in result.results) != criteria:
            raise RuntimeError(f"the evaluation of {shown} does not give one result per criterion in role order")
        entry = Entry(
            shown,
            digest,
            Identity.of(loaded.model) if identities else None,
            candidate_id=result.candidate_id,
            name=result.name,
            path=result.path,
            machine_decision=result.decision,
            verdicts=tuple(r.verdict for r in result.results),
        )
        out.append((entry, pickle.dumps(Detail.of(result), protocol=pickle.HIGHEST_PROTOCOL)))
    return out


def evaluate_into(
    pool: Workers,
    sources: Sequence[Source],
    spool: Spool,
    *,
    identities: bool,
    progress: Callable[[int], None] | None = None,
) -> list[Entry]:
    """Evaluate every source in ``pool``, in input order: each application's detail is written to ``spool`` as
    it arrives, and its ``Entry`` (pointing there; with the candidate's personal details when ``identities``)
    kept."""
    entries: list[Entry] = []
    task = partial(_evaluate_chunk, pool.setup, identities)
    for done in pool.map(task, source_chunks(sources, pool.count)):
        for entry, blob in done:
            entries.append(entry if blob is None else replace(entry, detail=spool.add(blob)))
        if progress is not None:
            progress(len(done))
    return entries
