"""speccheck baseline PATH...: accept today's findings of legacy files as waivers, so only new findings fail."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import (
    add_config,
    given_inputs,
    library,
    lint_config,
    lint_profile,
    parse_date,
    refuse_overwriting_inputs,
    require_inputs,
)
from speccheck.core.errors import ExitCode, SpeccheckError

if TYPE_CHECKING:
    from speccheck.cli.common import Commands

DEFAULT_FILE = "speccheck-baseline.yaml"


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "baseline",
        help="write the current findings of legacy files as waivers (adopt speccheck, fail only on new findings)",
        description="Lint PATH... and write one waiver per file and rule (with the number of findings) to the "
        "configuration's baseline file. Without a configuration file, speccheck.yaml is created to point at it.",
    )
    parser.add_argument("paths", type=Path, nargs="+", help="files or folders (searched recursively)")
    parser.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help=f"baseline file (default: the configured one, else {DEFAULT_FILE})",
    )
    parser.add_argument("--owner", help="who answers for the waivers, e.g. a team or an email address")
    parser.add_argument("--expires", type=parse_date, help="last day the waivers hold (YYYY-MM-DD)")
    parser.add_argument("--reason", help="why the findings are accepted (default: present when speccheck was adopted)")
    parser.add_argument(
        "--profile", metavar="NAME|PATH", help="audit profile, as for lint (default: the configuration's, else default)"
    )
    parser.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="DIR", help="an extra rule folder (repeatable)"
    )
    add_config(parser)


def run(args: argparse.Namespace) -> int:
    from speccheck.core.atomic import write_atomic
    from speccheck.lint.baseline import merge, render, waivers_for
    from speccheck.lint.config import CONFIG_NAMES, PYPROJECT, read_config_text
    from speccheck.lint.run import lint

    require_inputs(args.paths)
    config = lint_config(args)
    root = config.root
    target = args.output or config.baseline or root / DEFAULT_FILE
    if config.baseline is None or target.resolve() != config.baseline.resolve():  # the baseline is rewritten
        refuse_overwriting_inputs([target], given_inputs(args, [config.path, *config.rule_folders]))
    # Shown paths relative to the configuration's folder are exactly the paths waivers match.
    folders = [*args.rules, *config.rule_folders]
    rules = library(folders)
    profile = lint_profile(config, rules, folders)
    report = lint(
        args.paths, rules, base_dir=root, config=config.without_baseline(), profile=profile, as_of=dt.date.today()
    )
    new = waivers_for(report.findings, reason=args.reason, owner=args.owner, expires=args.expires)
    waivers = merge(list(config.baseline_waivers), new, report.files)
    write_atomic(target, render(waivers))
    accepted = sum(w["count"] for w in new)
    print(
        f"speccheck: {target}: {len(new)} waiver(s) accept {accepted} finding(s) in {len(report.files)} file(s)",
        file=sys.stderr,
    )
    if config.baseline is not None and config.baseline.resolve() == target.resolve():
        return ExitCode.OK
    reference = _relative(target, root)
    if config.path is None:
        created = root / CONFIG_NAMES[0]
        write_atomic(created, f"# speccheck configuration (README: Configuration)\nbaseline: {reference}\n")
        print(f"speccheck: wrote {created} pointing at the baseline", file=sys.stderr)
    elif config.path.name != PYPROJECT and _block_mapping(config.path):
        text = read_config_text(config.path, str(config.path))
        write_atomic(config.path, text + ("" if text.endswith("\n") else "\n") + f"baseline: {reference}\n")
        print(f"speccheck: added baseline: {reference} to {config.path}", file=sys.stderr)
    else:
        raise SpeccheckError(
            f"the baseline is written, but {config.path} does not name it",
            hint=f'add baseline = "{reference}" under [tool.speccheck]'
            if config.path.name == PYPROJECT
            else f"add baseline: {reference}",
        )
    return ExitCode.OK


def _relative(target: Path, root: Path) -> str:
    try:
        return target.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return target.resolve().as_posix()


def _block_mapping(path: Path) -> bool:
    """Whether a YAML configuration is a block mapping, so a key can be appended as a line."""
    from speccheck.lint.config import read_config_text

    text = read_config_text(path, str(path))
    first = next((line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), "")
    return not first.lstrip().startswith(("{", "---", "%"))
