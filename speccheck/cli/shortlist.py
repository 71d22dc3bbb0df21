"""speccheck shortlist ROLE CANDIDATES...: rank a batch for a panel, with panel scores, blind mode,
printable outputs and a decision record; ``--verify RECORD`` re-runs a record and compares."""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import (
    cache_folder,
    exit_code,
    given_inputs,
    library,
    parse_date,
    plain,
    refuse_overwriting_inputs,
    require_inputs,
    use_color,
    width,
    write_stdout,
)
from speccheck.core.errors import ExitCode, SpeccheckError
from speccheck.core.findings import Finding, Severity

if TYPE_CHECKING:
    from speccheck.cli.common import Commands
    from speccheck.report import Renderer
    from speccheck.report.shortlist_stream import ShortlistStream
    from speccheck.results.shortlist import ShortlistReport
    from speccheck.shortlist.record import Record
    from speccheck.shortlist.run import Advance, Shortlisted, ShortlistRequest


def add_parser(commands: Commands) -> None:
    from speccheck.report import suffixes as output_suffixes

    suffixes = ", ".join(output_suffixes("shortlist"))
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
        help="a panellist's score sheet: CSV, YAML, or a workbook from speccheck scoresheet (.xlsx) (repeatable)",
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
        help=f"write the shortlist to FILE, format by suffix ({suffixes}); repeatable; "
        "readable by you only (mode 0600): it holds personal data",
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
        "--codes-from",
        type=Path,
        metavar="RECORD",
        help="key the candidate codes as that earlier run's decision record did, so its codes stay the same "
        "(a panel's sheets name candidates by them); by default every run keys its codes with a new secret",
    )
    parser.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores; small batches run in one)"
    )
    parser.add_argument(
        "--as-of",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="judge applications as at this day (default: the role's closing date, else today)",
    )
    parser.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="DIR", help="an extra rule folder (repeatable)"
    )
    parser.add_argument(
        "--details",
        action="store_true",
        help="text: every criterion of every candidate with why and the evidence, and every note in full",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse to shortlist a role whose audit finds errors (the audit's findings open every output anyway)",
    )
    parser.add_argument(
        "--panel",
        action="append",
        default=[],
        metavar="NAME",
        help="a member of the shortlisting panel, for the pack's signature block (repeatable; "
        "default: the panellists who scored)",
    )
    parser.add_argument(
        "--meeting-date",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="the day of the shortlisting meeting, for the pack",
    )
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")


def run(args: argparse.Namespace) -> int:
    if args.verify is not None:
        return _verify(args)
    if args.role is None or not args.candidates:
        raise SpeccheckError(
            "give a role file and at least one candidate file, folder or CSV",
            hint="speccheck shortlist ROLE CANDIDATES...",
        )
    require_inputs(args.candidates)
    renderers = _check_outputs(args.output)
    if args.jobs is not None and args.jobs < 1:
        raise SpeccheckError("--jobs must be 1 or more")
    from speccheck.shortlist.run import ShortlistRequest

    _refuse_inputs_as_outputs(args)
    blind_key = _read_record(args.codes_from).blind_key if args.codes_from is not None else new_blind_key()
    request = ShortlistRequest(
        role=args.role,
        candidates=tuple(args.candidates),
        scores=tuple(args.scores),
        moderated=tuple(args.moderated),
        rules=tuple(args.rules),
        as_of=args.as_of,
        today=dt.date.today(),
        anonymise=args.anonymise,
        blind_key=blind_key,
        jobs=args.jobs,
        record=args.record is not None,
        strict=args.strict,
        panel=tuple(args.panel),
        meeting_date=args.meeting_date,
        library_cache=cache_folder(),
    )
    with _shortlisting(request) as made:
        if made is None:
            return ExitCode.FINDINGS
        gated = _gate_line(made.frame)
        if gated:
            print(gated, file=sys.stderr)
        _write(made, args, renderers)
    frame = made.frame
    if made.record is not None:
        from speccheck.core.atomic import write_atomic
        from speccheck.shortlist import record as records

        write_atomic(args.record, records.render(made.record))
    if args.output:
        counts = ", ".join(f"{n} {d}" for d, n in frame.decisions.items())
        written = ", ".join(str(p) for p in args.output)
        print(f"speccheck: {len(made.standings)} candidates ranked ({counts}); wrote {written}", file=sys.stderr)
    for finding in frame.findings:
        if finding.severity is Severity.ERROR:
            print(_line(finding), file=sys.stderr)
    return exit_code(frame, Severity.ERROR)


def _write(made: Shortlisted, args: argparse.Namespace, renderers: list[Renderer]) -> None:
    """Every output, each candidate written as it comes: the files (whole, or not at all, when the run ends),
    or standard output."""
    from speccheck.core.atomic import AtomicFile

    outputs: list[ShortlistStream] = []
    with ExitStack() as files:
        for path, renderer in zip(args.output, renderers, strict=True):
            out = files.enter_context(AtomicFile(path))
            outputs.append(renderer.stream(out.write, color=False, details=args.details))
        if not args.output:
            from speccheck.report import RENDERERS

            options = {"color": use_color(args.color), "width": width(), "details": args.details}
            outputs.append(RENDERERS[args.format].stream(write_stdout, **options))
        made.write(outputs)


def _line(finding: Finding) -> str:
    """A finding on one line; a workbook's cell as a spreadsheet names it ('J Okafor'!C7)."""
    position = finding.position
    if position is not None and str(position) != f"{position.path}:{position.line}:{position.col}":
        return f"{position}: {finding.severity.value} [{finding.rule_id}] {finding.message}"
    return plain(finding)


def _gate_line(report: ShortlistReport) -> str | None:
    """One line on standard error when the role's audit found problems or left criteria out."""
    if not report.audit and not any(c.left_out for c in report.criteria):
        return None
    errors = sum(1 for f in report.audit if f.severity is Severity.ERROR)
    warnings = len(report.audit) - errors
    left_out = [c.id for c in report.criteria if c.left_out]
    line = f"speccheck: the role's audit found {errors} error(s) and {warnings} warning(s)"
    if left_out:
        line += f"; left out of the decisions: {', '.join(left_out)}"
    return line + " (speccheck audit ROLE for the detail)"


def _refuse_inputs_as_outputs(args: argparse.Namespace) -> None:
    outputs = [*args.output, *([args.record] if args.record is not None else [])]
    refuse_overwriting_inputs(outputs, given_inputs(args))


def _check_outputs(outputs: list[Path]) -> list[Renderer]:
    from speccheck.report import for_suffix, suffixes

    renderers: list[Renderer] = []
    for path in outputs:
        renderer = for_suffix(path.suffix, "shortlist")
        if renderer is None:
            raise SpeccheckError(
                f'cannot tell the format of "{path}" from its suffix',
                hint="use one of " + ", ".join(suffixes("shortlist")),
            )
        renderers.append(renderer)
    return renderers


@contextmanager
def _progress(total: int) -> Iterator[Advance | None]:
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


@contextmanager
def _shortlisting(request: ShortlistRequest) -> Iterator[Shortlisted | None]:
    """The ranked shortlist, with a progress bar on a terminal, its outputs still to write; None, with the
    problems on stderr, if the role cannot be used or ``--strict`` refuses it."""
    from speccheck.shortlist.run import Refused, shortlisting

    with shortlisting(request, library(list(request.rules)), progress=_progress) as (made, problems):
        for finding in problems:
            print(plain(finding), file=sys.stderr)
        if isinstance(made, Refused):
            for finding in made.findings:
                print(plain(finding), file=sys.stderr)
            print(
                f"speccheck: --strict: the role's audit found {len(made.findings)} error(s); no shortlist was made. "
                "Correct the role (speccheck audit ROLE), or shortlist without --strict: the criteria the audit "
                "questions are then left out of the decisions.",
                file=sys.stderr,
            )
            made = None
        yield made


def new_blind_key() -> str | None:
    """A new secret for this run's candidate codes (tests/cli replaces it, to compare outputs with golden files)."""
    return secrets.token_hex(16)


def _read_record(path: Path) -> Record:
    """A decision record, or a usage error saying why it cannot be used."""
    from speccheck.files.loader import read_text
    from speccheck.shortlist import record as records

    text, problems = read_text(path, str(path))
    if text is not None:
        old, problems = records.read_record(text, str(path))
        if old is not None:
            return old
    first = problems[0]
    raise SpeccheckError(first.message, where=str(first.position or path), hint=first.fix)


def _verify(args: argparse.Namespace) -> int:
    from speccheck.shortlist import record as records

    old = _read_record(args.verify)
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
    from speccheck.shortlist.run import ShortlistRequest

    request = ShortlistRequest(
        role=args.role or Path(given.role),
        candidates=tuple(candidates),
        scores=tuple(args.scores or [Path(p) for p in given.scores]),
        moderated=tuple(args.moderated or [Path(p) for p in given.moderated]),
        rules=tuple(args.rules or [Path(p) for p in given.rules]),
        # the date comes back the way it was chosen, so the report (and its sha256) is the same
        as_of=given.as_of if given.as_of_from == "given" else None,
        today=given.as_of if given.as_of_from == "today" else dt.date.today(),
        anonymise=given.anonymise,
        blind_key=old.blind_key,
        jobs=args.jobs,
        panel=tuple(given.panel),
        meeting_date=given.meeting_date,
        library_cache=cache_folder(),
    )
    with _shortlisting(request) as made:
        if made is None:
            return ExitCode.FINDINGS
        made.write([])  # nothing to write: the pass makes the record, whose result is compared whole
    assert made.record is not None  # a request makes its record unless told not to
    differences = records.differences(old, made.record)
    if not differences:
        print(
            f"identical: {len(made.standings)} candidates, same inputs, same shortlist (sha256 {old.result_sha256[:12]}...)"
        )
        return ExitCode.OK
    print(f"differs from {args.verify}:")
    for line in differences:
        print(f"  {line}")
    return ExitCode.FINDINGS
