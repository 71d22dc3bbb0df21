"""speccheck shortlist ROLE CANDIDATES...: rank a batch for a panel, with panel scores, blind mode,
printable outputs and a decision record; ``--verify RECORD`` re-runs a record and compares."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speccheck.cli.common import library, parse_date, plain, use_color, width
from speccheck.core.errors import ExitCode, SpeccheckError
from speccheck.core.findings import Finding, Severity

SERIAL_BELOW = 16  # smaller batches are evaluated in this process: starting workers costs more


def add_parser(commands: Any) -> None:
    from speccheck.report.shortlist_formats import SHORTLIST_RENDERERS

    suffixes = ", ".join(sorted(SHORTLIST_RENDERERS))
    parser = commands.add_parser(
        "shortlist",
        help="rank a batch of applications for a shortlisting panel",
        description="Evaluate every application, merge panel scores, rank, and write the panel's grid and pack.",
    )
    parser.add_argument("role", type=Path, nargs="?", help="role file")
    parser.add_argument(
        "candidates",
        type=Path,
        nargs="*",
        help="candidate files, folders, or an applicants CSV (one row per application)",
    )
    parser.add_argument(
        "--scores",
        "-s",
        type=Path,
        action="append",
        default=[],
        metavar="SHEET",
        help="a panellist's score sheet, CSV or YAML (repeatable)",
    )
    parser.add_argument(
        "--moderated",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="moderated scores with reasons, CSV or YAML (repeatable)",
    )
    parser.add_argument(
        "--anonymise",
        "--anonymize",
        action="store_true",
        help="blind mode: codes for candidates, personal details withheld and redacted everywhere",
    )
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help=f"write the shortlist to FILE, format by suffix ({suffixes}); repeatable",
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=["text", "json"],
        default="text",
        help="standard output format when no --output is given (default: text)",
    )
    parser.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="write a decision record (sha256 of every input, versions, result) to FILE",
    )
    parser.add_argument(
        "--verify", type=Path, metavar="RECORD", help="re-run a decision record and say whether the result is identical"
    )
    parser.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores; small batches run in one)"
    )
    parser.add_argument(
        "--as-of", type=parse_date, help="judge dates as at this day (default: the role's issued date, else today)"
    )
    parser.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="DIR", help="an extra rule folder (repeatable)"
    )
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")


@dataclass
class Run:
    """One shortlist made from arguments: the report and what the record needs."""

    report: Any
    record: Any
    findings: list[Finding] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    if args.verify is not None:
        return _verify(args)
    if args.role is None or not args.candidates:
        raise SpeccheckError(
            "give a role file and at least one candidate file, folder or CSV",
            hint="speccheck shortlist ROLE CANDIDATES...",
        )
    renderers = _check_outputs(args.output)
    if args.jobs is not None and args.jobs < 1:
        raise SpeccheckError("--jobs must be 1 or more")
    made = _make(
        role=args.role,
        candidates=args.candidates,
        scores=args.scores,
        moderated=args.moderated,
        rules=args.rules,
        as_of=args.as_of,
        anonymise=args.anonymise,
        jobs=args.jobs,
        want_record=args.record is not None,
    )
    if made is None:
        return ExitCode.FINDINGS
    from speccheck.core.atomic import write_atomic

    report = made.report
    for path, renderer in zip(args.output, renderers, strict=False):
        if path.suffix.lower() == ".json":
            from speccheck.report import shortlist_json

            _write_chunks(path, shortlist_json.chunks(report))
        else:
            write_atomic(path, renderer(report, color=False, width=120))
    if args.record is not None:
        from speccheck.shortlist import record as records

        write_atomic(args.record, records.render(made.record))
    if not args.output:
        if args.format == "json":
            from speccheck.report import shortlist_json

            sys.stdout.write(shortlist_json.render(report))
        else:
            from speccheck.report import terminal_shortlist

            sys.stdout.write(terminal_shortlist.render(report, color=use_color(args.color), width=width()))
    else:
        counts = ", ".join(f"{n} {d}" for d, n in report.decisions.items())
        written = ", ".join(str(p) for p in args.output)
        print(f"speccheck: {len(report.candidates)} candidates ranked ({counts}); wrote {written}", file=sys.stderr)
    for finding in report.findings:
        if finding.severity is Severity.ERROR:
            print(plain(finding), file=sys.stderr)
    errors = any(f.severity is Severity.ERROR for f in report.findings)
    return ExitCode.FINDINGS if errors else ExitCode.OK


def _write_chunks(path: Path, chunks: Iterator[str]) -> None:
    """Write text piece by piece, whole or not at all (a temporary file and a rename, as write_atomic)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            for chunk in chunks:
                stream.write(chunk)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_outputs(outputs: list[Path]) -> list[Callable[..., Any]]:
    from speccheck.report.shortlist_formats import SHORTLIST_RENDERERS, renderer_for

    renderers = []
    for path in outputs:
        renderer = renderer_for(path.suffix)
        if renderer is None:
            raise SpeccheckError(
                f'cannot tell the format of "{path}" from its suffix',
                hint="use one of " + ", ".join(sorted(SHORTLIST_RENDERERS)),
            )
        renderers.append(renderer)
    return renderers


