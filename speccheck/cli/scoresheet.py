"""speccheck scoresheet ROLE CANDIDATES... -o FILE.xlsx: blank panel score sheets, one per panellist, with
drop-down scores on the role's scale; ``shortlist --scores FILE.xlsx`` reads them back."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import given_inputs, library, parse_date, plain, refuse_overwriting_inputs
from speccheck.core.errors import ExitCode, SpeccheckError

if TYPE_CHECKING:
    from speccheck.cli.common import Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "scoresheet",
        help="write blank panel score sheets (.xlsx), one sheet per panellist",
        description=(
            "Write a workbook with one score sheet per panellist: a row per candidate, a drop-down score on the "
            "role's scale for each criterion judged at shortlisting, a conflict of interest column and notes. "
            "Give the filled-in file back to speccheck shortlist --scores."
        ),
    )
    parser.add_argument("role", type=Path, help="role file")
    parser.add_argument(
        "candidates",
        type=Path,
        nargs="+",
        help="candidate files, folders, or an applicants CSV (one row per application)",
    )
    parser.add_argument(
        "--panellist",
        action="append",
        default=[],
        metavar="NAME",
        help="a panellist: one sheet each (repeatable; none: one sheet with the name left to fill in)",
    )
    parser.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.xlsx", help="the workbook to write")
    parser.add_argument(
        "--anonymise",
        "--anonymize",
        action="store_true",
        help="blind mode: candidates appear as the codes the blind shortlist gives them",
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


def run(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".xlsx":
        raise SpeccheckError(f'a score sheet is an Excel workbook: "{args.output}" does not end in .xlsx')
    from speccheck.core.atomic import write_atomic
    from speccheck.report import scoresheet_xlsx
    from speccheck.shortlist.run import Refused, ShortlistRequest, make_shortlist

    refuse_overwriting_inputs([args.output], given_inputs(args))  # before anything is read or written

    made, problems = make_shortlist(
        ShortlistRequest(
            role=args.role,
            candidates=tuple(args.candidates),
            rules=tuple(args.rules),
            as_of=args.as_of,
            today=dt.date.today(),
            anonymise=args.anonymise,
            record=False,
            panel=tuple(args.panellist),
        ),
        library(list(args.rules)),
    )
    for finding in problems:
        print(plain(finding), file=sys.stderr)
    if made is None or isinstance(made, Refused):
        return ExitCode.FINDINGS
    report = made.report
    write_atomic(args.output, scoresheet_xlsx.render(report))
    scored = [c.id for c in report.criteria if c.application_stage and c.left_out is None]
    left_out = [c.id for c in report.criteria if c.left_out is not None]
    sheets = len(args.panellist) or 1
    print(
        f"speccheck: wrote {args.output}: {sheets} sheet(s), {len(report.candidates)} candidates x "
        f"{len(scored)} criteria" + (f"; left out by the role's audit: {', '.join(left_out)}" if left_out else ""),
        file=sys.stderr,
    )
    for finding in report.findings:
        print(plain(finding), file=sys.stderr)
    return ExitCode.FINDINGS if report.findings else ExitCode.OK
