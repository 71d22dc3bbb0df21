"""Helpers shared by the commands: options, colour, emitting reports, loading the rule library."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

from speccheck.errors import SpeccheckError
from speccheck.findings import Finding, Severity


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date; use YYYY-MM-DD') from None


def formats() -> list[str]:
    from speccheck.report import RENDERERS

    return sorted(RENDERERS)


def add_common(parser: argparse.ArgumentParser, *, fail_on: bool) -> None:
    """--format, --output, --rules, --color, and --fail-on where findings decide the exit code."""
    parser.add_argument("--format", "-f", choices=formats(), default="text", help="output format (default: text)")
    parser.add_argument("--output", "-o", type=Path, help="write the report to this file instead of standard output")
    parser.add_argument("--rules", action="append", type=Path, default=[], metavar="DIR", help="an extra rule folder (repeatable)")
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")
    if fail_on:
        parser.add_argument(
            "--fail-on",
            choices=[s.value for s in Severity],
            default="error",
            help="exit 1 when there are findings at or above this severity (default: error)",
        )


def use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def width() -> int:
    try:
        return max(80, min(160, os.get_terminal_size().columns))
    except OSError:
        return 120


def emit(report: Any, args: argparse.Namespace) -> None:
    """Render the report in the chosen format to --output (whole or not at all) or standard output."""
    from speccheck.atomic import write_atomic
    from speccheck.report import RENDERERS

    output = getattr(args, "output", None)
    color = output is None and use_color(getattr(args, "color", "never"))
    text = RENDERERS[args.format](report, color=color, width=width())
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def plain(finding: Finding) -> str:
    where = f"{finding.position}: " if finding.position else ""
    return f"{where}{finding.severity.value} [{finding.rule_id}] {finding.message}"


def library(folders: list[Path]) -> Any:
    """The bundled rules plus ``folders``; a folder with errors is a usage error, shown on stderr."""
    from speccheck.audit import check_findings
    from speccheck.catalogue import load_library

    loaded = load_library(folders)
    problems = loaded.findings + check_findings(loaded)
    if any(f.severity is Severity.ERROR for f in problems):
        for finding in problems:
            print(plain(finding), file=sys.stderr)
        raise SpeccheckError("the rule folders have errors; fix them first", hint="speccheck lint DIR shows them")
    return loaded


def fails(findings: list[Finding], threshold: str) -> bool:
    rank = Severity(threshold).rank
    return any(f.severity.rank >= rank for f in findings)
