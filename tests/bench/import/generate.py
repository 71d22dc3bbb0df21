"""Render the import corpus: every spec in documents/ to .docx (python-docx) and, optionally, to PDF.

Each spec describes one document as a list of blocks (headings, paragraphs, bullet and numbered lists,
tables with merged cells, keys, page breaks, newspaper columns) plus page headers and footers. The
renderer is generic: a layout name says which published layout a spec imitates, not how to draw it.
PDFs are printed from the .docx files by LibreOffice (``soffice --headless --convert-to pdf``).

Usage: ``python tests/bench/import/generate.py OUT_DIR [--no-pdf] [--only ID ...]``.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents"

#: The fixed list of layouts a spec may name, with what each imitates.
LAYOUTS: dict[str, str] = {
    "ps_tick_columns": "person specification table, Essential and Desirable columns marked with ticks (✓ ✔ √)",
    "ps_cross_columns": "person specification table, Essential and Desirable columns marked with crosses (X, x)",
    "ps_word_columns": "person specification table, Essential and Desirable columns marked with words (Essential, Yes, E)",
    "ps_ed_column": "criteria table with one E/D column",
    "ps_merged_category": "person specification table whose first column holds vertically merged category cells",
    "ps_split_cells": "table whose rows carry a criterion in the Essential cell and another in the Desirable cell",
    "ps_headed_bullets": "Essential and Desirable headings over bullet lists, no table",
    "ps_two_column_bullets": "an Essential column and a Desirable column of bullets side by side",
    "ps_section_columns": "Essential and Desirable lists set in two newspaper columns of a Word section",
    "ps_should_might": "criteria worded as what the postholder should have and might have",
    "ps_evidence_lines": "criteria as list items, each followed by an 'Evidence:' line naming assessment methods",
    "ps_inline_marks": "criteria lines ending in (E) or (D)",
    "ps_italic_desirable": "bullet lists where desirable criteria are set in italics, explained in a note",
    "jd_numbered": "job description, duties in numbered lists grouped under headings",
    "jd_bullets": "job description, duties in bulleted lists grouped under headings",
    "jd_paragraphs": "job description, duties written as paragraphs",
    "combined_jd_ps": "job description followed by a person specification in one file",
    "af_label_value": "application form, one label and its answer per table row, sections as headings",
    "af_grid": "application form, numbered sections in grid tables with several 'Label:' cells per row",
    "af_paragraph_fields": "application form, 'Label: answer' paragraphs with tables for qualifications and employment",
}

KINDS = ("role", "candidate")
SPLITS = ("dev", "heldout")
#: Fixed document date, so that two builds give the same .docx bytes.
FIXED_DATE = datetime(2024, 1, 1, 9, 0, 0)
ZIP_DATE = (2024, 1, 1, 0, 0, 0)

MERGE_LEFT = "<"
MERGE_UP = "^"


@dataclass(frozen=True)
class Built:
    """One rendered document and the labels the importer should recover from it."""

    id: str
    kind: str
    split: str
    layout: str
    docx: Path
    pdf: Path | None
    expected: dict[str, Any]


def load_specs(directory: Path = DOCUMENTS) -> list[dict[str, Any]]:
    """Every spec in ``directory``, sorted by file name."""
    specs = []
    for path in sorted(directory.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            spec = yaml.safe_load(handle)
        spec["_path"] = path
        specs.append(spec)
    return specs


# --------------------------------------------------------------------------- inline text


def _add_text(
    paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None
) -> None:
    """Add ``text`` as runs; a newline becomes a line break inside the same paragraph."""
    lines = str(text).split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if index < len(lines) - 1:
            run.add_break(WD_BREAK.LINE)


def _item_parts(item: Any) -> tuple[str, dict[str, Any]]:
    """A list item or cell line is a string or a mapping with text and formatting."""
    if isinstance(item, dict):
        return str(item["text"]), item
    return str(item), {}


def _fill_paragraph(paragraph: Paragraph, item: Any, *, bold: bool = False, size: float | None = None) -> None:
    text, fmt = _item_parts(item)
    _add_text(paragraph, text, bold=bold or bool(fmt.get("bold")), italic=bool(fmt.get("italic")), size=size)


# --------------------------------------------------------------------------- lists


def _new_numbering(document: Any) -> str:
    """A fresh numbering instance of the 'List Number' style, restarting at 1."""
    style_numpr = document.styles["List Number"].element.pPr.numPr
    numbering = document.part.numbering_part.element
    abstract_id = numbering.num_having_numId(style_numpr.numId.val).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return str(num.numId)


def _set_num_id(paragraph: Paragraph, num_id: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = int(num_id)


def _list_paragraphs(
    container: Any, items: Sequence[Any], style: str, document: Any, *, size: float | None = None
) -> None:
    num_id = _new_numbering(document) if style == "List Number" else None
    for item in items:
        _text, fmt = _item_parts(item)
        level = int(fmt.get("level", 1))
        item_style = style if level == 1 else f"{style} {level}"
        paragraph = container.add_paragraph(style=item_style)
        if num_id and level == 1:
            _set_num_id(paragraph, num_id)
        _fill_paragraph(paragraph, item, size=size)


# --------------------------------------------------------------------------- tables


def _shade(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc_pr.append(shading)


def _fill_cell(cell: _Cell, value: Any, document: Any, *, bold: bool = False, size: float = 9.5) -> None:
    """Write a cell value: text, a list of paragraphs, or {bullets: [...]} / {numbered: [...]} / {text: ...}."""
    first = cell.paragraphs[0]
    if value is None or value == "":
        return
    if isinstance(value, dict) and ("bullets" in value or "numbered" in value):
        if value.get("intro"):
            _fill_paragraph(first, value["intro"], bold=bold, size=size)
        else:
            first._p.getparent().remove(first._p)
        style = "List Bullet" if "bullets" in value else "List Number"
        _list_paragraphs(cell, value.get("bullets") or value.get("numbered") or [], style, document, size=size)
        return
    lines = value if isinstance(value, list) else [value]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        _fill_paragraph(paragraph, line, bold=bold, size=size)


def _expand_rows(rows: Sequence[Any], width: int) -> list[list[Any]]:
    expanded: list[list[Any]] = []
    for row in rows:
        if isinstance(row, dict) and "span" in row:
            expanded.append([{"text": row["span"], "bold": True, "_shade": "D9E2F3"}] + [MERGE_LEFT] * (width - 1))
        else:
            cells = list(row)
            if len(cells) != width:
                raise ValueError(f"table row has {len(cells)} cells, expected {width}: {row!r}")
            expanded.append(cells)
    return expanded


def _add_table(container: Any, spec: dict[str, Any], document: Any) -> Table:
    rows = _expand_rows(spec["rows"], int(spec.get("width") or len(spec["rows"][0])))
    width = len(rows[0])
    header_rows = int(spec.get("header_rows", 1))
    table: Table = container.add_table(rows=len(rows), cols=width)
    table.style = spec.get("style", "Table Grid")
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value in (MERGE_LEFT, MERGE_UP):
                continue
            cell = table.cell(r, c)
            shade = value.get("_shade") if isinstance(value, dict) else None
            if r < header_rows:
                shade = shade or "BFBFBF"
            _fill_cell(cell, value, document, bold=r < header_rows)
            if shade:
                _shade(cell, shade)
    # merges after filling, so merged content stays in the first cell
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value == MERGE_LEFT:
                table.cell(r, c - 1).merge(table.cell(r, c))
            elif value == MERGE_UP:
                table.cell(r - 1, c).merge(table.cell(r, c))
    for r in range(header_rows):
        tr_pr = table.rows[r]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))
    if spec.get("widths"):
        table.autofit = False
        for c, cm in enumerate(spec["widths"]):
            table.columns[c].width = Cm(float(cm))
            for cell in table.columns[c].cells:
                cell.width = Cm(float(cm))
    return table


# --------------------------------------------------------------------------- headers, footers, sections


def _add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice update when they lay the pages out."""
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _fill_with_fields(paragraph: Paragraph, template: str, size: float = 8.0) -> None:
    """Text with {PAGE} and {NUMPAGES} placeholders turned into fields."""
    for part in re.split(r"(\{PAGE\}|\{NUMPAGES\})", template):
        if part in ("{PAGE}", "{NUMPAGES}"):
            _add_field(paragraph, part.strip("{}"))
        elif part:
            paragraph.add_run(part).font.size = Pt(size)


