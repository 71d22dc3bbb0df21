"""A document -> an imported role or candidate file: its YAML text, where each item came from, and findings.

``import_path`` reads a file within the limits (``speccheck.documents``),
decides whether it is a role (job description, person specification) or an
application form unless told, builds the data, writes it as YAML with a comment
on every item, and loads it with the project's loader, so an imported file is
checked exactly as a written one. ``load_path`` is what every command uses:
a YAML or JSON file is loaded as it is; a document is imported on the fly and
its findings point into the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel

from speccheck.core.findings import Finding, Position, Severity
from speccheck.documents import guards
from speccheck.documents.model import Document, Place
from speccheck.documents.read import DOCUMENT_SUFFIXES, read_bytes, read_path
from speccheck.files.candidate import Candidate
from speccheck.files.kinds import FileModel
from speccheck.files.loader import YAML_SUFFIXES, Loaded, load_file, load_text, of_kind
from speccheck.files.role import Role
from speccheck.importing.found import finding, position
from speccheck.importing.keys import key_codes, with_key
from speccheck.importing.role_build import build_role
from speccheck.importing.role_reader import read_role
from speccheck.importing.words import Words
from speccheck.importing.writer import dump
from speccheck.library.loading import RuleLibrary

Kind = Literal["role", "candidate"]
M = TypeVar("M", bound=BaseModel)


@dataclass
class Imported:
    """One document imported: the file's text (None when nothing could be read), its kind, and findings."""

    path: str
    kind: Kind | None
    text: str | None
    places: dict[tuple[str | int, ...], Place] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    loaded: Loaded[FileModel] | None = None


def words_of(library: RuleLibrary) -> Words:
    from speccheck.files.document_words import DocumentWords

    return Words(library.vocabulary.documents or DocumentWords())


def file_id(path: str) -> str:
    stem = Path(path).stem
    cleaned = re.sub(r"[^A-Za-z0-9_.:-]+", "-", stem).strip("-.") or "imported"
    return cleaned if cleaned[:1].isalnum() else f"x{cleaned}"


def import_path(path: Path, library: RuleLibrary, *, shown: str | None = None, kind: Kind | None = None) -> Imported:
    return import_file(path, library, shown=shown, kind=kind)[0]


def import_file(
    path: Path, library: RuleLibrary, *, shown: str | None = None, kind: Kind | None = None
) -> tuple[Imported, bytes | None]:
    """A document file imported, and the bytes read (None when it was not read: not a regular file, too large)."""
    shown = shown if shown is not None else str(path)
    document, raw, problem = read_path(path, shown)
    return _imported(document, problem, library, shown, kind), raw


def import_bytes(raw: bytes, suffix: str, library: RuleLibrary, *, shown: str, kind: Kind | None = None) -> Imported:
    document, problem = read_bytes(raw, shown, suffix)
    return _imported(document, problem, library, shown, kind)


def _imported(
    document: Document | None, problem: guards.Problem | None, library: RuleLibrary, shown: str, kind: Kind | None
) -> Imported:
    if document is None:
        assert problem is not None
        return Imported(shown, kind, None, findings=[_problem(problem, shown)])
    return import_document(document, library, kind=kind)


def _problem(problem: guards.Problem, shown: str) -> Finding:
    return Finding(
        rule_id=problem.rule_id,
        severity=Severity.ERROR,
        message=problem.message,
        position=Position(path=shown, line=1, col=1),
        fix=problem.fix,
    )


def import_document(document: Document, library: RuleLibrary, *, kind: Kind | None = None) -> Imported:
    """Build, write and load the role or candidate file a document holds; a layout the importer trips on is a
    finding (and a bug to report), never a traceback, so the other files are still checked."""
    try:
        return _import_document(document, library, kind=kind)
    except Exception as exc:  # a bug in reading some layout must not stop a batch of documents
        failed = Finding(
            rule_id="import-failed",
            severity=Severity.ERROR,
            message=f"speccheck could not read this document's layout ({type(exc).__name__})",
            position=Position(path=document.path, line=1, col=1),
            fix="this is a bug in speccheck: please report it with the document; import the others meanwhile",
        )
        return Imported(document.path, kind, None, findings=[failed])


