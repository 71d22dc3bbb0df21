"""speccheck demo: evaluate and audit the bundled samples, from the installed package."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from speccheck.cli.common import emit, formats, library, plain
from speccheck.core.errors import ExitCode

if TYPE_CHECKING:
    from speccheck.cli.common import Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("demo", help="evaluate and audit the bundled samples (no checkout needed)")
    parser.add_argument("--format", "-f", choices=formats(), default="text", help="output format (default: text)")
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")


def run(args: argparse.Namespace) -> int:
    from speccheck.audit.run import audit
    from speccheck.core.resources import bundled
    from speccheck.evaluate.plans import compile_role
    from speccheck.evaluate.verdicts import evaluate
    from speccheck.files.candidate import Candidate
    from speccheck.files.loader import discover, load_as
    from speccheck.files.role import Role, application_date

    samples = bundled("samples")
    rules = library([])
    candidate_paths, _ = discover([samples / "candidates"])
    role_paths = sorted((samples / "roles").glob("*.yaml"))
    args.output = None
    for role_path in role_paths:
        role = load_as(role_path, Role, shown=f"samples/roles/{role_path.name}")
        compiled, problems = compile_role(role, rules)
        if compiled is None or role.model is None:
            for finding in role.findings + problems:
                print(plain(finding), file=sys.stderr)
            return ExitCode.INTERNAL
        loaded = [load_as(p, Candidate, shown=f"samples/candidates/{p.name}") for p in candidate_paths]
        as_of, as_of_from = application_date(role.model, None, dt.date.today())
        emit(evaluate(compiled, loaded, as_of, as_of_from=as_of_from), args)
    roles = [load_as(p, Role, shown=f"samples/roles/{p.name}") for p in role_paths]
    emit(audit(roles, rules), args)
    return ExitCode.OK
