"""A file -> a ``Document`` or the problem that stops it being read, for every format the importer takes.

The kind is decided by the file's suffix and confirmed by its first bytes (a
``.docx`` that is really a PDF is read as a PDF). Every limit is checked
before a library parses anything (``guards``), and any error a library raises
on a damaged file becomes a ``Problem``: reading never raises for bad input.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from speccheck.core.reading import ReadProblem, read_capped
from speccheck.documents import DOCUMENT_SUFFIXES, SEARCHED_SUFFIXES, guards
from speccheck.documents.model import Document

__all__ = ["DOCUMENT_SUFFIXES", "SEARCHED_SUFFIXES", "is_document", "read_bytes", "read_path"]


def is_document(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def read_path(path: Path, shown: str) -> tuple[Document | None, bytes | None, guards.Problem | None]:
    """Read a document file within the limits: the document (or None), its bytes, and what stopped it.

    Only a regular file is read, and the size cap holds while reading (``core.reading``): a FIFO or a
    device such as ``/dev/zero`` named ``.docx`` is a problem, never a hang."""
    try:
        raw = read_capped(path, guards.MAX_BYTES)
    except ReadProblem as refused:
        if refused.rule_id == "file-too-large":
            return None, None, guards.oversized(refused.size if refused.size is not None else "over the limit")
        return None, None, guards.Problem(rule_id=refused.rule_id, message=refused.message, fix=refused.fix)
    document, problem = read_bytes(raw, shown, path.suffix.lower())
    return document, raw, problem


def read_bytes(raw: bytes, shown: str, suffix: str) -> tuple[Document | None, guards.Problem | None]:
    """Read a document's bytes; ``suffix`` says what it claims to be."""
    problem = guards.too_large(len(raw))
    if problem:
        return None, problem
    if raw.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in raw[:1024]):
        document, problem = _pdf(raw, shown)
    elif raw.startswith(guards.CFB_SIGNATURE):
        return None, guards.compound_file(raw)
    elif raw.startswith(b"PK"):
        document, problem = _docx(raw, shown)
    elif suffix in (".docx", ".pdf"):
        kind = "Word document (.docx)" if suffix == ".docx" else "PDF"
        return None, guards.damaged(kind)
    else:
        document, problem = _text(raw, shown, "md" if suffix == ".md" else "txt")
    if document is not None and not document.has_text:
        return None, guards.NO_TEXT
    return document, problem


def _pdf(raw: bytes, shown: str) -> tuple[Document | None, guards.Problem | None]:
    from speccheck.documents.pdf import PdfProblem, read_pdf

    try:
        return read_pdf(raw, shown), None
    except PdfProblem as exc:
        return None, exc.problem
    except RecursionError:
        return None, guards.damaged("PDF")
    except Exception:  # pdfminer raises many kinds of error on a damaged file; none may escape as a traceback
        return None, guards.damaged("PDF")


def _docx(raw: bytes, shown: str) -> tuple[Document | None, guards.Problem | None]:
    problem = guards.zip_problem(raw)
    if problem:
        return None, problem
    from speccheck.documents.docx import read_docx

    try:
        return read_docx(raw, shown), None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, RecursionError):
        return None, guards.damaged("Word document (.docx)")
    except Exception:  # lxml and python-docx raise their own errors on damaged parts
        return None, guards.damaged("Word document (.docx)")


def _text(raw: bytes, shown: str, fmt: str) -> tuple[Document | None, guards.Problem | None]:
    from speccheck.documents.text import read_text_document

    if b"\x00" in raw[:4096]:
        return None, guards.Problem(
            rule_id="document-damaged",
            message="the file holds binary data, not text",
            fix="give a Word document (.docx), a PDF, or a text file",
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = raw.decode("latin-1")
    return read_text_document(text, shown, fmt), None
