"""Benchmark: speccheck lint against check-jsonschema on the same role files, in the same run.

    python tests/bench/bench_lint.py [--files 1000] [--runs 5] [--single-runs 15] [--json]

Two measurements, each as wall time of the command line (interpreter start-up included), the
median of several runs taken round-robin so both tools see the same machine load:

1. ``speccheck lint DIR`` over 1,000 synthetic role files (default workers: one per CPU),
   against ``check-jsonschema --schemafile schemas/role.schema.json FILE...`` on the same files.
2. ``speccheck lint one-file.yaml`` against ``check-jsonschema`` on that file.

speccheck does more than check-jsonschema on each file: it parses with positions, validates the
model, type-checks conditions, compiles them for durable_rules, and runs the audit checks
(statutory duty coverage, safer recruitment, equality, clarity) through the engine.

Both tools run with compiled bytecode (``PYTHONDONTWRITEBYTECODE`` is removed and
``PYTHONPYCACHEPREFIX`` points at a temporary folder; one warm-up run each), as an installed
package would; speccheck's rule library cache (``SPECCHECK_CACHE_DIR``) is a temporary folder too,
filled by the warm-up run. Not collected by pytest; needs ``pip install -e '.[bench]'`` for check-jsonschema.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "roles"
SCHEMA = ROOT / "schemas" / "role.schema.json"
POST_TYPES = ["deputy_headteacher", "assistant_headteacher", "head_of_school", "headteacher", "middle_leader"]


def synthetic_roles(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """``count`` role files made from the sample roles: shuffled and trimmed criteria and duties, varied titles and post types."""
    rng = random.Random(seed)
    bases = [yaml.safe_load(path.read_text()) for path in sorted(SAMPLES.glob("*.yaml"))]
    paths = []
    for index in range(count):
        role = json.loads(json.dumps(rng.choice(bases), default=str))
        role["id"] = f"role-{index:04d}"
        role["title"] = f"{role['title']} ({index})"
        role["post_type"] = rng.choice(POST_TYPES)
        for key in ("criteria", "duties"):
            items = list(role.get(key, []))
            rng.shuffle(items)
            role[key] = items[: max(1, int(len(items) * rng.uniform(0.6, 1.0)))]
        path = folder / f"role-{index:04d}.yaml"
        path.write_text(yaml.safe_dump(role, sort_keys=False, allow_unicode=True, width=100))
        paths.append(path)
    return paths


def timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed


def compare(
    name: str, ours: list[str], theirs: list[str], runs: int, env: dict[str, str], cwd: Path
) -> dict[str, object]:
    timed(ours, env, cwd)  # warm-up: bytecode compiled, files in the page cache
    timed(theirs, env, cwd)
    speccheck_times, baseline_times = [], []
    for _ in range(runs):
        speccheck_times.append(timed(ours, env, cwd))
        baseline_times.append(timed(theirs, env, cwd))
    ours_median = statistics.median(speccheck_times)
    theirs_median = statistics.median(baseline_times)
    return {
        "case": name,
        "runs": runs,
        "speccheck_s": round(ours_median, 3),
        "check_jsonschema_s": round(theirs_median, 3),
        "ratio": round(ours_median / theirs_median, 2),
        "speccheck_all_s": [round(t, 3) for t in speccheck_times],
        "check_jsonschema_all_s": [round(t, 3) for t in baseline_times],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="role files for the batch run (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the batch (default 5)")
    parser.add_argument("--single-runs", type=int, default=15, help="timed runs of the one-file case (default 15)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    bin_dir = Path(sys.executable).parent
    speccheck = (
        [str(bin_dir / "speccheck")] if (bin_dir / "speccheck").exists() else [sys.executable, "-m", "speccheck"]
    )
    check_jsonschema = shutil.which("check-jsonschema", path=str(bin_dir)) or shutil.which("check-jsonschema")
    if check_jsonschema is None:
        raise SystemExit("check-jsonschema is not installed: pip install -e '.[bench]'")

    with tempfile.TemporaryDirectory(prefix="speccheck-bench-") as scratch:
        work = Path(scratch)
        (work / ".git").mkdir()  # a repository root: no configuration file above is picked up
        roles = work / "roles"
        roles.mkdir()
        files = synthetic_roles(roles, args.files)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "GITHUB_ACTIONS")}
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        # speccheck's rule library cache, fresh for the run and never the user's: the warm-up run writes it
        env["SPECCHECK_CACHE_DIR"] = str(work / "speccheck-cache")
        env.pop("SPECCHECK_NO_CACHE", None)
        one = files[0]
        results = [
            compare(
                f"lint {args.files} role files",
                [*speccheck, "lint", str(roles), "--format", "parsable"],
                [check_jsonschema, "--schemafile", str(SCHEMA), *map(str, files)],
                args.runs,
                env,
                work,
            ),
            compare(
                "lint one role file (start-up included)",
                [*speccheck, "lint", str(one), "--format", "parsable"],
                [check_jsonschema, "--schemafile", str(SCHEMA), str(one)],
                args.single_runs,
                env,
                work,
            ),
        ]
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    if args.json:
        print(json.dumps({"machine": machine, "results": results}, indent=2))
        return 0
    print(f"python {machine['python']}, {machine['cpus']} CPUs, {machine['platform']}")
    print("| case | speccheck s | check-jsonschema s | ratio (speccheck / check-jsonschema) |")
    print("| --- | ---: | ---: | ---: |")
    for row in results:
        print(
            f"| {row['case']} (median of {row['runs']}) | {row['speccheck_s']:.3f} | {row['check_jsonschema_s']:.3f} | {row['ratio']:.2f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
