"""The shortlist floor: ``speccheck shortlist`` against libyaml parsing the same application files.

    python tests/bench/anchors/floor_shortlist.py [--sizes 400 4000] [--runs 3] [--jobs N]

For each size, synthetic applications are written once (``tests/bench/bench_shortlist.py``'s
generator). Then, round-robin, ``--runs`` times:

* parse      a fresh process in the anchors' environment reads every file and parses it with
             ``yaml.load(text, Loader=yaml.CSafeLoader)`` (libyaml), nothing else: the least any
             tool must do to read the batch;
* shortlist  a fresh process running ``speccheck shortlist ROLE FOLDER -o out.json`` through
             ``speccheck.cli.main`` (load with positions, validate, evaluate, rank, write the JSON),
             with speccheck's default worker count unless ``--jobs`` is given.

CPU is user + system seconds of the whole process and of every worker it waited for, read by this
script with ``resource.getrusage(RUSAGE_CHILDREN)`` around each run: interpreter start-up and imports
included on both sides. Each child also reports the CPU of its own work alone (the parse loop; the
time inside ``main()``) and its peak RSS (VmHWM). Memory is flat when the shortlist process peaks at
about the same at 4,000 applications as at 400 (the "grows" column is that ratio).

Not collected by pytest. The anchors' environment is created on first use (``env.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
ROLE = ROOT / "samples" / "roles" / "head-of-school-completed.yaml"
sys.path.insert(0, str(HERE))

import env  # noqa: E402


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child_parse(folder: Path) -> dict[str, float]:
    """Parse every file of the folder with libyaml; keep nothing."""
    import yaml

    paths = sorted(folder.glob("*.yaml"))
    before = _own_cpu()
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return {"work_cpu": _own_cpu() - before, "peak_mb": _peak_mb(), "files": len(paths)}


def child_shortlist(folder: Path, out: Path, jobs: int | None) -> dict[str, float]:
    """Run ``speccheck shortlist`` through ``main()`` in this process."""
    from speccheck.cli import main

    before = _own_cpu()
    code = main(["shortlist", str(ROLE), str(folder), "-o", str(out), *(["--jobs", str(jobs)] if jobs else [])])
    if code != 0:
        raise SystemExit(f"speccheck shortlist exited {code}")
    return {
        "work_cpu": _own_cpu() - before,
        "peak_mb": _peak_mb(),
        "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _measured(command: list[str]) -> dict[str, float]:
    """Run a child; its own report plus the CPU and wall seconds of the whole process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child_env = dict(os.environ)
    child_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=child_env, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed ({done.returncode}): {done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    result["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result["wall"] = wall
    return result


def _write_batch(folder: Path, count: int) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "bench")]  # this checkout's speccheck, not an installed one
    from bench_shortlist import _write_batch as write

    write(folder, count)


def _median(samples: list[dict[str, float]], key: str) -> float:
    return statistics.median(s[key] for s in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[400, 4000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, help="speccheck shortlist --jobs (default: speccheck's own default)")
    parser.add_argument("--keep", type=Path, help="folder for the generated batches (default: a temporary one)")
    parser.add_argument("--child-parse", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-shortlist", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_parse:
        print(json.dumps(child_parse(args.child_parse)))
        return 0
    if args.child_shortlist:
        folder, out = args.child_shortlist
        print(json.dumps(child_shortlist(folder, out, args.jobs)))
        return 0

    versions = env.ensure()
    base = args.keep or Path(tempfile.mkdtemp(prefix="speccheck-floor-"))
    jobs = [] if args.jobs is None else ["--jobs", str(args.jobs)]
    rows = []
    for size in args.sizes:
        folder = base / f"batch-{size}"
        if not folder.exists():
            _write_batch(folder, size)
        parse: list[dict[str, float]] = []
        shortlist: list[dict[str, float]] = []
        for _ in range(args.runs):
            parse.append(_measured([str(env.bench_python()), __file__, "--child-parse", str(folder)]))
            out = base / f"out-{size}.json"
            shortlist.append(_measured([sys.executable, __file__, *jobs, "--child-shortlist", str(folder), str(out)]))
        rows.append((size, parse, shortlist))

    print(
        f"speccheck shortlist vs libyaml (PyYAML {versions['PyYAML']} CSafeLoader) on the same synthetic applications; "
        f"median of {args.runs} round-robin runs; shortlist workers: {args.jobs or 'speccheck default'}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print()
    print(
        "| applications | libyaml CPU s | shortlist CPU s | ratio | libyaml parse loop s | shortlist main() CPU s "
        "| loop ratio | shortlist wall s | shortlist peak MB (main) | worker peak MB | grows |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    figures = []
    first_peak = None
    for size, parse, shortlist in rows:
        cpu_parse, cpu_short = _median(parse, "cpu"), _median(shortlist, "cpu")
        loop_parse, loop_short = _median(parse, "work_cpu"), _median(shortlist, "work_cpu")
        peak = _median(shortlist, "peak_mb")
        first_peak = first_peak or peak
        print(
            f"| {size:,} | {cpu_parse:.2f} | {cpu_short:.2f} | {cpu_short / cpu_parse:.1f}x | {loop_parse:.3f} | "
            f"{loop_short:.2f} | {loop_short / loop_parse:.1f}x | {_median(shortlist, 'wall'):.2f} | {peak:.0f} | "
            f"{_median(shortlist, 'worker_peak_mb'):.0f} | {peak / first_peak:.2f}x |"
        )
        figures.append(
            {
                "applications": size,
                "libyaml_cpu_s": round(cpu_parse, 3),
                "shortlist_cpu_s": round(cpu_short, 3),
                "ratio": round(cpu_short / cpu_parse, 2),
                "libyaml_loop_cpu_s": round(loop_parse, 4),
                "shortlist_main_cpu_s": round(loop_short, 3),
                "shortlist_peak_mb": round(peak, 1),
                "libyaml_peak_mb": round(_median(parse, "peak_mb"), 1),
            }
        )
    print()
    worst = max(f["ratio"] for f in figures)
    print(f"- shortlist CPU at most 4x libyaml's parse: worst {worst:.1f}x ({'met' if worst <= 4 else 'not met'})")
    if len(figures) > 1:
        grows = figures[-1]["shortlist_peak_mb"] / figures[0]["shortlist_peak_mb"]
        print(
            f"- memory flat: shortlist peak {figures[-1]['shortlist_peak_mb']:.0f} MB at {figures[-1]['applications']:,} "
            f"vs {figures[0]['shortlist_peak_mb']:.0f} MB at {figures[0]['applications']:,} ({grows:.2f}x)"
        )
    print()
    print(json.dumps({"bench": "floor_shortlist", "runs": args.runs, "jobs": args.jobs, "results": figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
