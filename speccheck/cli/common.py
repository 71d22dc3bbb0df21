"""Helpers shared by the commands: options, colour, emitting reports, the exit code, configuration, the rule library."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.core.errors import ExitCode, SpeccheckError
from speccheck.core.findings import Finding, Severity

if TYPE_CHECKING:
    from speccheck.files.rules import Profile
    from speccheck.library.loading import RuleLibrary
    from speccheck.lint.config import LintConfig
    from speccheck.results.report import Report

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]  # what each command's add_parser is handed


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date; use YYYY-MM-DD') from None


def formats() -> list[str]:
    """The formats of findings reports (evaluate, audit, lint), sorted: the choices of --format."""
    from speccheck.report import FINDINGS_REPORTS, renderers_for

    return sorted(renderers_for(*FINDINGS_REPORTS))


def output_spec(text: str) -> tuple[str | None, Path]:
    """``FORMAT=PATH`` (an extra output in that format) or ``PATH`` (the --format output, instead of stdout)."""
    name, sep, path = text.partition("=")
    if sep and name in formats():
        if not path:
            raise argparse.ArgumentTypeError(f'"{text}" names no file after "="')
        return name, Path(path)
    if sep and re.fullmatch(r"[a-z]+", name):
        raise argparse.ArgumentTypeError(f'unknown format "{name}" in "{text}"; use one of {", ".join(formats())}')
    return None, Path(text)


def add_common(
    parser: argparse.ArgumentParser,
    *,
    fail_on: bool,
    default_format: str | None = "text",
    fail_on_default: str | None = "error",
) -> None:
    """--format, --output, --rules, --color, and --fail-on where findings decide the exit code."""
    shown = default_format or "text; github when GITHUB_ACTIONS is set"
    parser.add_argument(
        "--format", "-f", choices=formats(), default=default_format, help=f"standard output format (default: {shown})"
    )
    parser.add_argument(
        "--output",
        "-o",
        action="append",
        type=output_spec,
        default=[],
        metavar="[FORMAT=]PATH",
        help="FORMAT=PATH also writes that format to PATH (repeatable); a bare PATH writes --format there instead of standard output",
    )
    parser.add_argument(
        "--rules", action="append", type=Path, default=[], metavar="DIR", help="an extra rule folder (repeatable)"
    )
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")
    if fail_on:
        parser.add_argument(
            "--fail-on",
            choices=[s.value for s in Severity],
            default=fail_on_default,
            help=f"exit 1 when there are findings at or above this severity (default: {fail_on_default or 'from the configuration, else error'})",
        )


def add_config(parser: argparse.ArgumentParser) -> None:
    """--config / --no-config: which speccheck.yaml (or pyproject.toml) to use."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="configuration file (default: speccheck.yaml or pyproject.toml, searched upward)",
    )
    group.add_argument("--no-config", action="store_true", help="use no configuration file")


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


_NOT_INPUTS = frozenset({"output", "record", "base_dir"})  # written, or only a place paths are shown from


def given_inputs(args: argparse.Namespace, extra: Iterable[Path | None] = ()) -> list[Path]:
    """Every path the command reads that its arguments name (files and folders), and ``extra`` ones."""
    found: list[Path] = [p for p in extra if p is not None]
    for name, value in vars(args).items():
        if name in _NOT_INPUTS:
            continue
        values = value if isinstance(value, list | tuple) else [value]
        found.extend(v for v in values if isinstance(v, Path))
        if name == "profile" and isinstance(value, str):
            found.append(Path(value))
    return found


def refuse_overwriting_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """A usage error when an output would replace an input: the same file (by any path or link), or a file a
    given folder holds and would be read from."""
    from speccheck.files.loader import YAML_SUFFIXES

    sources = [_resolved(p) for p in inputs]
    for output in outputs:
        target = _resolved(output)
        if target is None or not target.exists():
            continue
        for source in sources:
            if source is None:
                continue
            same = target == source or (source.is_file() and os.path.samefile(target, source))
            inside = (
                source.is_dir()
                and target.is_relative_to(source)
                and target.suffix.lower() in (*YAML_SUFFIXES, ".csv")
                and not any(part.startswith(".") for part in target.relative_to(source).parts)
            )
            if same or inside:
                raise SpeccheckError(
                    "this output would overwrite an input file", where=str(output), hint="write it somewhere else"
                )


