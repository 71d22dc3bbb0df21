"""Command line: arguments, files, formats and exit codes. The only place that prints or exits.

One module per command, each with ``add_parser(subparsers)`` and ``run(args) -> int``;
``COMMANDS`` lists them in the order ``--help`` shows.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence

from speccheck import __version__
from speccheck.core.errors import ExitCode, SpeccheckError

COMMANDS = ("evaluate", "shortlist", "scoresheet", "audit", "lint", "import", "rules", "baseline", "schema", "demo")
MODULES = {"import": "importing"}  # a command whose module name differs (import is a Python keyword)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speccheck",
        description="Check school leadership person specifications, role definitions and applications.",
        epilog="exit codes: 0 clean, 1 findings (or files that could not be checked), 2 usage, 3 internal error",
    )
    parser.add_argument("--version", action="version", version=f"speccheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"speccheck.cli.{MODULES.get(name, name)}").add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run speccheck; return the exit code."""
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
            return int(exc.code or 0)
        if args.command is None:
            parser.print_help(sys.stderr)
            return ExitCode.USAGE
        return int(importlib.import_module(f"speccheck.cli.{MODULES.get(args.command, args.command)}").run(args))
    except SpeccheckError as exc:
        print(f"speccheck: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("speccheck: interrupted", file=sys.stderr)
        return ExitCode.INTERNAL
    except BrokenPipeError:
        return ExitCode.OK
    except Exception:
        print("speccheck: internal error (this is a bug; please report it with the input files):", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return ExitCode.INTERNAL
