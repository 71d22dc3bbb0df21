"""Benchmark: ``speccheck shortlist`` end to end on synthetic applications, serial vs parallel.

Not collected by pytest. Run from the repository root:

    python tests/bench/bench_shortlist.py [--sizes 10 100 1000 10000] [--runs 3] [--jobs 2]

For each size, deterministic synthetic applications (tests/bench/synthetic.py)
are written once as YAML files. Each measurement is one fresh process running
``speccheck shortlist ROLE FOLDER -o out.json --jobs N`` through ``main()``:
load every file, evaluate, rank, write the JSON. Reported per variant, median
of ``--runs`` round-robin runs:

* cand/s    applications / seconds inside ``main()`` (imports excluded)
* main s    seconds inside ``main()``
* process s wall seconds of the whole process, interpreter start and imports included
* cpu s     CPU seconds (user + system) of the main process and its workers inside ``main()``:
            steadier than wall time on a shared machine
* peak MB   peak RSS of the main process (VmHWM) and of the largest worker
* load      the machine's 1-minute load average when the size finished (other work competes)

Results of the serial and the parallel run are compared byte for byte.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROLE = ROOT / "samples" / "roles" / "head-of-school-completed.yaml"


def _write_batch(folder: Path, count: int) -> None:
    import yaml

    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from synthetic import candidate

    from speccheck.files.loader import load_as
    from speccheck.files.role import Role

    role = load_as(ROLE, Role).model
    assert role is not None
    ids = [c.id for c in role.criteria]
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        data = json.loads(
            json.dumps(candidate(index, ids), default=lambda d: d.isoformat() if isinstance(d, dt.date) else str(d))
        )
        (folder / f"S-{index:05d}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_one(folder: Path, out: Path, jobs: int) -> dict[str, float]:
    started = time.perf_counter()
    import speccheck.cli.shortlist
    from speccheck.cli import main

    # every run keys its blind codes with a new secret; one key for all, so the runs' JSON compares
    speccheck.cli.shortlist.new_blind_key = lambda: "bench"
    imported = time.perf_counter()
    before = _cpu()
    code = main(["shortlist", str(ROLE), str(folder), "-o", str(out), "--jobs", str(jobs)])
    finished = time.perf_counter()
    assert code == 0, code
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "main": finished - imported,
        "imports": imported - started,
        "cpu": _cpu() - before,
        "peak_mb": _peak_mb(),
        "worker_peak_mb": children,
    }


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="folder for the generated batches (default: a temporary one)")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        folder, out, jobs = args.one
        print(json.dumps(run_one(Path(folder), Path(out), int(jobs))))
        return 0
    base = args.keep or Path(tempfile.mkdtemp(prefix="speccheck-bench-"))
    print(
        f"speccheck shortlist, Head of School spec, synthetic applications; median of {args.runs} runs; {args.jobs} workers in parallel"
    )
    print(
        f"{'apps':>6} {'variant':<9} {'cand/s':>8} {'main s':>7} {'process s':>9} {'cpu s':>7} {'peak MB':>8} {'worker MB':>9} {'speedup':>8}"
    )
    for size in args.sizes:
        folder = base / f"batch-{size}"
        if not folder.exists():
            _write_batch(folder, size)
        variants = {"serial": 1, "parallel": args.jobs}
        samples: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
        for _ in range(args.runs):
            for variant, jobs in variants.items():
                out = base / f"out-{size}-{variant}.json"
                began = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, __file__, "--one", str(folder), str(out), str(jobs)],
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd=ROOT,
                )
                measured = json.loads(done.stdout.strip().splitlines()[-1])
                measured["process"] = time.perf_counter() - began
                samples[variant].append(measured)
        same = (base / f"out-{size}-serial.json").read_bytes() == (base / f"out-{size}-parallel.json").read_bytes()
        serial_main = statistics.median(s["main"] for s in samples["serial"])
        for variant in variants:
            main_s = statistics.median(s["main"] for s in samples[variant])
            process_s = statistics.median(s["process"] for s in samples[variant])
            peak = statistics.median(s["peak_mb"] for s in samples[variant])
            worker = statistics.median(s["worker_peak_mb"] for s in samples[variant])
            cpu = statistics.median(s["cpu"] for s in samples[variant])
            print(
                f"{size:>6} {variant:<9} {size / main_s:>8.0f} {main_s:>7.2f} {process_s:>9.2f} {cpu:>7.2f} {peak:>8.1f} "
                f"{worker:>9.1f} {serial_main / main_s:>7.2f}x"
            )
        print(f"{'':>6} serial and parallel JSON identical: {same}; load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