def _sources(paths: list[Path]) -> tuple[list[Any], list[Finding], list[Path]]:
    """Candidate sources in argument order; CSV files become one source per row."""
    from speccheck.files.loader import discover, read_text
    from speccheck.shortlist.applicants import read_applicants
    from speccheck.shortlist.batch import FileSource, RowSource

    sources: list[Any] = []
    findings: list[Finding] = []
    csv_files: list[Path] = []
    for path in paths:
        if path.is_file() and path.suffix.lower() == ".csv":
            csv_files.append(path)
            text, problems = read_text(path, str(path))
            findings.extend(problems)
            if text is None:
                continue
            header, rows, problems = read_applicants(text, str(path))
            findings.extend(problems)
            if header is not None:
                sources.extend(RowSource(header, row) for row in rows)
            continue
        files, missing = discover([path])
        findings.extend(missing)
        sources.extend(FileSource(str(p), str(p)) for p in files)
    return sources, findings, csv_files


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on standard error when it is a terminal; nothing otherwise.

    It refreshes only when work finishes (no refresh thread), so worker
    processes can still be forked safely."""
    if not sys.stderr.isatty() or total < 2:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(file=sys.stderr)
    with Progress(
        TextColumn("evaluating"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        auto_refresh=False,
        transient=True,
    ) as bar:
        task = bar.add_task("evaluating", total=total)

        def advance(count: int) -> None:
            bar.update(task, advance=count, refresh=True)

        yield advance


def _make(
    *,
    role: Path,
    candidates: list[Path],
    scores: list[Path],
    moderated: list[Path],
    rules: list[Path],
    as_of: dt.date | None,
    anonymise: bool,
    jobs: int | None,
    want_record: bool = True,
) -> Run | None:
    from speccheck.evaluate.plans import compile_role
    from speccheck.files.loader import load_as
    from speccheck.files.role import Role
    from speccheck.shortlist import record as records
    from speccheck.shortlist.batch import FileSource, Setup, run_batch
    from speccheck.shortlist.blind import assign_codes, redactor_for_all
    from speccheck.shortlist.ranking import build_shortlist, role_salt
    from speccheck.shortlist.scores import read_moderation, read_score_sheet
    from speccheck.shortlist.sheets import Sheets

    rule_library = library(rules)
    loaded_role = load_as(role, Role)
    if loaded_role.model is None:
        for finding in loaded_role.findings:
            print(plain(finding), file=sys.stderr)
        return None
    compiled, problems = compile_role(loaded_role, rule_library)
    if compiled is None:
        for finding in problems:
            print(plain(finding), file=sys.stderr)
        return None
    when = as_of or loaded_role.model.issued or dt.date.today()
    sources, findings, csv_files = _sources(candidates)
    sheets = Sheets()
    for path in scores:
        sheets.extend(read_score_sheet(path))
    for path in moderated:
        sheets.extend(read_moderation(path))
    setup = Setup(str(role), str(role), tuple(str(r) for r in rules), when)
    workers = 1 if len(sources) < SERIAL_BELOW else (jobs or os.cpu_count() or 1)
    with _progress(len(sources)) as advance:
        evaluated = run_batch(setup, sources, workers=workers, progress=advance, compiled=compiled)
    report = build_shortlist(compiled, evaluated, sheets, as_of=when, anonymise=anonymise, findings=findings)
    if not want_record:
        return Run(report, None, findings)

    file_codes = assign_codes([e.shown for e in evaluated], role_salt(compiled.role_id) + ":file")
    candidate_hashes = [
        records.FileHash(path=file_codes[e.shown] if anonymise else e.shown, sha256=e.sha256)
        for e, s in zip(evaluated, sources, strict=False)
        if isinstance(s, FileSource)
    ]
    candidate_hashes += [records.file_hash(p) for p in csv_files]
    arguments = [str(p) for p in candidates]
    redacted = False
    if anonymise:
        by_path = {e.shown: file_codes[e.shown] for e in evaluated}
        everyone = redactor_for_all([e.identity for e in evaluated if e.identity is not None])
        shown = []
        for argument in arguments:
            hidden = by_path.get(argument) or everyone.redact(argument)[0]
            redacted = redacted or hidden != argument
            shown.append(hidden)
        arguments = shown
    record = records.build_record(
        report,
        arguments=records.Arguments(
            role=str(role),
            candidates=arguments,
            scores=[str(p) for p in scores],
            moderated=[str(p) for p in moderated],
            rules=[str(p) for p in rules],
            as_of=when,
            anonymise=anonymise,
        ),
        arguments_redacted=redacted,
        role=records.file_hash(role),
        rules=records.rule_hashes(rules),
        candidates=sorted(candidate_hashes, key=lambda f: f.path),
        score_sheets=[records.file_hash(p) for p in scores],
        moderation=[records.file_hash(p) for p in moderated],
    )
    return Run(report, record, findings)


def _verify(args: argparse.Namespace) -> int:
    from speccheck.files.loader import read_text
    from speccheck.shortlist import record as records

    text, problems = read_text(args.verify, str(args.verify))
    if text is None:
        for finding in problems:
            print(plain(finding), file=sys.stderr)
        return ExitCode.USAGE
    old, problems = records.read_record(text, str(args.verify))
    if old is None:
        for finding in problems:
            print(plain(finding), file=sys.stderr)
        return ExitCode.USAGE
    given = old.arguments
    if args.candidates:
        candidates = args.candidates
    elif old.arguments_redacted:
        raise SpeccheckError(
            "this blind record withholds the candidate paths",
            hint="give them again: speccheck shortlist --verify RECORD ROLE CANDIDATES...",
        )
    else:
        candidates = [Path(p) for p in given.candidates]
    made = _make(
        role=args.role or Path(given.role),
        candidates=candidates,
        scores=args.scores or [Path(p) for p in given.scores],
        moderated=args.moderated or [Path(p) for p in given.moderated],
        rules=args.rules or [Path(p) for p in given.rules],
        as_of=given.as_of,
        anonymise=given.anonymise,
        jobs=args.jobs,
    )
    if made is None:
        return ExitCode.FINDINGS
    differences = records.differences(old, made.record)
    if not differences:
        print(
            f"identical: {len(made.report.candidates)} candidates, same inputs, same shortlist (sha256 {old.result_sha256[:12]}...)"
        )
        return ExitCode.OK
    print(f"differs from {args.verify}:")
    for line in differences:
        print(f"  {line}")
    return ExitCode.FINDINGS
