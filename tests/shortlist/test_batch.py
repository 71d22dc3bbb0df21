"""Parallel batches: identical to a serial run, in input order, bad files kept as findings."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
import yaml

from speccheck.shortlist.batch import (
    FileSource,
    Setup,
    chunk_size,
    compile_setup,
    run_batch,
)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from synthetic import candidate  # noqa: E402

SETUP = Setup(
    str(ROOT / "samples/roles/head-of-school-completed.yaml"),
    "samples/roles/head-of-school-completed.yaml",
    (),
    dt.date(2021, 3, 1),
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> list[FileSource]:
    base = tmp_path_factory.mktemp("batch")
    compiled, _ = compile_setup(SETUP)
    assert compiled is not None
    ids = [c.id for c in compiled.role.criteria]
    sources = []
    for index in range(60):
        path = base / f"s{index:03d}.yaml"
        if index == 17:
            path.write_text("kind: candidate\nversion: 1\nid: broken\nevidence: [\n")
        else:
            path.write_text(yaml.safe_dump(json.loads(json.dumps(candidate(index, ids), default=str)), sort_keys=False))
        sources.append(FileSource(str(path), path.name))
    sources.append(FileSource(str(base / "missing.yaml"), "missing.yaml"))
    return sources


def test_parallel_equals_serial_and_keeps_input_order(folder: list[FileSource]) -> None:
    serial = run_batch(SETUP, folder, workers=1)
    parallel = run_batch(SETUP, folder, workers=2)
    assert parallel == serial
    assert [e.shown for e in parallel] == [s.shown for s in folder]
    assert parallel[17].result is None and parallel[17].findings[0].rule_id == "yaml-syntax"
    assert parallel[-1].result is None and parallel[-1].findings[0].rule_id == "file-unreadable"
    assert sum(e.result is not None for e in parallel) == 59
    assert all(e.sha256 and len(e.sha256) == 64 for e in parallel[:-1])


def test_progress_counts_every_application(folder: list[FileSource]) -> None:
    seen: list[int] = []
    run_batch(SETUP, folder[:20], workers=2, progress=seen.append)
    assert sum(seen) == 20 and len(seen) > 1


def test_chunk_size() -> None:
    assert chunk_size(10, 2) == 1
    assert chunk_size(1000, 2) == 63
    assert chunk_size(100_000, 2) == 64
