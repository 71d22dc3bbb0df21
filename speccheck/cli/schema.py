"""speccheck schema export [FOLDER]: write the JSON Schemas of the file formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.core.errors import ExitCode

if TYPE_CHECKING:
    from speccheck.cli.common import Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("schema", help="JSON Schemas of the file formats")
    actions = parser.add_subparsers(dest="schema_command", metavar="ACTION")
    export = actions.add_parser("export", help="write the JSON Schemas into a folder")
    export.add_argument(
        "folder", type=Path, nargs="?", default=Path("schemas"), help="target folder (default: ./schemas)"
    )


def run(args: argparse.Namespace) -> int:
    from speccheck.results.schemas import export

    if args.schema_command != "export":
        print("speccheck schema: say what to do: speccheck schema export [FOLDER]", file=sys.stderr)
        return ExitCode.USAGE
    for path in export(args.folder):
        print(path)
    return ExitCode.OK
