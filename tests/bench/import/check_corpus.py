"""Check the import corpus: every spec is well formed, its labels are explicit and found in the rendered document.

Renders each spec to .docx in a temporary folder (no PDF), reads the text back with python-docx and checks
that every labelled text (criteria, duties, titles, personal details, ...) is in it. Prints counts per
layout, kind and split, and one ``ERROR`` line per problem. Exit status 1 when there is any error.

Usage: ``python tests/bench/import/check_corpus.py``.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.table import Table, _Cell

# generate.py is a sibling script, not a package module
sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

REPO = Path(__file__).resolve().parents[3]
HELDOUT_SHARE = 0.25
LEVELS = ("essential", "desirable", "ambiguous")
CONDITIONAL_LEVELS = ("essential", "desirable", "none")
ISO_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TOP_KEYS = ("id", "kind", "layout", "split", "source", "document", "expected")
ROLE_KEYS = ("title", "post_type", "responsible_to", "salary", "criteria", "duties")
CANDIDATE_KEYS = (
    "post_applied_for",
    "personal",
    "qualifications",
    "employment",
    "training",
    "statement_paragraphs",
    "statement_first_words",
    "other_sections",
)
PERSONAL_EXTRA = ("teacher_reference_number",)
BLOCKS = (
    "title",
    "heading",
    "heading2",
    "heading3",
    "para",
    "key",
    "bullets",
    "numbered",
    "table",
    "page_break",
    "columns",
)


def schema_enums() -> dict[str, list[str]]:
    role = json.loads((REPO / "schemas" / "role.schema.json").read_text(encoding="utf-8"))["$defs"]
    candidate = json.loads((REPO / "schemas" / "candidate.schema.json").read_text(encoding="utf-8"))["$defs"]
    return {
        "post_type": role["PostType"]["enum"],
        "assessment": role["Assessment"]["enum"],
        "category": role["Category"]["enum"],
        "personal": [*candidate["PersonalDetails"]["properties"], *PERSONAL_EXTRA],
    }


def norm(text: str) -> str:
    return " ".join(str(text).split())


def document_text(path: Path) -> str:
    """All text of a .docx: body paragraphs and tables in order, then headers and footers."""
    document = Document(str(path))
    parts: list[str] = []

    def walk(container: Any) -> None:
        for child in container.iter_inner_content():
            if isinstance(child, Table):
                # each w:tc once: a merged cell is one tc (gridSpan) or a tc followed by empty continuations
                for tr in child._tbl.tr_lst:
                    for tc in tr.tc_lst:
                        walk(_Cell(tc, child))
            else:
                parts.append(child.text)

    walk(document)
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return norm(" ".join(parts))


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.enums = schema_enums()

    def error(self, spec_id: str, message: str) -> None:
        self.errors.append(f"ERROR {spec_id}: {message}")

    def found(self, spec_id: str, text: str, what: str, haystack: str, *, any_case: bool = False) -> None:
        needle = norm(text).casefold() if any_case else norm(text)
        if needle not in (haystack.casefold() if any_case else haystack):
            self.error(spec_id, f"{what} not found in the document: {text!r}")

    # ------------------------------------------------------------------ structure

    def check_structure(self, spec: dict[str, Any]) -> bool:
        spec_id = str(spec.get("id", spec["_path"].stem))
        missing = [key for key in TOP_KEYS if key not in spec]
        if missing:
            self.error(spec_id, f"missing keys {missing}")
            return False
        if spec["id"] != spec["_path"].stem:
            self.error(spec_id, f"id differs from the file name {spec['_path'].name}")
        if spec["kind"] not in generate.KINDS:
            self.error(spec_id, f"unknown kind {spec['kind']!r}")
        if spec["layout"] not in generate.LAYOUTS:
            self.error(spec_id, f"unknown layout {spec['layout']!r}")
        if spec["split"] not in generate.SPLITS:
            self.error(spec_id, f"unknown split {spec['split']!r}")
        if (spec["kind"] == "candidate") != str(spec["layout"]).startswith("af_"):
            self.error(spec_id, f"kind {spec['kind']} does not fit layout {spec['layout']}")
        source = spec["source"] or {}
        if not (source.get("title") and str(source.get("address", "")).startswith("http")):
            self.error(spec_id, "source needs a title and an address")
        for name in self.block_names(spec["document"].get("blocks", [])):
            if name not in BLOCKS:
                self.error(spec_id, f"unknown block {name!r}")
        return True

    def block_names(self, blocks: Sequence[dict[str, Any]]) -> Iterator[str]:
        for block in blocks:
            for name, value in block.items():
                yield name
                if name == "columns":
                    for column in value:
                        yield from self.block_names(column)

    # ------------------------------------------------------------------ labels

    def check_role(self, spec_id: str, expected: dict[str, Any], text: str) -> None:
        for key in ROLE_KEYS:
            if key not in expected:
                self.error(spec_id, f"expected.{key} missing")
        self.found(spec_id, expected.get("title", ""), "title", text, any_case=True)
        if expected.get("post_type") not in self.enums["post_type"]:
            self.error(spec_id, f"post_type {expected.get('post_type')!r} is not a schema post type")
        for person in expected.get("responsible_to") or []:
            self.found(spec_id, person, "responsible_to", text)
        if expected.get("salary"):
            self.found(spec_id, expected["salary"], "salary", text)
        criteria = expected.get("criteria") or []
        duties = expected.get("duties") or []
        if not criteria and not duties:
            self.error(spec_id, "a role document needs criteria or duties")
        labelled = set()
        for criterion in criteria:
            self.check_criterion(spec_id, criterion, text)
            labelled.add(norm(criterion.get("text", "")))
        for duty in duties:
            if not isinstance(duty, str) or not duty.strip():
                self.error(spec_id, f"duty must be a non-empty string: {duty!r}")
                continue
            self.found(spec_id, duty, "duty", text)
            labelled.add(norm(duty))
        if len(labelled) != len(criteria) + len(duties):
            self.error(spec_id, "a criterion or duty text is labelled twice")
        for decoy in expected.get("not_labels") or []:
            self.found(spec_id, decoy, "not_labels entry", text)
            if norm(decoy) in labelled:
                self.error(spec_id, f"not_labels entry is also a label: {decoy!r}")

    def check_criterion(self, spec_id: str, criterion: dict[str, Any], text: str) -> None:
        body = criterion.get("text", "")
        self.found(spec_id, body, "criterion", text)
        level = criterion.get("level")
        if level not in LEVELS:
            self.error(spec_id, f"level {level!r} of {body!r}")
        levels = criterion.get("levels")
        if (level == "ambiguous") != bool(levels):
            self.error(spec_id, f"'levels' goes with level ambiguous, and only with it: {body!r}")
        for value in (levels or {}).values():
            if value not in CONDITIONAL_LEVELS:
                self.error(spec_id, f"conditional level {value!r} of {body!r}")
        for method in criterion.get("assessed_by", []):
            if method not in self.enums["assessment"]:
                self.error(spec_id, f"assessment {method!r} is not a schema assessment method")
        if criterion.get("category") not in self.enums["category"]:
            self.error(spec_id, f"category {criterion.get('category')!r} is not a schema category")

    def check_candidate(self, spec_id: str, expected: dict[str, Any], text: str) -> None:
        for key in CANDIDATE_KEYS:
            if key not in expected:
                self.error(spec_id, f"expected.{key} missing")
        self.found(spec_id, expected.get("post_applied_for", ""), "post_applied_for", text)
        self.check_personal(spec_id, expected.get("personal") or {}, text)
        for qualification in expected.get("qualifications") or []:
            self.found(spec_id, qualification.get("name", ""), "qualification", text)
        for job in expected.get("employment") or []:
            self.check_job(spec_id, job, text)
        for training in expected.get("training") or []:
            self.found(spec_id, training.get("name", ""), "training", text)
        words = expected.get("statement_first_words") or []
        if expected.get("statement_paragraphs") != len(words) or len(words) < 2:
            self.error(spec_id, "statement_paragraphs must count statement_first_words (at least 2)")
        for start in words:
            self.found(spec_id, start, "statement paragraph start", text)
        if not expected.get("other_sections"):
            self.error(spec_id, "an application form needs at least one section outside the schema (other_sections)")
        for section in expected.get("other_sections") or []:
            self.found(spec_id, section, "other section", text)

    def check_personal(self, spec_id: str, personal: dict[str, Any], text: str) -> None:
        for key, value in personal.items():
            if key not in self.enums["personal"]:
                self.error(spec_id, f"personal.{key} is not a schema personal detail")
            elif key == "date_of_birth":
                if not ISO_PARTIAL.match(str(value)):
                    self.error(spec_id, f"date_of_birth must be ISO: {value!r}")
            elif key == "address":
                self.found(spec_id, value.replace(", ", " "), "address (commas as line breaks)", text.replace(",", ""))
            else:
                self.found(spec_id, value, f"personal.{key}", text)

    def check_job(self, spec_id: str, job: dict[str, Any], text: str) -> None:
        self.found(spec_id, job.get("role", ""), "employment role", text)
        if job.get("employer"):
            self.found(spec_id, job["employer"], "employer", text)
        for end in ("start", "end"):
            if job.get(end) is not None and not ISO_PARTIAL.match(str(job[end])):
                self.error(spec_id, f"employment {end} must be ISO (YYYY, YYYY-MM or YYYY-MM-DD): {job[end]!r}")
        if job.get("start") is None:
            self.error(spec_id, f"employment start missing: {job.get('role')!r}")

    # ------------------------------------------------------------------ whole corpus

    def run(self) -> int:
        specs = generate.load_specs()
        ids = Counter(str(spec.get("id")) for spec in specs)
        for spec_id, count in ids.items():
            if count > 1:
                self.error(spec_id, "id used twice")
        good = [spec for spec in specs if self.check_structure(spec)]
        with tempfile.TemporaryDirectory(prefix="import-corpus-") as tmp:
            for spec in good:
                try:
                    path = generate.render_docx(spec, Path(tmp) / f"{spec['id']}.docx")
                except (ValueError, KeyError, TypeError) as exc:
                    self.error(spec["id"], f"does not render: {exc}")
                    continue
                text = document_text(path)
                if spec["kind"] == "role":
                    self.check_role(spec["id"], spec["expected"], text)
                else:
                    self.check_candidate(spec["id"], spec["expected"], text)
        self.report(good)
        for line in self.errors:
            print(line)
        return 1 if self.errors else 0

    def report(self, specs: Sequence[dict[str, Any]]) -> None:
        total = len(specs)
        heldout = sum(spec["split"] == "heldout" for spec in specs)
        print(f"{total} documents: {heldout} held out ({heldout / max(total, 1):.0%}), {total - heldout} development")
        if total and heldout / total < HELDOUT_SHARE:
            self.errors.append(f"ERROR corpus: held-out share {heldout / total:.0%} is under {HELDOUT_SHARE:.0%}")
        kinds = Counter((spec["kind"], spec["split"]) for spec in specs)
        for kind in generate.KINDS:
            print(f"  {kind:9} dev {kinds[(kind, 'dev')]:2}  heldout {kinds[(kind, 'heldout')]:2}")
        print("layout                  dev heldout  documents")
        for layout in generate.LAYOUTS:
            members = [spec for spec in specs if spec["layout"] == layout]
            if not members:
                self.errors.append(f"ERROR corpus: no document uses layout {layout}")
            dev = sum(spec["split"] == "dev" for spec in members)
            print(f"  {layout:22} {dev:3} {len(members) - dev:7}  {', '.join(spec['id'] for spec in members)}")
        criteria = sum(len(spec["expected"].get("criteria") or []) for spec in specs)
        duties = sum(len(spec["expected"].get("duties") or []) for spec in specs)
        ambiguous = sum(
            criterion.get("level") == "ambiguous"
            for spec in specs
            for criterion in spec["expected"].get("criteria") or []
        )
        print(f"labels: {criteria} criteria ({ambiguous} ambiguous), {duties} duties")


def main() -> int:
    return Checker().run()


if __name__ == "__main__":
    sys.exit(main())
