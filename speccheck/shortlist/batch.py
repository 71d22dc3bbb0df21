"""Evaluating a batch of applications on all cores, with results identical to a serial run.

The workers (``workers``) load and evaluate whole chunks of applications
(reading and parsing a file is as much work as evaluating it); results come
back in input order.

Each result carries the sha256 of the bytes that were evaluated (for the
decision record) and the candidate's personal details as an ``Identity`` (for
blind mode); the model and its positions stay in the worker. ``run_batch``
gives the whole results, for a caller that wants them all; a shortlist run
keeps less of each application as it arrives (``entries``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from speccheck.core.findings import Finding
from speccheck.documents.read import DOCUMENT_SUFFIXES
from speccheck.evaluate.plans import CompiledRole
from speccheck.evaluate.verdicts import evaluate_candidate
from speccheck.files.candidate import Candidate
from speccheck.files.loader import Loaded, decode, load_text, of_kind, read_bytes
from speccheck.files.role import Level
from speccheck.importing.run import import_file, loaded_of
from speccheck.library.loading import RuleLibrary
from speccheck.results.evaluation import CandidateResult, Decision, Verdict
from speccheck.shortlist.applicants import Header, Row, row_candidate
from speccheck.shortlist.blind import Identity
from speccheck.shortlist.workers import Setup, Workers, chunk_size, chunked, compile_setup, compiled_for

__all__ = ["Setup", "chunk_size", "compile_setup"]  # re-exported: where callers have always found them


@dataclass(frozen=True)
class FileSource:
    """A candidate file; ``shown`` is the path as outputs give it."""

    path: str
    shown: str


@dataclass(frozen=True)
class RowSource:
    """One row of an applicants CSV."""

    header: Header
    row: Row


Source = FileSource | RowSource


@dataclass(frozen=True)
class Judged:
    """One criterion's machine verdict and what the shortlist shows of its explanation."""

    criterion_id: str
    level: Level
    verdict: Verdict
    summary: str
    needs: str | None
    quotes: tuple[tuple[str, int, int, bool, str], ...]  # text, line, column, explicit, where in words


@dataclass(frozen=True)
class Assessed:
    """What the shortlist needs of a ``CandidateResult``: plain values, cheap to send between
    processes and small to keep for a whole batch (no facts, no per-quote file paths)."""

    candidate_id: str
    name: str | None
    path: str
    decision: Decision
    decision_reason: str
    criteria: tuple[Judged, ...]
    findings: tuple[Finding, ...]

    @classmethod
    def of(cls, result: CandidateResult) -> Assessed:
        return cls(
            candidate_id=result.candidate_id,
            name=result.name,
            path=result.path,
            decision=result.decision,
            decision_reason=result.decision_reason,
            criteria=tuple(
                Judged(
                    r.criterion_id,
                    r.level,
                    r.verdict,
                    r.explanation.summary,
                    r.explanation.needs,
                    tuple(
                        (q.text, q.position.line, q.position.col, q.explicit, q.where) for q in r.explanation.evidence
                    ),
                )
                for r in result.results
            ),
            findings=tuple(result.findings),
        )


@dataclass(frozen=True)
class Evaluated:
    """One application's outcome: its result, or the findings that kept it out."""

    shown: str
    result: Assessed | None
    identity: Identity | None
    findings: tuple[Finding, ...] = ()
    sha256: str | None = None


def _load_file(source: FileSource, library: RuleLibrary) -> tuple[Loaded[Candidate], str | None]:
    """A candidate file, YAML/JSON or a document, and the sha256 of the bytes read. Either way only a regular
    file is read, within its cap while reading: the loader's for YAML and JSON, the importer's for documents."""
    path = Path(source.path)
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        imported, raw = import_file(path, library, shown=source.shown, kind="candidate")
        digest = hashlib.sha256(raw).hexdigest() if raw is not None else None
        return loaded_of(imported, Candidate, source.shown), digest
    raw, findings = read_bytes(path, source.shown)
    if raw is None:
        return Loaded(path=source.shown, model=None, findings=findings), None
    digest = hashlib.sha256(raw).hexdigest()
    text, findings = decode(raw, source.shown)
    if text is None:
        return Loaded(path=source.shown, model=None, findings=findings), digest
    return of_kind(load_text(text, source.shown), Candidate), digest


def load_source(compiled: CompiledRole, source: Source) -> tuple[str, Loaded[Candidate], str | None]:
    """One application loaded: how outputs name it, the candidate (or the findings that kept it out), and
    the sha256 of the bytes read (none for a CSV row)."""
    if isinstance(source, FileSource):
        loaded, digest = _load_file(source, compiled.library)
        return source.shown, loaded, digest
    return f"{source.row.shown}:{source.row.line}", row_candidate(source.header, source.row), None


def evaluate_source(compiled: CompiledRole, source: Source, as_of: dt.date) -> Evaluated:
    """Load and evaluate one application."""
    shown, loaded, digest = load_source(compiled, source)
    if loaded.model is None:
        return Evaluated(shown, None, None, tuple(loaded.findings), digest)
    result = Assessed.of(evaluate_candidate(compiled, loaded, as_of))
    return Evaluated(shown, result, Identity.of(loaded.model), (), digest)


def _evaluate_chunk(setup: Setup, chunk: Sequence[Source]) -> list[Evaluated]:
    compiled = compiled_for(setup)
    return [evaluate_source(compiled, source, setup.as_of) for source in chunk]


def run_batch(
    setup: Setup,
    sources: Sequence[Source],
    *,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    compiled: CompiledRole | None = None,
) -> list[Evaluated]:
    """Evaluate every source, in input order; ``workers`` > 1 runs them in that many processes.

    ``progress`` is called with the number of applications just finished.
    ``compiled`` (the role compiled from ``setup``) saves compiling it again
    for a serial run.
    """
    count = max(1, min(workers, len(sources)))
    results: list[Evaluated] = []
    with Workers(setup, count, compiled) as pool:
        for done in pool.map(partial(_evaluate_chunk, setup), source_chunks(sources, count)):
            results.extend(done)
            if progress is not None:
                progress(len(done))
    return results


def source_chunks(sources: Sequence[Source], workers: int) -> list[list[Source]]:
    """The sources in chunks: one chunk a source for a serial run (progress after each), else ``chunk_size``."""
    return list(chunked(sources, 1 if workers == 1 else chunk_size(len(sources), workers)))
