"""The worker processes of a shortlist run, kept for both of its stages, or this process alone.

durable_rules holds the GIL (``shared/durable_rules.md`` §5, §7), so a large
batch runs in worker processes. Each worker compiles the role once, in its
initializer, into its own rulesets (a forked worker inherits the parent's
compiled role instead of compiling it again). A run uses the same workers
twice: to load and evaluate the applications, then, once they are ranked, to
build and render each candidate's part of the outputs.

While the workers are open, what the process already holds (imports, the rule
library, the compiled role) is frozen out of garbage collection, and young
collections run less often (``core.processes.quiet_collector``): the run's
collections walk only what the run makes, and a forked worker never writes to
the pages it shares with its parent to collect them (measured in
``docs/performance.md``). Both are undone when the workers close.

``Workers.map`` runs a task over chunks and yields the results in the chunks'
order, with only a few chunks in flight at a time, so neither the tasks waiting
to be sent nor the results waiting to be read grow with the batch. With one
worker the same tasks run in this process, so a serial and a parallel run
cannot differ.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from speccheck.core.findings import Finding
from speccheck.core.processes import end_with_parent, quiet_collector
from speccheck.evaluate.plans import CompiledRole, compile_role
from speccheck.files.role import Role
from speccheck.importing.run import load_path
from speccheck.library.loading import load_library

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 2  # chunks sent ahead of the one being read: enough to keep every worker busy


@dataclass(frozen=True)
class Setup:
    """What a worker needs to compile the role itself."""

    role_path: str
    role_shown: str
    rule_folders: tuple[str, ...]
    as_of: dt.date
    library_cache: str | None = None  # the command line's rule library cache, so a worker starts as fast as it


_COMPILED: dict[Setup, CompiledRole] = {}


def compile_setup(setup: Setup) -> tuple[CompiledRole | None, list[Finding]]:
    """Load the rule library and the role, and compile the role."""
    cache = Path(setup.library_cache) if setup.library_cache is not None else None
    library = load_library([Path(p) for p in setup.rule_folders], cache=cache)
    loaded = load_path(Path(setup.role_path), Role, library, shown=setup.role_shown)
    if loaded.model is None:
        return None, loaded.findings
    return compile_role(loaded, library)


def compiled_for(setup: Setup) -> CompiledRole:
    """The role compiled for ``setup`` in this process (a worker's, or the one a serial run was given)."""
    return _COMPILED[setup]


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


def _context() -> multiprocessing.context.BaseContext:
    """fork where it is safe (POSIX, no other thread yet): workers start at once with the
    parent's imports; otherwise forkserver, else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


class Workers:
    """``count`` worker processes for one run's role (one: this process), as a context manager."""

    def __init__(self, setup: Setup, count: int, compiled: CompiledRole | None = None) -> None:
        self.setup = setup
        self.count = max(1, count)
        self._compiled = compiled
        self._pool: ProcessPoolExecutor | None = None
        self._collector = ExitStack()

    def __enter__(self) -> Workers:
        self._collector.enter_context(quiet_collector())
        try:
            return self._start()
        except BaseException:
            self._restore()
            raise

    def _start(self) -> Workers:
        compiled = self._compiled
        if self.count == 1 and compiled is None:
            compiled, findings = compile_setup(self.setup)
            if compiled is None:
                raise RuntimeError("the role did not compile: " + "; ".join(f.message for f in findings))
        if compiled is not None:
            # a serial run reads it here; forked workers inherit it: no second load and compile
            _COMPILED[self.setup] = compiled
        if self.count > 1:
            context = _context()
            if context.get_start_method() != "fork":
                _COMPILED.pop(self.setup, None)
            self._pool = ProcessPoolExecutor(
                max_workers=self.count,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.setup, os.getpid()),
            )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None
        finally:
            self._restore()

    def _restore(self) -> None:
        _COMPILED.pop(self.setup, None)
        self._collector.close()

    def map(self, task: Callable[[T], R], chunks: Iterable[T]) -> Iterator[R]:
        """``task`` of every chunk, in order; in the workers, a few chunks in flight at a time."""
        if self._pool is None:
            for chunk in chunks:
                yield task(chunk)
            return
        pending: deque[Future[R]] = deque()
        ahead = self.count * IN_FLIGHT_PER_WORKER
        try:
            for chunk in chunks:
                pending.append(self._pool.submit(task, chunk))
                if len(pending) > ahead:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last may be shorter)."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def chunk_size(count: int, workers: int) -> int:
    """About eight chunks per worker (for progress and balance), 1 to 64 applications each."""
    return max(1, min(64, -(-count // (workers * 8))))
