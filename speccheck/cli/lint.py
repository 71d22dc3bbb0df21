"""speccheck lint PATH...: load, condition and audit findings for CI, with exit codes by severity."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from speccheck.cli.common import add_common, emit, fails, library
from speccheck.errors import ExitCode


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("lint", help="validate spec files for CI: load, condition and audit findings")
    parser.add_argument("paths", type=Path, nargs="+", help="files or folders (searched recursively)")
    parser.add_argument("--base-dir", type=Path, default=None, help="show paths relative to this folder (default: the working folder)")
    add_common(parser, fail_on=True)


def run(args: argparse.Namespace) -> int:
    from speccheck.lint import lint

    rules = library(args.rules)
    report = lint(args.paths, rules, base_dir=args.base_dir or Path.cwd())
    emit(report, args)
    return ExitCode.FINDINGS if fails(report.findings, args.fail_on) else ExitCode.OK
