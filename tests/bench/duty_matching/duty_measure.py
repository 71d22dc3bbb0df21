"""Recall and precision of duty coverage matching, on hand-labelled role files.

Not collected by pytest (tests/audit/test_coverage.py imports it and pins the
figures). Run from the repository root:

    python tests/bench/duty_matching/duty_measure.py

For every role in ``labels.yaml`` (the five sample roles and five role files
under ``roles/`` written from published job description wording) and in
``heldout.yaml`` (three more, written after the terms were tuned), every
statutory duty catalogue that applies to it is matched against its job
description with ``covers:`` ignored, so only the words decide. Two levels:

* statement pairs: (statement, duty) pairs predicted vs labelled;
* duties: for each role and duty, covered or missing, as the audit reports it
  (a duty counts as covered when any statement covers it). "Missing"
  precision is the share of duties reported missing that really are.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Figures:
    pairs: Counts = field(default_factory=Counts)
    duties: Counts = field(default_factory=Counts)
    roles: int = 0
    statements: int = 0
    errors: list[str] = field(default_factory=list)  # "role: statement -> duty (fp|fn)"

    @property
    def missing_precision(self) -> float:
        """Of the duties reported missing, the share that is really missing."""
        reported = self.duties.tn + self.duties.fn
        return self.duties.tn / reported if reported else 1.0

    @property
    def missing_recall(self) -> float:
        """Of the duties really missing, the share reported missing."""
        really = self.duties.tn + self.duties.fp
        return self.duties.tn / really if really else 1.0


def measure(root: Path = ROOT, labels_path: Path = HERE / "labels.yaml") -> Figures:
    from speccheck.audit.applies import catalogue_applies
    from speccheck.audit.coverage import CatalogueMatcher, statements
    from speccheck.facts.role_subjects import judged_at
    from speccheck.files.loader import load_as
    from speccheck.files.role import Role
    from speccheck.library.loading import load_library

    library = load_library()
    labels = yaml.safe_load(labels_path.read_text())["roles"]
    figures = Figures()
    for relative, by_statement in sorted(labels.items()):
        loaded = load_as(root / relative, Role)
        role = loaded.model
        if role is None:
            raise ValueError(f"{relative}: {[f.message for f in loaded.findings]}")
        figures.roles += 1
        figures.statements += len(role.duties)
        day = judged_at(role, None)
        for catalogue in library.duty_catalogues:
            if catalogue.framework_kind != "statutory" or not catalogue_applies(catalogue, role, day):
                continue
            matcher = CatalogueMatcher(
                catalogue, use_covers=False, variants=library.normaliser.variants, library=library.duty_catalogues
            )
            found = statements(role, catalogue.search)
            for duty in catalogue.duties:
                if role.post_type not in duty.applies_to:
                    continue
                predicted = {h.statement.id for h in matcher.hits(duty, found)}
                gold = {sid for sid, duties in (by_statement or {}).items() if duty.id in duties}
                for statement in found:
                    p, g = statement.id in predicted, statement.id in gold
                    if p and g:
                        figures.pairs.tp += 1
                    elif p:
                        figures.pairs.fp += 1
                        figures.errors.append(f"{relative}: {statement.id} -> {duty.id} (false match)")
                    elif g:
                        figures.pairs.fn += 1
                        figures.errors.append(f"{relative}: {statement.id} -> {duty.id} (missed)")
                    else:
                        figures.pairs.tn += 1
                covered, really = bool(predicted), bool(gold)
                if covered and really:
                    figures.duties.tp += 1
                elif covered:
                    figures.duties.fp += 1
                elif really:
                    figures.duties.fn += 1
                else:
                    figures.duties.tn += 1
    return figures


def table(figures: Figures) -> str:
    """The figures as the README's markdown table."""
    p, d = figures.pairs, figures.duties
    return "\n".join(
        [
            f"{figures.roles} role files, {figures.statements} job description statements, `covers:` ignored",
            "",
            "| level | precision | recall | counts |",
            "| --- | ---: | ---: | --- |",
            f"| statement covers duty | {p.precision:.2f} | {p.recall:.2f} | {p.tp} right, {p.fp} false, {p.fn} missed |",
            f"| duty covered (as the audit reports it) | {d.precision:.2f} | {d.recall:.2f} | {d.tp} right, {d.fp} false, {d.fn} missed |",
            f"| duty missing (a gap reported) | {figures.missing_precision:.2f} | {figures.missing_recall:.2f} | {d.tn} right, {d.fn} false, {d.fp} missed |",
        ]
    )


LABEL_SETS = {
    "tuning set (sample roles and roles/; the terms were tuned on it)": HERE / "labels.yaml",
    "held-out set (heldout/; written after tuning, measured once)": HERE / "heldout.yaml",
}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    for name, path in LABEL_SETS.items():
        figures = measure(labels_path=path)
        print(f"### {name}\n")
        print(table(figures))
        if figures.errors:
            print("\nerrors:")
            for line in figures.errors:
                print("  " + line)
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
