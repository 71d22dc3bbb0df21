"""Worker processes end with their parent, even when the parent is killed with SIGKILL (issue 13)."""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from speccheck.core.processes import YOUNG_COLLECTION, quiet_collector

PARENT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from speccheck.core.processes import end_with_parent

def work(_):
    os.write(1, f"{os.getpid()}\\n".encode())  # one write: two workers' lines never interleave
    time.sleep(600)

if __name__ == "__main__":
    context = multiprocessing.get_context(sys.argv[1])
    with ProcessPoolExecutor(2, mp_context=context, initializer=end_with_parent, initargs=(os.getpid(),)) as pool:
        list(pool.map(work, range(2)))
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_end_when_the_parent_is_killed(tmp_path: Path, method: str) -> None:
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    with subprocess.Popen([sys.executable, str(script), method], stdout=subprocess.PIPE, text=True, env=env) as parent:
        assert parent.stdout is not None
        workers = [int(parent.stdout.readline()) for _ in range(2)]
        assert all(_alive(pid) for pid in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "a worker outlived its killed parent"


def test_the_collector_is_quiet_for_a_batch_and_as_it_was_after() -> None:
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    with quiet_collector():
        assert gc.get_threshold()[0] >= YOUNG_COLLECTION and gc.get_freeze_count() > 0
    assert (gc.get_threshold(), gc.get_freeze_count()) == (thresholds, frozen)
    with pytest.raises(RuntimeError), quiet_collector():
        raise RuntimeError("a batch that fails")
    assert (gc.get_threshold(), gc.get_freeze_count()) == (thresholds, frozen)
    gc.freeze()  # a caller's own freeze is left as it was
    try:
        kept = gc.get_freeze_count()
        with quiet_collector():
            pass
        assert gc.get_freeze_count() >= kept
    finally:
        gc.unfreeze()
