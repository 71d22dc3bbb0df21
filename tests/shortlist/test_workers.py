"""The run's workers: results in the chunks' order with few in flight, and the collector as it was after."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest

from speccheck.evaluate.plans import CompiledRole
from speccheck.shortlist.workers import Setup, Workers, chunked, compile_setup

ROOT = Path(__file__).resolve().parents[2]
SETUP = Setup(
    str(ROOT / "samples/roles/head-of-school-completed.yaml"),
    "samples/roles/head-of-school-completed.yaml",
    (),
    dt.date(2021, 3, 1),
)


@pytest.fixture(scope="module")
def compiled() -> CompiledRole:
    role, problems = compile_setup(SETUP)
    assert role is not None, problems
    return role


def _total(chunk: list[int]) -> int:
    return sum(chunk)


@pytest.mark.parametrize("count", [1, 2])
def test_results_come_in_the_chunks_order(compiled: CompiledRole, count: int) -> None:
    chunks = list(chunked(range(100), 3))
    with Workers(SETUP, count, compiled) as pool:
        assert list(pool.map(_total, chunks)) == [sum(c) for c in chunks]


def test_the_collector_is_as_it_was_after_the_run(compiled: CompiledRole) -> None:
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    with Workers(SETUP, 2, compiled) as pool:
        assert gc.get_threshold()[0] >= thresholds[0] and gc.get_freeze_count() >= frozen
        list(pool.map(_total, [[1], [2]]))
    assert (gc.get_threshold(), gc.get_freeze_count()) == (thresholds, frozen)
    with pytest.raises(RuntimeError), Workers(SETUP, 2, compiled) as pool:
        raise RuntimeError("a run that fails")
    assert (gc.get_threshold(), gc.get_freeze_count()) == (thresholds, frozen)


def test_chunked() -> None:
    assert list(chunked([1, 2, 3, 4, 5], 2)) == [[1, 2], [3, 4], [5]]
    assert list(chunked([], 2)) == []
