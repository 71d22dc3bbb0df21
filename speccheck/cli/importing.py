"""speccheck import FILE...: Word, PDF and text documents -> role and candidate files, each item saying where it
came from."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import given_inputs, library, plain, refuse_overwriting_inputs
from speccheck.core.errors import ExitCode, SpeccheckError
from speccheck.core.findings import Severity

if TYPE_CHECKING:
    from speccheck.cli.common import Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "import",
        help="turn Word, PDF and text documents into role and candidate files",
        description=(
            "Read job descriptions, person specifications (.docx, .pdf, .txt, .md) and application forms, and "
            "write role or candidate files that load cleanly, every item with a comment saying where in the "
            "document it came from. Exit codes: 0 every document imported, 1 a document could not be imported "
            "(its findings say why), 2 usage error."
        ),
    )
    parser.add_argument("files", type=Path, nargs="+", help="documents, or folders of them")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--output", "-o", metavar="OUT", help="the file to write (one document only); - writes to standard output"
    )
    where.add_argument(
        "--output-dir", type=Path, metavar="DIR", help="write each document's file into DIR, named after the document"
    )
    parser.add_argument(
        "--kind",
        choices=["role", "candidate"],
        help="what the documents are (default: decided from each document's sections)",
    )
    parser.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="DIR", help="an extra rule folder (repeatable)"
    )


def run(args: argparse.Namespace) -> int:
    from speccheck.core.atomic import write_atomic
    from speccheck.documents.read import DOCUMENT_SUFFIXES
    from speccheck.files.loader import discover
    from speccheck.importing.run import import_path

    paths, missing = discover(list(args.files), documents=True)
    documents = [p for p in paths if p.suffix.lower() in DOCUMENT_SUFFIXES]
    skipped = [p for p in paths if p.suffix.lower() not in DOCUMENT_SUFFIXES]
    for finding in missing:
        print(plain(finding), file=sys.stderr)
    if not documents:
        raise SpeccheckError("no document to import", hint=f"give files ending {', '.join(DOCUMENT_SUFFIXES)}")
    if len(documents) > 1 and args.output not in (None,) and args.output != "-":
        raise SpeccheckError("--output names one file; give --output-dir DIR for several documents")
    if len(documents) > 1 and args.output is None and args.output_dir is None:
        raise SpeccheckError("give --output-dir DIR to import several documents (or -o - for standard output)")
    inputs = [*given_inputs(args), *paths]  # the documents found in folders too, by any path or link
    refuse_overwriting_inputs(_planned(documents, args), inputs)  # before anything is written
    rules = library(args.rules)
    failed = bool(missing)
    for path in skipped:
        print(f"{path}: not a document; left out", file=sys.stderr)
    written: set[Path] = set()
    for path in documents:
        imported = import_path(path, rules, kind=args.kind)
        for finding in imported.findings:
            print(plain(finding), file=sys.stderr)
        if imported.text is None or any(f.severity is Severity.ERROR for f in imported.findings):
            failed = True
            if imported.text is None:
                continue
        target = _target(path, args, written)
        if target is None:
            sys.stdout.write(imported.text)
            continue
        refuse_overwriting_inputs([target], inputs)
        write_atomic(target, imported.text)
        written.add(target)
        print(f"{path}: wrote {target} ({imported.kind}{_counts(imported.text)})", file=sys.stderr)
    return ExitCode.FINDINGS if failed else ExitCode.OK


def _target(path: Path, args: argparse.Namespace, written: set[Path]) -> Path | None:
    if args.output == "-" or (args.output is None and args.output_dir is None):
        return None
    if args.output is not None:
        return Path(args.output)
    target: Path = args.output_dir / f"{path.stem}.yaml"
    number = 2
    while target in written:
        target = args.output_dir / f"{path.stem}-{number}.yaml"
        number += 1
    return target


def _planned(documents: list[Path], args: argparse.Namespace) -> list[Path]:
    """The files the run would write, named as if every document imports."""
    written: set[Path] = set()
    for path in documents:
        target = _target(path, args, written)
        if target is not None:
            written.add(target)
    return sorted(written)


def _counts(text: str) -> str:
    duties = text.count("\n  - id: D")
    criteria = text.count("\n    level: ")
    conditions = text.count("condition proposed")
    parts = [f"{duties} duties" if duties else "", f"{criteria} criteria" if criteria else ""]
    if conditions:
        parts.append(f"{conditions} conditions proposed")
    shown = ", ".join(p for p in parts if p)
    return f": {shown}" if shown else ""
