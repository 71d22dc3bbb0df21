"""Verdict and decision agreement with a careful panel, on hand-labelled applications.

Not collected by pytest (tests/evaluate/test_judgement.py imports it and pins
the figures). Run from the repository root:

    python tests/bench/judgement/measure_verdicts.py [--heldout] [--misses] [--time]

``verdicts.yaml`` holds, for every application under ``applications/`` (the
development part, used for tuning) and ``heldout/`` (run only at the end), the
verdict a careful panel gives on each machine-decidable criterion of the five
sample roles and the decision, all judged as at one date. The labels were
written by someone who had not read the rule files or the vocabulary.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from speccheck.evaluate.decision import decide  # noqa: E402
from speccheck.evaluate.plans import CompiledRole, compile_role  # noqa: E402
from speccheck.evaluate.verdicts import evaluate_candidate  # noqa: E402
from speccheck.files.candidate import Candidate  # noqa: E402
from speccheck.files.loader import load_as  # noqa: E402
from speccheck.files.role import Role  # noqa: E402
from speccheck.library.loading import RuleLibrary, load_library  # noqa: E402
from speccheck.results.evaluation import Decision  # noqa: E402


@dataclass
class Agreement:
    agreed: int = 0
    total: int = 0

    def add(self, same: bool) -> None:
        self.agreed += same
        self.total += 1

    @property
    def share(self) -> float:
        return self.agreed / self.total if self.total else 1.0


@dataclass
class Figures:
    verdicts: Agreement = field(default_factory=Agreement)
    decisions: Agreement = field(default_factory=Agreement)
    by_criterion: dict[str, Agreement] = field(default_factory=lambda: defaultdict(Agreement))
    unfair_rejects: int = 0  # machine rejects the panel would not
    misses: list[str] = field(default_factory=list)


def labels() -> dict[str, object]:
    return dict(yaml.safe_load((HERE / "verdicts.yaml").read_text(encoding="utf-8")))


@cache
def _library() -> RuleLibrary:
    return load_library()


@cache
def _role(name: str) -> CompiledRole:
    compiled, findings = compile_role(load_as(ROOT / "samples" / "roles" / f"{name}.yaml", Role), _library())
    assert compiled is not None, findings
    return compiled


def measure(*, heldout: bool = False) -> Figures:
    data = labels()
    as_of = data["as_of"]
    assert isinstance(as_of, dt.date)
    figures = Figures()
    applications = data["applications"]
    assert isinstance(applications, dict)
    for app_id, entry in sorted(applications.items()):
        if str(entry["file"]).startswith("heldout/") != heldout:
            continue
        loaded = load_as(HERE / str(entry["file"]), Candidate)
        assert loaded.model is not None, [f.message for f in loaded.findings]
        for role_name, expected in sorted(entry["roles"].items()):
            result = evaluate_candidate(_role(role_name), loaded, as_of)
            got = {r.criterion_id: r.verdict.value for r in result.results}
            for criterion_id, verdict in sorted(expected["verdicts"].items()):
                same = got.get(criterion_id) == verdict
                figures.verdicts.add(same)
                figures.by_criterion[f"{role_name} {criterion_id}"].add(same)
                if not same:
                    figures.misses.append(
                        f"{app_id} {role_name} {criterion_id}: panel {verdict}, machine {got.get(criterion_id)}"
                        f" — {expected.get('why', {}).get(criterion_id, '')}"
                    )
            # The labels decide on the machine-decidable criteria only, so the machine's decision is taken on
            # the same criteria (a real run also waits on the evidence criteria the panel reads).
            labelled = [
                (r.criterion_id, r.level, r.verdict) for r in result.results if r.criterion_id in expected["verdicts"]
            ]
            machine, reason = decide(labelled)
            decision = machine.value
            figures.decisions.add(decision == expected["decision"])
            if machine is Decision.REJECT and expected["decision"] != "reject":
                figures.unfair_rejects += 1
                figures.misses.append(f"{app_id} {role_name}: UNFAIR REJECT ({reason})")
            elif decision != expected["decision"]:
                figures.misses.append(
                    f"{app_id} {role_name}: decision panel {expected['decision']}, machine {decision} ({reason})"
                )
    return figures


def _report(name: str, figures: Figures) -> None:
    print(
        f"{name}: verdict agreement {figures.verdicts.share:.3f} ({figures.verdicts.agreed}/{figures.verdicts.total}),"
        f" decision agreement {figures.decisions.share:.3f} ({figures.decisions.agreed}/{figures.decisions.total}),"
        f" rejects the panel would not make: {figures.unfair_rejects}"
    )
    for criterion, agreement in sorted(figures.by_criterion.items()):
        print(f"  {criterion:<42} {agreement.share:.3f} ({agreement.agreed}/{agreement.total})")


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    figures = measure()
    _report("development applications", figures)
    if "--heldout" in argv:
        held = measure(heldout=True)
        _report("held-out applications", held)
        figures.misses += held.misses
    if "--misses" in argv:
        print("\n".join(figures.misses))
    if "--time" in argv:
        print(f"{time.perf_counter() - started:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
