"""Evaluating a batch of applications on all cores, with results identical to a serial run.

durable_rules holds the GIL, so the batch runs in worker processes
(``shared/durable_rules.md`` §5, §7): each worker compiles the role once, in
its initializer, into its own rulesets, then loads and evaluates whole chunks
of applications (reading and parsing the file is as much work as evaluating
it). Results come back in input order. A serial run uses the same functions in
this process, so the two cannot differ.

Each result carries the sha256 of the bytes that were evaluated (for the
decision record) and the candidate's personal details as an ``Identity`` (for
blind mode); the model and its positions stay in the worker.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from speccheck.core.findings import Finding
from speccheck.core.processes import end_with_parent
from speccheck.documents.read import DOCUMENT_SUFFIXES
from speccheck.evaluate.plans import CompiledRole, compile_role
from speccheck.evaluate.verdicts import evaluate_candidate
from speccheck.files.candidate import Candidate
from speccheck.files.loader import Loaded, decode, load_text, of_kind, read_bytes
from speccheck.files.role import Level, Role
from speccheck.importing.run import import_file, load_path, loaded_of
from speccheck.library.loading import RuleLibrary, load_library
from speccheck.results.evaluation import CandidateResult, Decision, Verdict
from speccheck.shortlist.applicants import Header, Row, row_candidate
from speccheck.shortlist.blind import Identity


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
class Setup:
    """What a worker needs to compile the role itself."""

    role_path: str
    role_shown: str
    rule_folders: tuple[str, ...]
    as_of: dt.date


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


def compile_setup(setup: Setup) -> tuple[CompiledRole | None, list[Finding]]:
    """Load the rule library and the role, and compile the role."""
    library = load_library([Path(p) for p in setup.rule_folders])
    loaded = load_path(Path(setup.role_path), Role, library, shown=setup.role_shown)
    if loaded.model is None:
        return None, loaded.findings
    return compile_role(loaded, library)


_COMPILED: dict[Setup, CompiledRole] = {}


def _init_worker(setup: Setup, parent: int) -> None:
    """Compile the role in this worker, unless it was forked with the parent's compiled role;
    either way the worker then creates its own rulesets. The worker ends if its parent does."""
    end_with_parent(parent)
    compiled = _COMPILED.get(setup)
    if compiled is None:
        compiled, findings = compile_setup(setup)
        if compiled is None:
            raise RuntimeError("the role did not compile in a worker: " + "; ".join(f.message for f in findings))
    _COMPILED.clear()
    _COMPILED[setup] = compiled
    compiled.engine  # noqa: B018 - create this process's rulesets now, not in the first chunk


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


def evaluate_source(compiled: CompiledRole, source: Source, as_of: dt.date) -> Evaluated:
    """Load and evaluate one application."""
    if isinstance(source, FileSource):
        loaded, digest = _load_file(source, compiled.library)
        shown = source.shown
    else:
        loaded, digest = row_candidate(source.header, source.row), None
        shown = f"{source.row.shown}:{source.row.line}"
    if loaded.model is None:
        return Evaluated(shown, None, None, tuple(loaded.findings), digest)
    result = Assessed.of(evaluate_candidate(compiled, loaded, as_of))
    return Evaluated(shown, result, Identity.of(loaded.model), (), digest)


def _evaluate_chunk(setup: Setup, chunk: Sequence[Source]) -> list[Evaluated]:
    compiled = _COMPILED[setup]
    return [evaluate_source(compiled, source, setup.as_of) for source in chunk]


def _chunks(sources: Sequence[Source], size: int) -> Iterator[Sequence[Source]]:
    for start in range(0, len(sources), size):
        yield sources[start : start + size]


def chunk_size(count: int, workers: int) -> int:
    """About eight chunks per worker (for progress and balance), 1 to 64 applications each."""
    return max(1, min(64, -(-count // (workers * 8))))


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (POSIX, no other thread yet): workers start at once with the
    parent's imports; otherwise forkserver, else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


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
    workers = max(1, min(workers, len(sources)))
    if workers == 1:
        if compiled is None:
            compiled, findings = compile_setup(setup)
            if compiled is None:
                raise RuntimeError("the role did not compile: " + "; ".join(f.message for f in findings))
        results = []
        for source in sources:
            results.append(evaluate_source(compiled, source, setup.as_of))
            if progress is not None:
                progress(1)
        return results
    size = chunk_size(len(sources), workers)
    results = []
    context = _context()
    if compiled is not None and context.get_start_method() == "fork":
        _COMPILED[setup] = compiled  # forked workers inherit it: no second load and compile
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(setup, os.getpid())
        ) as pool:
            for done in pool.map(_evaluate_chunk, [setup] * -(-len(sources) // size), _chunks(sources, size)):
                results.extend(done)
                if progress is not None:
                    progress(len(done))
    finally:
        _COMPILED.pop(setup, None)
    return results
