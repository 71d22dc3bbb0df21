"""Precision and recall of evidence finding, on hand-labelled sentence–criterion pairs.

Not collected by pytest (tests/evaluate/test_judgement.py imports it and pins
the figures). Run from the repository root:

    python tests/bench/judgement/measure_evidence.py [--heldout] [--sweep] [--misses] [--wordllama]

Each pair is a sentence an applicant might write and a criterion of a sample
role, labelled by a person who had not read the rule files: does the sentence
address the criterion? The sentence is read as an application of one passage
and the criterion's query (``speccheck.text.retrieval``) decides. The
development pairs (``evidence_pairs.yaml``) were used for tuning; the held-out
pairs (``evidence_pairs_heldout.yaml``) were run only at the end.

``--wordllama`` measures whether the static embedding model the ``wordllama``
package ships in its wheel would add anything (it is not a dependency: install
it by hand to run this): the area under the ROC curve of its sentence–criterion
similarity, over all pairs and over the sentences the ranking already finds.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from speccheck.evaluate.evidence import ApplicationIndex  # noqa: E402
from speccheck.evaluate.plans import CompiledRole, compile_role  # noqa: E402
from speccheck.facts.values import TextItem  # noqa: E402
from speccheck.files.loader import load_as  # noqa: E402
from speccheck.files.role import Role  # noqa: E402
from speccheck.library.loading import RuleLibrary, load_library  # noqa: E402
from speccheck.text import retrieval  # noqa: E402


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 1.0


def pairs(heldout: bool = False) -> list[dict[str, object]]:
    name = "evidence_pairs_heldout.yaml" if heldout else "evidence_pairs.yaml"
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    return list(data["pairs"])


@cache
def _library() -> RuleLibrary:
    return load_library()


@cache
def _role(name: str) -> CompiledRole:
    loaded = load_as(ROOT / "samples" / "roles" / f"{name}.yaml", Role)
    compiled, findings = compile_role(loaded, _library())
    assert compiled is not None, findings
    return compiled


def predict(pair: dict[str, object]) -> bool:
    compiled = _role(str(pair["role"]))
    plan = next(p for p in compiled.plans if p.criterion.id == pair["criterion"])
    index = ApplicationIndex([TextItem(str(pair["sentence"]), ("personal_statement",))], _library().normaliser.variants)
    return bool(index.find(plan.query))


def measure(heldout: bool = False) -> tuple[Counts, dict[str, Counts], list[tuple[dict[str, object], bool]]]:
    total = Counts()
    by_kind: dict[str, Counts] = defaultdict(Counts)
    wrong = []
    for pair in pairs(heldout):
        predicted, actual = predict(pair), bool(pair["addresses"])
        total.add(predicted, actual)
        by_kind[str(pair["kind"])].add(predicted, actual)
        if predicted != actual:
            wrong.append((pair, predicted))
    return total, dict(by_kind), wrong


def _report(name: str, total: Counts, by_kind: dict[str, Counts]) -> None:
    print(f"{name}: precision {total.precision:.3f}  recall {total.recall:.3f}  accuracy {total.accuracy:.3f}")
    print(f"  (tp {total.tp}, fp {total.fp}, fn {total.fn}, tn {total.tn})")
    for kind, counts in sorted(by_kind.items()):
        print(
            f"  {kind:<13} accuracy {counts.accuracy:.3f}  (tp {counts.tp} fp {counts.fp} fn {counts.fn} tn {counts.tn})"
        )


def _auc(positives: list[float], negatives: list[float]) -> float:
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives)) if positives and negatives else 0.5


def measure_wordllama() -> None:
    """AUC of wordllama's similarity: over every pair, and over the pairs the ranking calls evidence."""
    import os

    import wordllama  # type: ignore[import-not-found]

    model = wordllama.WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)
    every: tuple[list[float], list[float]] = ([], [])
    found: tuple[list[float], list[float]] = ([], [])
    for pair in pairs():
        plan = next(p for p in _role(str(pair["role"])).plans if p.criterion.id == pair["criterion"])
        similarity = float(model.similarity(str(pair["sentence"]), plan.criterion.text))
        side = 0 if pair["addresses"] else 1
        every[side].append(similarity)
        if predict(pair):
            found[side].append(similarity)
    print(f"wordllama similarity AUC: all pairs {_auc(*every):.3f}; among sentences found {_auc(*found):.3f}")


def main(argv: list[str]) -> int:
    if "--wordllama" in argv:
        measure_wordllama()
        return 0
    if "--sweep" in argv:
        for share in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
            retrieval.EVIDENCE_SHARE = share
            total, _, _ = measure()
            print(f"share {share:.2f}: precision {total.precision:.3f} recall {total.recall:.3f}")
        return 0
    total, by_kind, wrong = measure()
    _report("development pairs", total, by_kind)
    if "--heldout" in argv:
        held, held_kinds, held_wrong = measure(heldout=True)
        _report("held-out pairs", held, held_kinds)
        wrong += held_wrong
    if "--misses" in argv:
        for pair, predicted in wrong:
            said = "FP" if predicted else "FN"
            print(f"{said} {pair['role']} {pair['criterion']} [{pair['kind']}] {pair['sentence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
