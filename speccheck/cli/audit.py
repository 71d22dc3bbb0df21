"""speccheck audit ROLE...: duty and standards coverage and audit findings for role definitions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import add_common, emit, exit_code, library, parse_date, require_inputs
from speccheck.core.findings import Severity

if TYPE_CHECKING:
    from speccheck.cli.common import Commands


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "audit",
        help="audit role definitions: statutory duties, standards, safer recruitment, equality, clarity, currency",
    )
    parser.add_argument("roles", type=Path, nargs="+", help="role files or folders")
    parser.add_argument(
        "--as-of",
        type=parse_date,
        help="judge every role under the guidance in force on this day (default: each role's issued date)",
    )
    parser.add_argument(
        "--profile",
        default="default",
        metavar="NAME|PATH",
        help="severity overrides and disabled rules: a profile name (default, strict, or one in a --rules DIR's profiles/) or a file",
    )
    add_common(parser, fail_on=True)


def run(args: argparse.Namespace) -> int:
    from speccheck.audit.run import audit
    from speccheck.files.loader import discover
    from speccheck.files.role import Role
    from speccheck.importing.run import load_path
    from speccheck.library.profiles import load_checked_profile

    rules = library(args.rules)
    profile = load_checked_profile(args.profile, rule_folders=args.rules, known=rules.rule_ids())
    paths, missing = discover(args.roles, documents=True)
    require_inputs(args.roles, paths, missing)
    roles = [load_path(path, Role, rules) for path in paths]
    report = audit(roles, rules, as_of=args.as_of, profile=profile, extra_findings=missing)
    emit(report, args, rules=rules)
    return exit_code(report, Severity(args.fail_on))