def _decorate_section(section: Any, spec: dict[str, Any]) -> None:
    if spec.get("landscape"):
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Cm(2.0))
    if spec.get("header"):
        _fill_with_fields(section.header.paragraphs[0], spec["header"])
    if spec.get("footer"):
        _fill_with_fields(section.footer.paragraphs[0], spec["footer"])


def _set_columns(section: Any, count: int) -> None:
    sect_pr = section._sectPr
    cols = sect_pr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sect_pr.append(cols)
    cols.set(qn("w:num"), str(count))
    cols.set(qn("w:space"), "567")


def _add_columns(document: Any, columns: Sequence[Sequence[Any]]) -> None:
    """Newspaper columns: a continuous section of len(columns) columns, a column break between them.

    Word keeps a section's properties at its end: add_section closes the section above (one column)
    and opens the column section; the second add_section closes that and returns to one column.
    """
    document.add_section(WD_SECTION.CONTINUOUS)
    _set_columns(document.sections[-1], len(columns))
    for index, blocks in enumerate(columns):
        _render_blocks(document, document, blocks)
        if index < len(columns) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.COLUMN)
    document.add_section(WD_SECTION.CONTINUOUS)
    _set_columns(document.sections[-1], 1)


# --------------------------------------------------------------------------- blocks


