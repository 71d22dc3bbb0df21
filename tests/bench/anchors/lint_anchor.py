"""The lint anchor: ``speccheck lint`` against ``check-jsonschema`` on the same role files, alternating.

    python tests/bench/anchors/lint_anchor.py [--single-runs 15] [--files 1000] [--batch-runs 3]

Two cases, each as the command line a person runs (interpreter start-up included), alternating
speccheck and check-jsonschema run by run so both see the same machine load:

1. one role file: ``speccheck lint FILE --format parsable`` against
   ``check-jsonschema --schemafile schemas/role.schema.json FILE`` (at least 10 runs each);
2. ``--files`` synthetic role files (``tests/bench/bench_lint.py``'s generator): ``speccheck lint
   DIR`` (its default workers) against ``check-jsonschema`` given every file.

Reported: the median wall seconds and the median CPU seconds (user + system of the process and every
worker it waited for, from ``resource.getrusage(RUSAGE_CHILDREN)``). Both tools run with compiled
bytecode in a fresh cache (one warm-up run each, untimed), as installed packages would; speccheck's
rule library cache is a fresh folder of the run too, which the warm-up run fills, as a user's first run
does. speccheck is
run as ``python -m speccheck`` from this checkout; check-jsonschema is the anchors' environment's.

What each does to a file: check-jsonschema parses the YAML and validates it against the schema;
speccheck parses with positions, validates the model, type-checks and compiles the conditions, and
runs every audit check of the rule library (duty coverage, safer recruitment, equality, clarity).

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
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SCHEMA = ROOT / "schemas" / "role.schema.json"
sys.path.insert(0, str(HERE))

import env  # noqa: E402


def timed(command: list[str], child_env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of a command (exit 0 or 1: clean, or findings)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command, env=child_env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compare(
    case: str, ours: list[str], theirs: list[str], runs: int, child_env: dict[str, str], cwd: Path
) -> dict[str, Any]:
    timed(ours, child_env, cwd)  # warm-up: bytecode compiled, files in the page cache
    timed(theirs, child_env, cwd)
    speccheck: list[tuple[float, float]] = []
    baseline: list[tuple[float, float]] = []
    for _ in range(runs):
        speccheck.append(timed(ours, child_env, cwd))
        baseline.append(timed(theirs, child_env, cwd))
    wall_ours, wall_theirs = (statistics.median(w for w, _ in s) for s in (speccheck, baseline))
    cpu_ours, cpu_theirs = (statistics.median(c for _, c in s) for s in (speccheck, baseline))
    return {
        "case": case,
        "runs": runs,
        "speccheck_wall_s": round(wall_ours, 3),
        "check_jsonschema_wall_s": round(wall_theirs, 3),
        "wall_ratio": round(wall_ours / wall_theirs, 2),
        "speccheck_cpu_s": round(cpu_ours, 3),
        "check_jsonschema_cpu_s": round(cpu_theirs, 3),
        "cpu_ratio": round(cpu_ours / cpu_theirs, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--single-runs", type=int, default=15, help="runs of the one-file case (at least 10)")
    parser.add_argument("--files", type=int, default=1000, help="role files for the batch case (0: skip it)")
    parser.add_argument("--batch-runs", type=int, default=3, help="runs of the batch case")
    args = parser.parse_args()
    if args.single_runs < 10:
        parser.error("--single-runs must be at least 10")

    versions = env.ensure()
    check_jsonschema = str(env.bench_bin("check-jsonschema"))
    speccheck = [sys.executable, "-m", "speccheck"]
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from bench_lint import synthetic_roles

    with tempfile.TemporaryDirectory(prefix="speccheck-lint-anchor-") as scratch:
        work = Path(scratch)
        (work / ".git").mkdir()  # a repository root: no configuration file above is picked up
        roles = work / "roles"
        roles.mkdir()
        files = synthetic_roles(roles, max(args.files, 1))
        child_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS")}
        child_env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        # speccheck's rule library cache, fresh for the run and never the user's: the warm-up run writes it
        child_env["SPECCHECK_CACHE_DIR"] = str(work / "speccheck-cache")
        child_env.pop("SPECCHECK_NO_CACHE", None)
        child_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
        one = files[0]
        results = [
            compare(
                "one role file (start-up included)",
                [*speccheck, "lint", str(one), "--format", "parsable"],
                [check_jsonschema, "--schemafile", str(SCHEMA), str(one)],
                args.single_runs,
                child_env,
                work,
            )
        ]
        if args.files:
            results.append(
                compare(
                    f"{args.files:,} role files",
                    [*speccheck, "lint", str(roles), "--format", "parsable"],
                    [check_jsonschema, "--schemafile", str(SCHEMA), *map(str, files)],
                    args.batch_runs,
                    child_env,
                    work,
                )
            )

    print(
        f"speccheck lint vs check-jsonschema {versions['check-jsonschema']} (schemas/role.schema.json); "
        f"medians of alternating runs; load average {os.getloadavg()[0]:.2f}"
    )
    print()
    print(
        "| case | runs | speccheck wall s | check-jsonschema wall s | wall ratio | speccheck CPU s | check-jsonschema CPU s | CPU ratio |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in results:
        print(
            f"| {row['case']} | {row['runs']} | {row['speccheck_wall_s']:.3f} | {row['check_jsonschema_wall_s']:.3f} | "
            f"{row['wall_ratio']:.2f}x | {row['speccheck_cpu_s']:.3f} | {row['check_jsonschema_cpu_s']:.3f} | "
            f"{row['cpu_ratio']:.2f}x |"
        )
    single = results[0]
    print()
    print(
        f"- one-file lint at most 1.0x check-jsonschema: wall {single['wall_ratio']:.2f}x, CPU {single['cpu_ratio']:.2f}x "
        f"({'met' if single['wall_ratio'] <= 1.0 else 'not met'} on wall time)"
    )
    print()
    print(json.dumps({"bench": "lint_anchor", "results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
