"""Import quality on the labelled corpus: criteria recall, level accuracy, assessment accuracy, spurious items
and duty recall, for .docx and for the PDFs printed from them.

    python tests/bench/import/measure_import.py            # the development documents
    python tests/bench/import/measure_import.py --heldout  # the held-out quarter (run once, at the end)
    python tests/bench/import/measure_import.py --show     # also every miss and every spurious item

A criterion is found when an imported criterion's text is the label's (compared without case, punctuation
or runs of space), or one holds the other and they share nine tenths of their words. Level accuracy counts
found criteria whose level is the label's; an ``ambiguous`` label needs the import's level-ambiguous finding.
Assessment accuracy counts found criteria whose methods are the label's, as sets. Spurious items are imported
criteria and duties that match no label, over all imported criteria and duties. Application forms are
measured apart: posts, qualifications and statement paragraphs found.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path[:0] = [str(ROOT), str(HERE)]

import generate  # noqa: E402

from speccheck.importing.run import import_path  # noqa: E402
from speccheck.library.loading import RuleLibrary, load_library  # noqa: E402


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def same(label: str, found: str) -> bool:
    a, b = " ".join(words(label)), " ".join(words(found))
    if not a or not b:
        return False
    if a == b:
        return True
    if a in b or b in a:
        shorter, longer = sorted((a, b), key=len)
        return len(shorter) >= 0.9 * len(longer)
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) >= 0.9 * max(len(wa), len(wb))


@dataclass
class Tally:
    criteria: int = 0
    found: int = 0
    level_right: int = 0
    assessed: int = 0
    assessed_right: int = 0
    duties: int = 0
    duties_found: int = 0
    imported_items: int = 0
    spurious: int = 0
    posts: int = 0
    posts_found: int = 0
    qualifications: int = 0
    qualifications_found: int = 0
    paragraphs: int = 0
    paragraphs_found: int = 0
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        def share(part: int, whole: int) -> float:
            return round(part / whole, 4) if whole else 1.0

        return {
            "criteria_recall": share(self.found, self.criteria),
            "level_accuracy": share(self.level_right, self.found),
            "criteria_with_right_level": share(self.level_right, self.criteria),
            "assessment_accuracy": share(self.assessed_right, self.assessed),
            "spurious_items": share(self.spurious, self.imported_items),
            "duty_recall": share(self.duties_found, self.duties),
            "employment_recall": share(self.posts_found, self.posts),
            "qualification_recall": share(self.qualifications_found, self.qualifications),
            "statement_paragraphs": share(self.paragraphs_found, self.paragraphs),
        }


def _match(labels: list[str], found: list[str]) -> dict[int, int]:
    """Label index -> imported index, each imported item used once, in document order."""
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for i, label in enumerate(labels):
        for j, text in enumerate(found):
            if j not in used and same(label, text):
                pairs[i] = j
                used.add(j)
                break
    return pairs


def measure_role(expected: dict[str, Any], data: dict[str, Any], findings: list[str], tally: Tally, name: str) -> None:
    criteria = data.get("criteria", [])
    labels = expected.get("criteria", [])
    pairs = _match([c["text"] for c in labels], [c["text"] for c in criteria])
    tally.criteria += len(labels)
    tally.found += len(pairs)
    for i, label in enumerate(labels):
        if i not in pairs:
            tally.misses.append(f"{name}: criterion not found: {label['text'][:90]}")
            continue
        got = criteria[pairs[i]]
        if label["level"] == "ambiguous":
            right = "import-level-ambiguous" in findings
        else:
            right = got["level"] == label["level"]
        tally.level_right += right
        if not right:
            tally.misses.append(f"{name}: level {got['level']} for {label['level']}: {label['text'][:70]}")
        tally.assessed += 1
        if set(got.get("assessed_by", [])) == set(label.get("assessed_by") or []):
            tally.assessed_right += 1
        else:
            tally.misses.append(
                f"{name}: assessed {got.get('assessed_by', [])} for {label.get('assessed_by')}: {label['text'][:60]}"
            )
    duties = [d["text"] for d in data.get("duties", [])]
    duty_labels = expected.get("duties", [])
    duty_pairs = _match(duty_labels, duties)
    tally.duties += len(duty_labels)
    tally.duties_found += len(duty_pairs)
    tally.misses += [f"{name}: duty not found: {d[:90]}" for i, d in enumerate(duty_labels) if i not in duty_pairs]
    matched_criteria = set(pairs.values())
    matched_duties = set(duty_pairs.values())
    tally.imported_items += len(criteria) + len(duties)
    extra = [c["text"] for j, c in enumerate(criteria) if j not in matched_criteria]
    extra += [d for j, d in enumerate(duties) if j not in matched_duties]
    tally.spurious += len(extra)
    tally.misses += [f"{name}: spurious: {text[:90]}" for text in extra]


def measure_candidate(expected: dict[str, Any], data: dict[str, Any], tally: Tally, name: str) -> None:
    posts = [e for e in expected.get("employment", []) if e.get("type") != "break"]
    history = data.get("employment_history") or []
    titles = [e.get("job_title") or "" for e in history]
    found = _match([p.get("role") or "" for p in posts], titles)
    tally.posts += len(posts)
    tally.posts_found += len(found)
    tally.misses += [f"{name}: post not found: {p.get('role')}" for i, p in enumerate(posts) if i not in found]
    quals = expected.get("qualifications", [])
    names = [q.get("name", "") for q in data.get("qualifications") or []]
    found_q = _match([q["name"] for q in quals], names)
    tally.qualifications += len(quals)
    tally.qualifications_found += len(found_q)
    tally.misses += [f"{name}: qualification not found: {q['name']}" for i, q in enumerate(quals) if i not in found_q]
    starts = expected.get("statement_first_words", [])
    evidence = [e["text"] for e in data.get("evidence", [])]
    tally.paragraphs += len(starts)
    for start in starts:
        if any(" ".join(words(e)).startswith(" ".join(words(start))) for e in evidence):
            tally.paragraphs_found += 1
        else:
            tally.misses.append(f"{name}: statement paragraph not found: {start}")


def measure(built: list[Any], library: RuleLibrary) -> dict[str, Tally]:
    tallies = {"docx": Tally(), "pdf": Tally()}
    for document in built:
        for fmt, path in (("docx", document.docx), ("pdf", document.pdf)):
            if path is None:
                continue
            imported = import_path(path, library, shown=path.name)
            data = yaml.safe_load(imported.text) if imported.text else {}
            rules = [f.rule_id for f in imported.findings]
            name = f"{document.id}.{fmt}"
            if document.kind == "role":
                measure_role(document.expected, data, rules, tallies[fmt], name)
            else:
                measure_candidate(document.expected, data, tallies[fmt], name)
    return tallies


def build(split: str, folder: Path, *, pdf: bool = True) -> list[Any]:
    return [b for b in generate.build(folder, pdf=pdf) if b.split == split]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--heldout", action="store_true", help="measure the held-out documents instead")
    parser.add_argument("--show", action="store_true", help="print every miss and spurious item")
    parser.add_argument("--no-pdf", action="store_true", help="Word documents only")
    args = parser.parse_args(argv)
    split = "heldout" if args.heldout else "dev"
    with tempfile.TemporaryDirectory() as folder:
        built = build(split, Path(folder), pdf=not args.no_pdf)
        tallies = measure(built, load_library())
    print(f"{len(built)} {split} documents")
    for fmt, tally in tallies.items():
        if not tally.criteria and not tally.posts:
            continue
        figures = tally.figures()
        print(f"{fmt}: " + ", ".join(f"{k} {v:.1%}" for k, v in figures.items()))
        if args.show:
            for miss in tally.misses:
                print(f"  {miss}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
