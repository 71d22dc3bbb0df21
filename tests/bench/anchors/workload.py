"""The workload every anchor decides: the role's conditions, each candidate's inputs, the expected answers.

Built once, in the project's interpreter, and written as JSON so that anchors running in another
environment (ZEN, rule-engine) read exactly the same inputs:

* ``units``: what is decided per candidate, in order: the derived facts the role's conditions rely
  on (stratum by stratum, as ``speccheck.conditions.compiler.strata`` orders them, equivalent routes
  included), then every criterion that has a ``condition:``. Each carries its condition in the
  file form (``{"fact": ..., ">=": 5}``, ``all`` / ``any`` / ``not``).
* ``features``: the text tests (``matches``) and the boolean property each was decided into.
* ``candidates``: per synthetic application, the flat values the engine is given: the product's own
  facts (``candidate_facts``) as ``engine_values`` sees them, plus the text features decided the way
  the product decides them (``feature_values`` with the text layer and the closed texts). Computed
  here, outside every timed loop: the anchors time only the decision.
* ``expected``: per candidate, each unit's three-valued answer (True, False, None = no evidence) from
  the plain-Python oracle (``tests/oracle.py``), derived facts fed forward stratum by stratum.

Reading the file (``load``) needs no speccheck import: the ZEN and rule-engine anchors run without it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
ROLE = ROOT / "samples" / "roles" / "head-of-school-completed.yaml"
AS_OF = dt.date(2021, 3, 1)  # as tests/bench/bench_evaluate.py
Truth = bool | None


@dataclass(frozen=True)
class Unit:
    """One thing decided per candidate: a derived fact (``derived``) or a criterion."""

    name: str
    derived: bool
    stratum: int  # derived facts: their stratum; criteria: one above the highest
    condition: dict[str, Any]


@dataclass(frozen=True)
class Workload:
    units: list[Unit]
    features: dict[tuple[str, tuple[str, ...]], str]  # (fact, patterns) -> feature property
    candidates: list[dict[str, Any]]
    expected: list[list[Truth]]

    def summary(self) -> str:
        """How many units of each kind, and how the expected answers spread (so a trivial workload shows)."""
        spread: Counter[str] = Counter()
        for row in self.expected:
            spread.update("met" if v is True else "not met" if v is False else "no evidence" for v in row)
        derived = sum(u.derived for u in self.units)
        shares = ", ".join(f"{k} {v / max(1, sum(spread.values())):.0%}" for k, v in sorted(spread.items()))
        return (
            f"{len(self.units) - derived} criteria with conditions + {derived} derived facts "
            f"in {max((u.stratum for u in self.units if u.derived), default=-1) + 1} strata, "
            f"{len(self.features)} text features; answers: {shares}"
        )


def setup(count: int):  # type: ignore[no-untyped-def]
    """The library, the compiled role and ``count`` loaded synthetic candidates (as bench_evaluate.py)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "bench")]  # this checkout's speccheck, not an installed one
    from synthetic import candidate

    from speccheck.evaluate.plans import compile_role
    from speccheck.files.candidate import Candidate
    from speccheck.files.loader import Loaded, load_as
    from speccheck.files.role import Role
    from speccheck.library.loading import load_library

    library = load_library()
    role = load_as(ROLE, Role)
    compiled, problems = compile_role(role, library)
    assert compiled is not None, problems
    ids = [c.id for c in compiled.role.criteria]
    candidates = [Loaded(path=f"S-{i}.yaml", model=Candidate.model_validate(candidate(i, ids))) for i in range(count)]
    return library, compiled, candidates


def engine_input(compiled, loaded) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One candidate's flat values as the product asserts them (the same steps as ``evaluate_candidate``)."""
    from speccheck.evaluate.features import feature_values
    from speccheck.facts.candidate import CLOSED_TEXTS, candidate_facts
    from speccheck.facts.values import engine_values

    library = compiled.library
    facts = candidate_facts(loaded.model, library.normaliser, AS_OF, recent_years=compiled.role.recent_years)
    features, _ = feature_values(
        compiled.program,
        facts,
        closed_world=False,
        variants=library.normaliser.variants,
        closed_texts=CLOSED_TEXTS,
    )
    values: dict[str, Any] = dict(engine_values(facts))
    values.update(features)
    return values


def _units(compiled) -> list[Unit]:  # type: ignore[no-untyped-def]
    from speccheck.conditions.ast import facts_used
    from speccheck.conditions.compiler import strata
    from speccheck.library.programs import needed_derivations

    criteria = [c for c in compiled.role.criteria if c.condition is not None]
    derivations = needed_derivations(compiled.library, [f for c in criteria for f in facts_used(c.condition)])
    units: list[Unit] = []
    groups = strata(derivations)
    for level, group in enumerate(groups):
        for unit in group:
            units.append(Unit(unit.name, True, level, unit.condition.model_dump(by_alias=True, exclude_none=True)))
    for criterion in criteria:
        assert criterion.condition is not None
        units.append(
            Unit(criterion.id, False, len(groups), criterion.condition.model_dump(by_alias=True, exclude_none=True))
        )
    derived = [u.name for u in units if u.derived]
    fired = {r.removeprefix("C:") for s in compiled.program.strata for d in s for r in d.rules if r.startswith("C:")}
    assert set(derived) == fired, "the workload's derived facts are not the program's"
    return units


