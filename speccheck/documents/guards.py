"""The limits every document is read within, checked before a library parses it.

One mechanism for every format: a size cap on the file, enforced while it is read, and only a regular
file is read (``core.reading``, from ``read.read_path``); for Word files, the
zip's member count, uncompressed total and compression ratio read from its
directory (``zipfile.infolist``) before python-docx opens it, and the compound
file signature of a password-protected or pre-2007 Word file; for PDFs, a page
cap and the encryption flag. A document over a limit is a ``Problem`` saying
what is wrong and what to do, never an exception.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024  # a person specification, job description or application form is far smaller
MAX_ZIP_MEMBERS = 2000
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # everything inside a .docx, uncompressed
MAX_RATIO = 200  # uncompressed / compressed size of one member over 1 MiB (text compresses about 10:1)
RATIO_FLOOR = 1024 * 1024
MAX_PAGES = 60
CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .doc, or an encrypted .docx


@dataclass(frozen=True)
class Problem:
    """Why a document cannot be read, and what to do: a finding once it has a path."""

    rule_id: str
    message: str
    fix: str


def too_large(size: int) -> Problem | None:
    return oversized(size) if size > MAX_BYTES else None


def oversized(size: int | str) -> Problem:
    """The problem of a document over the cap; ``size`` may be words ("more than N") for a file that grew."""
    return Problem(
        rule_id="document-too-large",
        message=f"document is {size} bytes; the limit is {MAX_BYTES}",
        fix="give the person specification, job description or application form on its own",
    )


def compound_file(raw: bytes) -> Problem | None:
    """A Word file stored as an OLE compound file: password-protected (its package is encrypted) or Word 97-2003."""
    if not raw.startswith(CFB_SIGNATURE):
        return None
    if "EncryptedPackage".encode("utf-16-le") in raw or "EncryptionInfo".encode("utf-16-le") in raw:
        return Problem(
            rule_id="document-encrypted",
            message="the Word document is password-protected",
            fix="remove the password (File > Info > Protect Document) and save it again",
        )
    return Problem(
        rule_id="document-old-format",
        message="this is a Word 97-2003 document (.doc), not a .docx",
        fix="open it in Word and save it as a Word Document (.docx)",
    )


def zip_problem(raw: bytes) -> Problem | None:
    """What is wrong with a .docx's zip before anything is decompressed: not a zip, too many members, a bomb."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return Problem(
            rule_id="document-damaged",
            message="the file is not a Word document (.docx) that can be opened: it is damaged or of another kind",
            fix="open it in Word and save it again as a Word Document (.docx)",
        )
    if len(members) > MAX_ZIP_MEMBERS:
        return _bomb(f"it holds {len(members)} files; the limit is {MAX_ZIP_MEMBERS}")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED:
        return _bomb(f"it unpacks to {total} bytes; the limit is {MAX_UNCOMPRESSED}")
    for member in members:
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(1, member.compress_size):
            return _bomb(
                f'its part "{member.filename}" unpacks {member.file_size // max(1, member.compress_size)} times'
            )
    if not any(m.filename == "word/document.xml" for m in members):
        return Problem(
            rule_id="document-damaged",
            message="the file is a zip archive but not a Word document (it has no word/document.xml)",
            fix="give a Word Document (.docx), PDF or text file",
        )
    return None


def _bomb(why: str) -> Problem:
    return Problem(
        rule_id="document-archive-bomb",
        message=f"the Word document is not read: {why}",
        fix="a real person specification or application form is small; open it in Word and save it again",
    )


def too_many_pages(pages: int) -> Problem | None:
    if pages > MAX_PAGES:
        return Problem(
            rule_id="document-too-many-pages",
            message=f"the PDF has {pages} pages; the limit is {MAX_PAGES}",
            fix="give the pages that hold the job description, person specification or application form",
        )
    return None


NO_TEXT = Problem(
    rule_id="document-no-text",
    message="scanned or empty: no text to read",
    fix="give the document as Word or as a PDF saved from Word (with text), or run text recognition (OCR) on the scan",
)
ENCRYPTED_PDF = Problem(
    rule_id="document-encrypted",
    message="the PDF is encrypted (password-protected)",
    fix="save an unprotected copy (print to PDF without a password) and give that",
)


def damaged(kind: str) -> Problem:
    return Problem(
        rule_id="document-damaged",
        message=f"the {kind} cannot be read: it is damaged or not really a {kind}",
        fix=f"open it and save it again as a {kind}",
    )
