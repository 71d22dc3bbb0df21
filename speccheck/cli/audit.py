"""speccheck audit ROLE...: statutory duty coverage and audit findings for role definitions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from speccheck.cli.common import add_common, emit, fails, library, parse_date
from speccheck.errors import ExitCode


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("audit", help="audit role definitions: statutory duties, safer recruitment, equality, clarity")
    parser.add_argument("roles", type=Path, nargs="+", help="role files or folders")
    parser.add_argument("--as-of", type=parse_date, help="judge guidance as in force on this day (default: each role's issued date)")
    add_common(parser, fail_on=True)


def run(args: argparse.Namespace) -> int:
    from speccheck.audit import audit
    from speccheck.loader import discover, load_as
    from speccheck.models import Role

    rules = library(args.rules)
    paths, missing = discover(args.roles)
    report = audit([load_as(path, Role) for path in paths], rules, as_of=args.as_of)
    if missing:
        report = report.model_copy(update={"findings": report.findings + missing})
    emit(report, args)
    everything = report.findings + [f for role in report.roles for f in role.findings]
    return ExitCode.FINDINGS if fails(everything, args.fail_on) else ExitCode.OK
