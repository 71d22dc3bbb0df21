"""Reading documents within limits: every bad document is a problem that says what to do, in bounded time,
never an exception; the other files are still read."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speccheck.documents import guards
from speccheck.documents.model import Paragraph, Table
from speccheck.documents.read import read_bytes, read_path
from tests.documents.pdfs import pdf


def _docx_bytes(build: object = None) -> bytes:
    document = docx.Document()
    if callable(build):
        build(document)
    else:
        document.add_paragraph("Qualified Teacher Status")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rule(raw: bytes, suffix: str) -> str | None:
    document, problem = read_bytes(raw, "x" + suffix, suffix)
    assert (document is None) == (problem is not None)
    return problem.rule_id if problem else None


def test_a_word_document_reads_in_body_order_without_header_or_footer() -> None:
    def build(d: docx.document.Document) -> None:
        d.sections[0].header.paragraphs[0].text = "Oakfield Academy"
        d.add_heading("Person specification", 1)
        table = d.add_table(rows=2, cols=2)
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Essential", "Desirable"
        table.rows[1].cells[0].text = "QTS\n(or equivalent)"
        d.add_paragraph("Key: A = application")

    document, problem = read_bytes(_docx_bytes(build), "spec.docx", ".docx")
    assert problem is None and document is not None
    kinds = [type(b).__name__ for b in document.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph"]
    assert all("Oakfield" not in b.text for b in document.blocks if isinstance(b, Paragraph))
    table = document.blocks[1]
    assert isinstance(table, Table)
    assert table.rows[1].cells[0].paragraphs == ("QTS\n(or equivalent)",)  # a line break is not a new paragraph
    assert table.rows[1].place.words() == "table 1, row 2"


def test_merged_cells_keep_their_span_and_text() -> None:
    def build(d: docx.document.Document) -> None:
        table = d.add_table(rows=3, cols=3)
        across = table.cell(0, 0).merge(table.cell(0, 2))
        across.text = "Experience"
        down = table.cell(1, 0).merge(table.cell(2, 0))
        down.text = "Skills"
        table.cell(1, 1).text = "Ability to lead"
        table.cell(2, 1).text = "Ability to plan"

    document, _ = read_bytes(_docx_bytes(build), "x.docx", ".docx")
    assert document is not None
    table = document.blocks[0]
    assert isinstance(table, Table)
    assert [(c.col, c.span) for c in table.rows[0].cells] == [(0, 3)]
    lower = table.rows[2].at(0)
    assert lower is not None and lower.continued and lower.text == "Skills"


@pytest.mark.parametrize(
    ("raw", "suffix", "rule"),
    [
        (b"", ".docx", "document-damaged"),
        (b"PK\x03\x04 not really a zip", ".docx", "document-damaged"),
        (guards.CFB_SIGNATURE + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le"), ".docx", "document-encrypted"),
        (guards.CFB_SIGNATURE + b"\0" * 512, ".doc", "document-old-format"),
        (b"%PDF-1.4\n garbage", ".pdf", "document-damaged"),
        (b"not a pdf at all", ".pdf", "document-damaged"),
        (b"   \n\n  \n", ".txt", "document-no-text"),
        (b"\x00\x01\x02binary", ".txt", "document-damaged"),
    ],
)
def test_bad_documents_are_problems(raw: bytes, suffix: str, rule: str) -> None:
    assert _rule(raw, suffix) == rule


def test_a_zip_bomb_is_refused_before_anything_is_unpacked() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/bomb.xml", b"0" * (guards.MAX_UNCOMPRESSED + 1))
    start = time.monotonic()
    assert _rule(buffer.getvalue(), ".docx") == "document-archive-bomb"
    assert time.monotonic() - start < 5


def test_a_highly_compressed_part_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (8 * 1024 * 1024))
    assert _rule(buffer.getvalue(), ".docx") == "document-archive-bomb"


def test_an_empty_word_document_has_no_text() -> None:
    assert _rule(_docx_bytes(lambda d: None), ".docx") == "document-no-text"


def test_pdf_limits_and_encryption() -> None:
    assert _rule(pdf(["Qualified Teacher Status"]), ".pdf") is None
    assert _rule(pdf(["x"], image_only=True), ".pdf") == "document-no-text"
    assert _rule(pdf(["Qualified Teacher Status"], encrypt=True), ".pdf") == "document-encrypted"
    start = time.monotonic()
    assert _rule(pdf([f"page {n}" for n in range(500)]), ".pdf") == "document-too-many-pages"
    assert time.monotonic() - start < 20


def test_a_file_over_the_size_cap_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guards, "MAX_BYTES", 10)
    path = tmp_path / "big.txt"
    path.write_text("Qualified Teacher Status and more")
    document, raw, problem = read_path(path, "big.txt")
    assert document is None and raw is None and problem is not None and problem.rule_id == "document-too-large"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=2048), suffix=st.sampled_from([".docx", ".pdf", ".txt", ".md"]))
def test_random_bytes_never_raise(raw: bytes, suffix: str) -> None:
    document, problem = read_bytes(raw, "x" + suffix, suffix)
    assert (document is None) == (problem is not None)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30), min_size=1, max_size=4),
        min_size=1,
        max_size=6,
    )
)
def test_random_tables_read_without_error(rows: list[list[str]]) -> None:
    def build(d: docx.document.Document) -> None:
        width = max(len(r) for r in rows)
        table = d.add_table(rows=len(rows), cols=width)
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                table.cell(i, j).text = text

    document, problem = read_bytes(_docx_bytes(build), "x.docx", ".docx")
    assert (document is None) == (problem is not None)
    if problem is not None:
        assert problem.rule_id == "document-no-text"


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_fifo_or_a_device_named_docx_is_a_problem_not_a_hang(tmp_path: Path, kind: str) -> None:
    """Issue 13's reading rule on the importer's path: only a regular file is read, the cap held while reading."""
    path = tmp_path / "spec.docx"
    if kind == "fifo":
        os.mkfifo(path)  # no writer: a blocking read would wait for ever
    else:
        path.symlink_to("/dev/zero")  # reads for ever, and reports a size of 0
    start = time.monotonic()
    document, raw, problem = read_path(path, "spec.docx")
    assert document is None and raw is None and problem is not None
    assert problem.rule_id == "file-unreadable" and "not a file" in problem.message
    assert time.monotonic() - start < 5


def test_a_file_that_grows_past_the_cap_while_read_is_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from speccheck.core import reading

    monkeypatch.setattr(guards, "MAX_BYTES", 10)
    real_fstat = reading.os.fstat

    def small(fd: int) -> os.stat_result:  # the file says it is empty, as /proc files and growing files do
        found = real_fstat(fd)
        return os.stat_result((found.st_mode, *([0] * 5), 0, *([0] * 3)))

    monkeypatch.setattr(reading.os, "fstat", small)
    path = tmp_path / "grows.txt"
    path.write_text("Qualified Teacher Status and more")
    document, raw, problem = read_path(path, "grows.txt")
    assert document is None and raw is None and problem is not None and problem.rule_id == "document-too-large"
