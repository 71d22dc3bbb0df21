"""Command line: arguments, files, formats and exit codes. The only place that prints or exits."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from speccheck import __version__
from speccheck.errors import ExitCode, SpeccheckError
from speccheck.findings import Finding, Severity


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'"{text}" is not a date; use YYYY-MM-DD') from None


def _formats() -> list[str]:
    from speccheck.report import RENDERERS

    return sorted(RENDERERS)


def _common(parser: argparse.ArgumentParser, *, fail_on: bool) -> None:
    parser.add_argument("--format", "-f", choices=_formats(), default="text", help="output format (default: text)")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="speccheck",
        description="Check school leadership person specifications, role definitions and applications.",
        epilog="exit codes: 0 clean, 1 findings (or files that could not be checked), 2 usage, 3 internal error",
    )
    parser.add_argument("--version", action="version", version=f"speccheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    evaluate = commands.add_parser("evaluate", help="evaluate applications against a role's person specification")
    evaluate.add_argument("role", type=Path, help="role file")
    evaluate.add_argument("candidates", type=Path, nargs="+", help="candidate files or folders")
    evaluate.add_argument("--as-of", type=_date, help="judge dates as at this day (default: the role's issued date, else today)")
    _common(evaluate, fail_on=False)

    audit = commands.add_parser("audit", help="audit role definitions: statutory duties, safer recruitment, equality, clarity")
    audit.add_argument("roles", type=Path, nargs="+", help="role files or folders")
    audit.add_argument("--as-of", type=_date, help="judge guidance as in force on this day (default: each role's issued date)")
    _common(audit, fail_on=True)

    lint = commands.add_parser("lint", help="validate spec files for CI: load, condition and audit findings")
    lint.add_argument("paths", type=Path, nargs="+", help="files or folders (searched recursively)")
    lint.add_argument("--base-dir", type=Path, default=None, help="show paths relative to this folder (default: the working folder)")
    _common(lint, fail_on=True)

    schema = commands.add_parser("schema", help="JSON Schemas of the file formats")
    schema_commands = schema.add_subparsers(dest="schema_command", metavar="ACTION")
    export = schema_commands.add_parser("export", help="write the JSON Schemas into a folder")
    export.add_argument("folder", type=Path, nargs="?", default=Path("schemas"), help="target folder (default: ./schemas)")

    demo = commands.add_parser("demo", help="evaluate and audit the bundled samples (no checkout needed)")
    demo.add_argument("--format", "-f", choices=_formats(), default="text", help="output format (default: text)")
    demo.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")
    return parser


def _use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(report: Any, args: argparse.Namespace) -> None:
    from speccheck.atomic import write_atomic
    from speccheck.report import RENDERERS

    color = getattr(args, "output", None) is None and _use_color(args.color)
    text = RENDERERS[args.format](report, color=color, width=_width())
    output = getattr(args, "output", None)
    if output is not None:
        write_atomic(output, text)
    else:
        sys.stdout.write(text)


def _width() -> int:
    try:
        return max(80, min(160, os.get_terminal_size().columns))
    except OSError:
        return 120


def _library(folders: list[Path]) -> Any:
    from speccheck.audit import check_findings
    from speccheck.catalogue import load_library

    library = load_library(folders)
    problems = library.findings + check_findings(library)
    if any(f.severity is Severity.ERROR for f in problems):
        for finding in problems:
            print(_plain(finding), file=sys.stderr)
        raise SpeccheckError("the rule folders have errors; fix them first", hint="speccheck lint DIR shows them")
    return library


def _plain(finding: Finding) -> str:
    where = f"{finding.position}: " if finding.position else ""
    return f"{where}{finding.severity.value} [{finding.rule_id}] {finding.message}"


def _evaluate(args: argparse.Namespace) -> int:
    from speccheck.evaluate import compile_role, evaluate
    from speccheck.loader import discover, load_as
    from speccheck.models import Candidate, Role

    library = _library(args.rules)
    role = load_as(args.role, Role)
    if role.model is None:
        for finding in role.findings:
            print(_plain(finding), file=sys.stderr)
        return ExitCode.FINDINGS
    compiled, problems = compile_role(role, library)
    if compiled is None:
        for finding in problems:
            print(_plain(finding), file=sys.stderr)
        return ExitCode.FINDINGS
    paths, missing = discover(args.candidates)
    loaded = [load_as(path, Candidate) for path in paths]
    as_of = args.as_of or role.model.issued or dt.date.today()
    report = evaluate(compiled, loaded, as_of, extra_findings=missing)
    _emit(report, args)
    return ExitCode.FINDINGS if report.findings else ExitCode.OK


def _fails(findings: list[Finding], threshold: str) -> bool:
    rank = Severity(threshold).rank
    return any(f.severity.rank >= rank for f in findings)


def _audit(args: argparse.Namespace) -> int:
    from speccheck.audit import audit
    from speccheck.loader import discover, load_as
    from speccheck.models import Role

    library = _library(args.rules)
    paths, missing = discover(args.roles)
    report = audit([load_as(path, Role) for path in paths], library, as_of=args.as_of)
    if missing:
        report = report.model_copy(update={"findings": report.findings + missing})
    _emit(report, args)
    everything = report.findings + [f for role in report.roles for f in role.findings]
    return ExitCode.FINDINGS if _fails(everything, args.fail_on) else ExitCode.OK


def _lint(args: argparse.Namespace) -> int:
    from speccheck.lint import lint

    library = _library(args.rules)
    report = lint(args.paths, library, base_dir=args.base_dir or Path.cwd())
    _emit(report, args)
    return ExitCode.FINDINGS if _fails(report.findings, args.fail_on) else ExitCode.OK


def _schema(args: argparse.Namespace) -> int:
    from speccheck.schema import export

    if args.schema_command != "export":
        print("speccheck schema: say what to do: speccheck schema export [FOLDER]", file=sys.stderr)
        return ExitCode.USAGE
    for path in export(args.folder):
        print(path)
    return ExitCode.OK


def _demo(args: argparse.Namespace) -> int:
    from speccheck.audit import audit
    from speccheck.evaluate import compile_role, evaluate
    from speccheck.loader import discover, load_as
    from speccheck.models import Candidate, Role
    from speccheck.resources import bundled

    samples = bundled("samples")
    library = _library([])
    candidates_paths, _ = discover([samples / "candidates"])
    role_paths = sorted((samples / "roles").glob("*.yaml"))
    args.output = None
    for role_path in role_paths:
        role = load_as(role_path, Role, shown=f"samples/roles/{role_path.name}")
        compiled, problems = compile_role(role, library)
        if compiled is None:
            for finding in role.findings + problems:
                print(_plain(finding), file=sys.stderr)
            return ExitCode.INTERNAL
        loaded = [load_as(p, Candidate, shown=f"samples/candidates/{p.name}") for p in candidates_paths]
        as_of = role.model.issued or dt.date.today()  # type: ignore[union-attr]
        _emit(evaluate(compiled, loaded, as_of), args)
    roles = [load_as(p, Role, shown=f"samples/roles/{p.name}") for p in role_paths]
    _emit(audit(roles, library), args)
    return ExitCode.OK


COMMANDS = {
    "evaluate": _evaluate,
    "audit": _audit,
    "lint": _lint,
    "schema": _schema,
    "demo": _demo,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run speccheck; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    try:
        return int(COMMANDS[args.command](args))
    except SpeccheckError as exc:
        print(f"speccheck: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("speccheck: interrupted", file=sys.stderr)
        return ExitCode.INTERNAL
    except BrokenPipeError:
        return ExitCode.OK
    except Exception:  # noqa: BLE001 - last resort: a bug must not look like a verdict
        print("speccheck: internal error (this is a bug; please report it with the input files):", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return ExitCode.INTERNAL