def _render_blocks(document: Any, container: Any, blocks: Iterable[dict[str, Any]]) -> None:
    for block in blocks:
        (name, value), *_ = block.items()
        if name == "title":
            _fill_paragraph(container.add_paragraph(style="Title"), value)
        elif name in ("heading", "heading2", "heading3"):
            level = {"heading": 1, "heading2": 2, "heading3": 3}[name]
            _fill_paragraph(container.add_paragraph(style=f"Heading {level}"), value)
        elif name == "para":
            _fill_paragraph(container.add_paragraph(), value)
        elif name == "key":
            _fill_paragraph(container.add_paragraph(), {"text": value, "italic": True}, size=8.5)
        elif name == "bullets":
            _list_paragraphs(container, value, "List Bullet", document)
        elif name == "numbered":
            _list_paragraphs(container, value, "List Number", document)
        elif name == "table":
            _add_table(container, value, document)
            container.add_paragraph()
        elif name == "page_break":
            container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif name == "columns":
            _add_columns(document, value)
        else:
            raise ValueError(f"unknown block {name!r}")


def render_docx(spec: dict[str, Any], out: Path) -> Path:
    """Write one spec as a .docx file with fixed metadata and zip timestamps."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10.5)
    body = spec["document"]
    _decorate_section(document.sections[0], body)
    _render_blocks(document, document, body["blocks"])
    props = document.core_properties
    props.author = "speccheck import corpus"
    props.last_modified_by = "speccheck import corpus"
    props.title = str(body.get("doc_title") or spec["id"])
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    _write_stable_zip(buffer.getvalue(), out)
    return out


def _write_stable_zip(data: bytes, out: Path) -> None:
    """Rewrite the package with fixed member dates, so that equal content gives equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))


# --------------------------------------------------------------------------- PDF


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def print_pdfs(docx_files: Sequence[Path], out_dir: Path, *, timeout: float = 900.0) -> dict[Path, Path]:
    """Print .docx files to PDF with one headless LibreOffice run; returns docx -> pdf."""
    soffice = find_soffice()
    if soffice is None:
        raise RuntimeError(
            "LibreOffice is needed to print PDFs: apt-get install -y --no-install-recommends libreoffice-writer-nogui"
        )
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *(str(path) for path in docx_files),
        ]
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        subprocess.run(command, check=True, capture_output=True, timeout=timeout, env=env)
    result = {}
    for path in docx_files:
        pdf = out_dir / (path.stem + ".pdf")
        if not pdf.exists():
            raise RuntimeError(f"LibreOffice did not print {path.name}")
        result[path] = pdf
    return result


# --------------------------------------------------------------------------- entry points


def build(out_dir: Path, *, pdf: bool = True, only: Sequence[str] | None = None) -> list[Built]:
    """Render every spec (or the ``only`` ids) into ``out_dir``; PDFs too when ``pdf`` is true."""
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = [spec for spec in load_specs() if not only or spec["id"] in only]
    docx_paths = [render_docx(spec, out_dir / f"{spec['id']}.docx") for spec in specs]
    pdfs = print_pdfs(docx_paths, out_dir) if pdf and docx_paths else {}
    return [
        Built(
            id=spec["id"],
            kind=spec["kind"],
            split=spec["split"],
            layout=spec["layout"],
            docx=path,
            pdf=pdfs.get(path),
            expected=spec["expected"],
        )
        for spec, path in zip(specs, docx_paths, strict=True)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the .docx and .pdf files into")
    parser.add_argument("--no-pdf", action="store_true", help="write .docx files only")
    parser.add_argument("--only", nargs="+", metavar="ID", help="render only these document ids")
    args = parser.parse_args(argv)
    started = datetime.now()
    built = build(args.out_dir, pdf=not args.no_pdf, only=args.only)
    seconds = (datetime.now() - started).total_seconds()
    for item in built:
        print(
            f"{item.id:40} {item.kind:9} {item.split:7} {item.layout:22} {item.docx.name}{' + pdf' if item.pdf else ''}"
        )
    print(f"{len(built)} documents in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