def _resolved(path: Path) -> Path | None:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def emit(report: Report, args: argparse.Namespace, *, inputs: Iterable[Path | None] = ()) -> None:
    """Render every requested output, then write each file whole (or not at all) and standard output.

    ``--format`` goes to standard output unless a bare ``--output PATH`` redirects it;
    each ``--output FORMAT=PATH`` adds a file in that format.
    """
    from speccheck.core.atomic import write_atomic
    from speccheck.report import RENDERERS

    def render(name: str, *, to_stdout: bool) -> str | bytes:
        color = to_stdout and use_color(getattr(args, "color", "never"))
        return RENDERERS[name](report, color=color, width=width() if to_stdout else 120)

    specs: list[tuple[str | None, Path]] = list(getattr(args, "output", None) or [])
    refuse_overwriting_inputs([path for _, path in specs], given_inputs(args, inputs))
    bare = [path for name, path in specs if name is None]
    if len(bare) > 1:
        raise SpeccheckError(
            "give at most one --output PATH without a format", hint="name the format of the others: --output sarif=PATH"
        )
    stdout = None if bare else render(args.format, to_stdout=True)
    rendered = [(path, render(name or args.format, to_stdout=False)) for name, path in specs]
    for path, data in rendered:
        write_atomic(path, data)
    if stdout is not None:
        write_stdout(stdout)


def write_stdout(data: str | bytes) -> None:
    """Text, or a binary format's bytes, on standard output."""
    if isinstance(data, str):
        sys.stdout.write(data)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)


def exit_code(report: Report, fail_on: Severity) -> ExitCode:
    """The one exit rule of every command that makes a report: 1 when it fails at ``fail_on``, else 0."""
    return ExitCode.FINDINGS if report.fails_at(fail_on) else ExitCode.OK


def plain(finding: Finding) -> str:
    from speccheck.report.parsable import line

    return line(finding)


def library(folders: list[Path]) -> RuleLibrary:
    """The bundled rules plus ``folders``; a folder with errors is a usage error, shown on stderr."""
    from speccheck.library.loading import load_library

    loaded = load_library(folders)
    problems = list(loaded.findings)
    if folders:  # the bundled rules' conditions are checked by the test suite; yours on every run
        from speccheck.audit.checks import check_findings

        problems += check_findings(loaded)
    if any(f.severity is Severity.ERROR for f in problems):
        for finding in problems:
            print(plain(finding), file=sys.stderr)
        raise SpeccheckError("the rule folders have errors; fix them first", hint="speccheck lint DIR shows them")
    return loaded


def lint_config(args: argparse.Namespace, *, base_dir: Path | None = None) -> LintConfig:
    """The configuration for this run: --config, else discovered upward from the working folder; --profile on top."""
    from dataclasses import replace

    from speccheck.lint.config import LintConfig, discover, load
    from speccheck.lint.run import shown_path

    path = None if getattr(args, "no_config", False) else (getattr(args, "config", None) or discover(Path.cwd()))
    if path is not None and not path.is_file():
        raise SpeccheckError("no such configuration file", where=str(path))
    config = load(path, shown=shown_path(path, base_dir)) if path is not None else LintConfig(root=Path.cwd())
    profile = getattr(args, "profile", None)
    if profile:
        config = replace(config, profile=profile, profile_position=None)
    return config


def lint_profile(config: LintConfig, rules: RuleLibrary, folders: list[Path]) -> Profile:
    """The audit profile the configuration (or --profile) names, checked against the loaded rules, as audit does."""
    from speccheck.library.profiles import load_checked_profile

    where = str(config.profile_position) if config.profile_position else None
    return load_checked_profile(config.profile, rule_folders=folders, known=rules.rule_ids(), where=where)