def _import_document(document: Document, library: RuleLibrary, *, kind: Kind | None) -> Imported:
    words = words_of(library)
    words = with_key(words, key_codes(document, words))
    kind = kind or guess_kind(document, words)
    if kind == "candidate":
        from speccheck.importing.candidate_build import build_candidate

        built = build_candidate(document, words, file_id=file_id(document.path))
    else:
        built = build_role(read_role(document, words), document, library, words, file_id=file_id(document.path))
    header = [
        f"imported by speccheck import from {Path(document.path).name} ({document.format});",
        "every item says where it came from. Check the levels, categories, conditions and post type before use.",
    ]
    text = dump(built.data, built.comments, header)
    imported = Imported(document.path, kind, text, dict(built.places), list(built.findings))
    loaded = load_text(text, document.path)
    loaded.places = {loc: position(document.path, place) for loc, place in built.places.items()}
    loaded.places[()] = Position(path=document.path, line=1, col=1)
    imported.loaded = loaded
    # the loader's own findings on an imported file point into the document, not the YAML written from it
    imported.findings.extend(f.model_copy(update={"position": loaded.places[()]}) for f in loaded.findings)
    loaded.findings = []
    return imported


def guess_kind(document: Document, words: Words) -> Kind:
    """An application form when it has application sections (personal details, employment history, statement)
    and no table of essential and desirable criteria."""
    from speccheck.documents.model import Table
    from speccheck.importing.candidate_reader import candidate_sections
    from speccheck.importing.spec_tables import find_header

    for block in document.blocks:
        if isinstance(block, Table) and (header := find_header(block, words)) is not None and header[1].found_level:
            return "role"
    sections = candidate_sections(document, words)
    if len(sections) >= 2 or "application_form" in sections:
        return "candidate"
    return "role"


def load_path(path: Path, model: type[M], library: RuleLibrary, *, shown: str | None = None) -> Loaded[M]:
    """A role or candidate from a YAML/JSON file or a document; never raises for bad input."""
    shown = shown if shown is not None else str(path)
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES or suffix not in DOCUMENT_SUFFIXES:
        if suffix not in YAML_SUFFIXES and path.is_file():
            return Loaded(path=shown, model=None, findings=[not_importable(shown)])
        return of_kind(load_file(path, shown), model)
    kind: Kind = "candidate" if model is Candidate else "role"
    imported = import_path(path, library, shown=shown, kind=kind if model in (Role, Candidate) else None)
    return loaded_of(imported, model, shown)


def loaded_of(imported: Imported, model: type[M], shown: str) -> Loaded[M]:
    if imported.loaded is None:
        return Loaded(path=shown, model=None, findings=list(imported.findings))
    narrowed = of_kind(imported.loaded, model)
    narrowed.places = imported.loaded.places
    blocking = [f for f in imported.findings if f.severity is Severity.ERROR]
    if blocking and narrowed.model is not None and not _any_content(imported):
        narrowed.model = None
    narrowed.findings = list(imported.findings) + [f for f in narrowed.findings if f not in imported.findings]
    return narrowed


def _any_content(imported: Imported) -> bool:
    return not any(f.rule_id == "import-nothing-found" for f in imported.findings)


def not_importable(shown: str) -> Finding:
    suffixes = ", ".join((*YAML_SUFFIXES, *DOCUMENT_SUFFIXES))
    return finding(
        "file-not-importable",
        Severity.ERROR,
        "this file is neither a spec file nor a document speccheck can import",
        shown,
        None,
        f"give a file ending {suffixes}",
    )
