"""Command line: arguments, files, formats and exit codes. The only place that prints or exits.

One module per command, each with ``add_parser(subparsers)`` and ``run(args) -> int``;
``COMMANDS`` lists them in the order ``--help`` shows.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import signal
import sys
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from speccheck import __version__
from speccheck.core.controls import without_controls
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
    if argv is None:  # the program's own command line: the process ends when this run does
        # At exit the collector would walk every object once more (the rule library's among them), which cost
        # about a sixth of a one-file lint; frozen first, they are simply freed. Only at exit: a caller that
        # goes on running keeps its collector as it was.
        atexit.register(gc.freeze)
    with _signals_end_the_run():
        return _main(argv)


@contextmanager
def _signals_end_the_run() -> Iterator[None]:
    """SIGTERM and SIGHUP end the run as an exit does, so temporary files are removed on the way out."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    caught = [s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None]
    before = {s: signal.signal(s, stop) for s in caught}
    try:
        yield
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)


def _main(argv: Sequence[str] | None) -> int:
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
        print(without_controls(f"speccheck: {exc}", lines=False), file=sys.stderr)
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
