"""Benchmark: durable_rules evaluation vs the plain-Python test oracle on the same data.

Not collected by pytest. Run from the repository root:

    python tests/bench/bench_evaluate.py [--candidates 10000] [--runs 3]

Each variant runs in its own process (so peak memory is its own), round-robin,
``--runs`` times; the median rate is reported with ratios against the oracle
measured in the same run. Variants:

* oracle     facts + text features + conditions by tests/oracle.py (plain Python)
* engine     facts + text features + durable_rules (derivations and criteria)
* explained  the product path: engine + verdicts, explanations, evidence quotes, decision
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

AS_OF = dt.date(2021, 3, 1)


def _setup(count: int):  # type: ignore[no-untyped-def]
    from synthetic import candidate

    from speccheck.evaluate.plans import compile_role
    from speccheck.files.candidate import Candidate
    from speccheck.files.loader import Loaded, load_as
    from speccheck.files.role import Role
    from speccheck.library.loading import load_library

    library = load_library()
    role = load_as(ROOT / "samples" / "roles" / "head-of-school-completed.yaml", Role)
    compiled, problems = compile_role(role, library)
    assert compiled is not None, problems
    ids = [c.id for c in role.model.criteria]  # type: ignore[union-attr]
    candidates = [Loaded(path=f"S-{i}.yaml", model=Candidate.model_validate(candidate(i, ids))) for i in range(count)]
    return library, compiled, candidates


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_variant(variant: str, count: int) -> dict[str, float]:
    from oracle import evaluate as oracle_evaluate

    from speccheck.conditions.ast import facts_used
    from speccheck.evaluate.features import feature_values
    from speccheck.evaluate.verdicts import evaluate_candidate
    from speccheck.facts.candidate import candidate_facts
    from speccheck.facts.values import engine_values

    library, compiled, candidates = _setup(count)
    program = compiled.program
    names = {(f.fact, f.patterns): f.name for f in program.features}
    derivations = {d.derives: d for d in library.derivations}
    order: list[str] = []

    def visit(fact: str) -> None:
        if fact in derivations and fact not in order:
            for dep in facts_used(derivations[fact].when):
                visit(dep)
            order.append(fact)

    for criterion in compiled.role.criteria:
        if criterion.condition is not None:
            for fact in facts_used(criterion.condition):
                visit(fact)
    conditions = [(c.id, c.condition) for c in compiled.role.criteria if c.condition is not None]
    engine = compiled.engine

    def one(loaded):  # type: ignore[no-untyped-def]
        if variant == "explained":
            return evaluate_candidate(compiled, loaded, AS_OF).decision
        facts = candidate_facts(loaded.model, library.normaliser, AS_OF)
        features, _ = feature_values(program, facts, closed_world=False)
        if variant == "engine":
            values = engine_values(facts)
            values.update(features)
            return engine.run(values).fired
        values = dict(facts.values)
        for fact in order:
            decided = oracle_evaluate(derivations[fact].when, values, features, feature_names=names)
            if decided is not None:
                values[fact] = decided
        return {cid: oracle_evaluate(cond, values, features, feature_names=names) for cid, cond in conditions}

    for loaded in candidates[:200]:  # warm up caches and the allocator
        one(loaded)
    started = time.perf_counter()
    for loaded in candidates:
        one(loaded)
    elapsed = time.perf_counter() - started
    return {"rate": count / elapsed, "peak_mb": _peak_mb()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--variant", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        print(json.dumps(run_variant(args.variant, args.candidates)))
        return 0
    variants = ["oracle", "engine", "explained"]
    results: dict[str, list[dict[str, float]]] = {v: [] for v in variants}
    for _ in range(args.runs):
        for variant in variants:
            out = subprocess.run(
                [sys.executable, __file__, "--variant", variant, "--candidates", str(args.candidates)],
                check=True,
                capture_output=True,
                text=True,
            )
            results[variant].append(json.loads(out.stdout))
    oracle_rate = statistics.median(r["rate"] for r in results["oracle"])
    print(f"{args.candidates} synthetic candidates x Head of School spec, median of {args.runs} runs")
    print(f"{'variant':<10} {'cand/s':>9} {'peak MB':>8} {'vs oracle':>10}")
    for variant in variants:
        rate = statistics.median(r["rate"] for r in results[variant])
        peak = statistics.median(r["peak_mb"] for r in results[variant])
        print(f"{variant:<10} {rate:>9.0f} {peak:>8.1f} {rate / oracle_rate:>9.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