def _expected(units: list[Unit], names: dict[tuple[str, tuple[str, ...]], str], values: dict[str, Any]) -> list[Truth]:
    """The oracle's answers for one candidate, each derived fact fed forward to the strata above."""
    from oracle import evaluate as oracle_evaluate

    from speccheck.conditions.ast import AllOf

    known = dict(values)
    answers: list[Truth] = []
    for unit in units:
        condition = AllOf.model_validate({"all": [unit.condition]})
        answer = oracle_evaluate(condition, known, values, feature_names=names)
        if unit.derived and answer is not None:
            known[unit.name] = answer
        answers.append(answer)
    return answers


def build(count: int) -> Workload:
    """The workload for ``count`` synthetic candidates (runs the product's fact extraction and the oracle)."""
    sys.path.insert(0, str(ROOT / "tests"))
    _, compiled, loaded = setup(count)
    units = _units(compiled)
    features = {(f.fact, f.patterns): f.name for f in compiled.program.features}
    candidates = [engine_input(compiled, item) for item in loaded]
    expected = [_expected(units, features, values) for values in candidates]
    return Workload(units, features, candidates, expected)


def save(workload: Workload, path: Path) -> None:
    data = {
        "units": [u.__dict__ for u in workload.units],
        "features": [{"fact": k[0], "patterns": list(k[1]), "name": v} for k, v in workload.features.items()],
        "candidates": workload.candidates,
        "expected": workload.expected,
    }
    path.write_text(json.dumps(data))


def load(path: Path) -> Workload:
    data = json.loads(path.read_text())
    return Workload(
        units=[Unit(**u) for u in data["units"]],
        features={(f["fact"], tuple(f["patterns"])): f["name"] for f in data["features"]},
        candidates=data["candidates"],
        expected=data["expected"],
    )


def check(variant: str, workload: Workload, decided: list[list[Truth]]) -> None:
    """Fail loudly unless the anchor decided every unit of every candidate as the oracle did."""
    names = [u.name for u in workload.units]
    wrong = [
        (index, name, want, got)
        for index, (want_row, got_row) in enumerate(zip(workload.expected, decided, strict=True))
        for name, want, got in zip(names, want_row, got_row, strict=True)
        if want is not got
    ]
    if wrong:
        shown = "; ".join(f"candidate {i} {n}: expected {w}, got {g}" for i, n, w, g in wrong[:10])
        raise SystemExit(f"{variant} disagrees with the product on {len(wrong)} decisions: {shown}")


def check_product(variant: str, workload: Workload, results: list[Any]) -> None:
    """Fail loudly unless a product path saw the same inputs (``facts``) or decided as the oracle did.

    ``engine`` is checked unit by unit. ``explained`` (each result as its derived facts and its
    (criterion id, verdict) pairs) is checked on what its report carries: every derived fact, and
    each criterion decided by its condition is ``met`` exactly when the oracle says it holds (a criterion that does not hold may be ``not_met``, ``no_evidence`` or, where an equivalent
    route applies, ``evidenced``; one assessed only after the application stage is ``deferred``).
    """
    if variant == "facts":
        differ = [
            i
            for i, (got, want) in enumerate(zip(results, workload.candidates, strict=True))
            if json.loads(json.dumps(got)) != want
        ]
        if differ:
            raise SystemExit(f"facts differ from the workload's inputs for {len(differ)} candidates, first {differ[0]}")
        return
    if variant == "engine":
        check(
            variant,
            workload,
            [[o.derived.get(u.name) if u.derived else o.met(u.name) for u in workload.units] for o in results],
        )
        return
    derived = [(i, u.name) for i, u in enumerate(workload.units) if u.derived]
    criteria = {u.name: i for i, u in enumerate(workload.units) if not u.derived}
    wrong: list[str] = []
    for index, ((got_derived, verdicts), want) in enumerate(zip(results, workload.expected, strict=True)):
        expected_derived = {name: want[i] for i, name in derived if want[i] is not None}
        if got_derived != expected_derived:
            wrong.append(f"candidate {index}: derived {got_derived} != {expected_derived}")
        for criterion_id, verdict in verdicts:
            at = criteria.get(criterion_id)
            if at is not None and verdict != "deferred" and (verdict == "met") != (want[at] is True):
                wrong.append(f"candidate {index} {criterion_id}: {verdict}, oracle {want[at]}")
    if wrong:
        raise SystemExit(f"{variant} disagrees with the oracle {len(wrong)} times: " + "; ".join(wrong[:10]))


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Build the anchors' workload and print what it holds.")
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--out", type=Path, help="write the workload as JSON here")
    args = parser.parse_args()
    workload = build(args.candidates)
    print(f"{args.candidates} candidates: {workload.summary()}")
    for unit in workload.units:
        print(f"  {'derived' if unit.derived else 'criterion'} {unit.name} (stratum {unit.stratum}): {unit.condition}")
    if args.out:
        save(workload, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
