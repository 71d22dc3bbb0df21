"""speccheck lint PATH...: load, condition and audit findings for CI and pre-commit, with exit codes by severity."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import (
    add_common,
    add_config,
    emit,
    exit_code,
    library,
    lint_config,
    lint_profile,
    parse_date,
    require_inputs,
)
from speccheck.core.errors import ExitCode

if TYPE_CHECKING:
    from speccheck.cli.common import Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "lint",
        help="validate spec files for CI and pre-commit: load, condition and audit findings",
        description="Lint role, candidate and rule files. Exit codes: 0 nothing at or above --fail-on, "
        "1 findings at or above it, 2 usage or configuration error, 3 internal error.",
    )
    parser.add_argument("paths", type=Path, nargs="+", help="files or folders (searched recursively)")
    parser.add_argument(
        "--base-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="show paths relative to this folder (default: the working folder)",
    )
    add_common(parser, fail_on=True, default_format=None, fail_on_default=None)
    parser.add_argument(
        "--show-suppressed",
        action="store_true",
        help="list each suppressed finding with what suppressed it (text, JUnit); by default they are counted",
    )
    add_config(parser)
    parser.add_argument(
        "--profile",
        metavar="NAME|PATH",
        help="audit profile: default, strict, one in a rule folder's profiles/, or a file (default: the configuration's, else default)",
    )
    parser.add_argument(
        "--as-of", type=parse_date, metavar="YYYY-MM-DD", help="judge waiver expiry as at this day (default: today)"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: one per CPU for large runs)",
    )


def run(args: argparse.Namespace) -> int:
    from speccheck.core.findings import Severity
    from speccheck.lint.run import lint

    if args.format is None:
        args.format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    require_inputs(args.paths)
    base_dir = args.base_dir or Path.cwd()
    config = lint_config(args, base_dir=base_dir)
    folders = [*args.rules, *config.rule_folders]
    rules = library(folders)
    report = lint(
        args.paths,
        rules,
        base_dir=base_dir,
        config=config,
        profile=lint_profile(config, rules, folders),
        as_of=args.as_of or dt.date.today(),
        fail_on=Severity(args.fail_on) if args.fail_on else None,
        workers=args.jobs,
    )
    if not report.files and not report.findings:
        # Files were found, and the configuration's exclude: left out every one (a pre-commit run on excluded
        # files): say so, and pass, as ruff does.
        print("speccheck: nothing to check: the configuration excludes every file given, or is it", file=sys.stderr)
        return ExitCode.OK
    emit(report, args, rules=rules, inputs=[config.path, config.baseline, *config.rule_folders])
    return exit_code(report, report.summary.fail_on)  # --fail-on, else the configuration's, else error
