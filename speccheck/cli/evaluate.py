"""speccheck evaluate ROLE CANDIDATE...: verdicts per criterion and a decision per candidate."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import add_common, emit, exit_code, library, parse_date, plain, require_inputs
from speccheck.core.errors import ExitCode
from speccheck.core.findings import Severity

if TYPE_CHECKING:
    from speccheck.cli.common import Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("evaluate", help="evaluate applications against a role's person specification")
    parser.add_argument("role", type=Path, help="role file")
    parser.add_argument("candidates", type=Path, nargs="+", help="candidate files or folders")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="judge applications as at this day (default: the role's closing date, else today)",
    )
    parser.add_argument(
        "--details",
        action="store_true",
        help="text: every criterion of every candidate, with its explanation and the evidence quoted "
        "(the default when one candidate is evaluated)",
    )
    add_common(parser, fail_on=False)


def run(args: argparse.Namespace) -> int:
    from speccheck.evaluate.plans import compile_role
    from speccheck.evaluate.verdicts import evaluate
    from speccheck.files.candidate import Candidate
    from speccheck.files.loader import discover
    from speccheck.files.role import Role, application_date
    from speccheck.importing.run import load_path

    paths, missing = discover(args.candidates, documents=True)
    require_inputs(args.candidates, paths, missing)
    rules = library(args.rules)
    role = load_path(args.role, Role, rules)
    if role.model is None:
        for finding in role.findings:
            print(plain(finding), file=sys.stderr)
        return ExitCode.FINDINGS
    compiled, problems = compile_role(role, rules)
    if compiled is None:
        for finding in problems:
            print(plain(finding), file=sys.stderr)
        return ExitCode.FINDINGS
    loaded = [load_path(path, Candidate, rules) for path in paths]
    as_of, as_of_from = application_date(role.model, args.as_of, dt.date.today())
    report = evaluate(compiled, loaded, as_of, as_of_from=as_of_from, extra_findings=missing)
    emit(report, args, rules=rules)
    return exit_code(report, Severity.ERROR)  # a file that could not be evaluated is an error
