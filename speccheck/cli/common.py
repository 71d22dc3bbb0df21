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
from urllib.parse import urlsplit

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
        help="FORMAT=PATH also writes that format to PATH (repeatable); a bare PATH writes --format there instead of "
        "standard output. Files are created readable by you only (mode 0600): reports can hold personal data",
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


def on_terminal() -> bool:
    """Whether standard output is a terminal (a person reading), rather than a pipe, a file or a CI log."""
    return sys.stdout.isatty()


def use_color(choice: str) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return on_terminal()


PIPED_WIDTH = 80  # text that is not on a terminal (a pipe, a file, a CI log) is laid out for 80 columns
MIN_WIDTH = 40


def width() -> int:
    """Columns for text on standard output: COLUMNS when set, else the terminal's width, else 80 when piped."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    if not on_terminal():
        return PIPED_WIDTH
    try:
        return max(MIN_WIDTH, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError):
        return PIPED_WIDTH


CACHE_VARIABLE = "SPECCHECK_CACHE_DIR"
NO_CACHE_VARIABLE = "SPECCHECK_NO_CACHE"


def cache_folder() -> Path | None:
    """Where the compiled rule library is kept between runs (``speccheck.library.cache``), or None for nowhere.

    SPECCHECK_CACHE_DIR when set; else ``$XDG_CACHE_HOME/speccheck`` when XDG_CACHE_HOME is an absolute path
    (the XDG rule); else ``~/.cache/speccheck``. SPECCHECK_NO_CACHE set to anything but empty, 0, false or no
    turns the cache off, as does a home folder that cannot be found.
    """
    if os.environ.get(NO_CACHE_VARIABLE, "").strip().lower() not in ("", "0", "false", "no"):
        return None
    given = os.environ.get(CACHE_VARIABLE, "").strip()
    if given:
        return Path(given).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "speccheck"
    try:
        return Path.home() / ".cache" / "speccheck"
    except RuntimeError:  # no home folder (no HOME, and no entry in the password database)
        return None


DOCS_URL_VARIABLE = "SPECCHECK_DOCS_URL"
_GITHUB = re.compile(r"https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?")


def docs_url() -> str | None:
    """The address of speccheck's source tree that SARIF help links are made from (``docs/rules.md#RULE-ID``).

    SPECCHECK_DOCS_URL when set (an absolute http(s) URL); else, when pip installed speccheck from a GitHub
    repository, that repository at the commit installed; else None, and SARIF carries no links.
    """
    given = os.environ.get(DOCS_URL_VARIABLE, "").strip()
    if given:
        parts = urlsplit(given)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise SpeccheckError(
                f'{DOCS_URL_VARIABLE} "{given}" is not an absolute http(s) address of a folder',
                hint="the folder that holds README.md and docs/, e.g. https://github.com/ORG/speccheck/blob/v1.0.0/",
            )
        return given if given.endswith("/") else given + "/"
    from importlib import metadata

    try:
        record = metadata.distribution("speccheck").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    return installed_from(record) if record else None


def installed_from(record: str) -> str | None:
    """The source tree a pip direct-URL record (PEP 610) names, when it is a GitHub repository at a commit."""
    import json

    try:
        data = json.loads(record)
    except ValueError:
        return None
    vcs = data.get("vcs_info") if isinstance(data, dict) else None
    match = _GITHUB.fullmatch(str(data.get("url", ""))) if isinstance(vcs, dict) else None
    commit = vcs.get("commit_id") if isinstance(vcs, dict) else None
    if match is None or not isinstance(commit, str) or not re.fullmatch(r"[0-9a-f]{7,64}", commit):
        return None
    return f"https://github.com/{match['owner']}/{match['repo']}/blob/{commit}/"


_NOT_INPUTS = frozenset({"output", "output_dir", "record", "base_dir"})  # written, or only where paths are shown from


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
    from speccheck.documents import SEARCHED_SUFFIXES
    from speccheck.files.loader import YAML_SUFFIXES

    read_in_folders = (*YAML_SUFFIXES, ".csv", *SEARCHED_SUFFIXES)  # documents are found in folders too
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
                and target.suffix.lower() in read_in_folders
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


def emit(
    report: Report,
    args: argparse.Namespace,
    *,
    rules: RuleLibrary | None = None,
    inputs: Iterable[Path | None] = (),
) -> None:
    """Render every requested output, then write each file whole (or not at all) and standard output.

    ``--format`` goes to standard output unless a bare ``--output PATH`` redirects it;
    each ``--output FORMAT=PATH`` adds a file in that format. Text on a terminal is the grouped view
    at the terminal's width; text anywhere else (a pipe, a file, a CI log) is laid out for 80 columns,
    and lint's is one line a finding. ``rules`` is the library the report was made with (SARIF links
    its bundled rules to their documentation); ``inputs`` are paths read besides those the arguments name (an
    output that would replace any input is refused).
    """
    from speccheck.core.atomic import write_atomic
    from speccheck.report import RENDERERS

    specs: list[tuple[str | None, Path]] = list(getattr(args, "output", None) or [])
    refuse_overwriting_inputs([path for _, path in specs], given_inputs(args, inputs))
    names = {name or args.format for name, _ in specs} | {args.format}
    options: dict[str, object] = {
        "details": bool(getattr(args, "details", False)),
        "show_suppressed": bool(getattr(args, "show_suppressed", False)),
    }
    if "sarif" in names:
        options["docs_url"] = docs_url()
        options["documented"] = documented_rules(rules)

    def render(name: str, *, to_stdout: bool) -> str | bytes:
        terminal = to_stdout and on_terminal()
        color = to_stdout and use_color(getattr(args, "color", "never"))
        shown = width() if to_stdout else PIPED_WIDTH
        return RENDERERS[name](report, color=color, width=shown, terminal=terminal, **options)

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


def documented_rules(rules: RuleLibrary | None) -> frozenset[str]:
    """Ids of the rules docs/rules.md documents: the bundled rule files and the built-in checks (not a --rules pack's)."""
    from speccheck.core.resources import bundled
    from speccheck.results.builtin_rules import BUILTIN_RULES

    ids = {info.id for info in BUILTIN_RULES}
    if rules is not None:
        root = bundled("rules").resolve()
        ids.update(
            rule_id for rule_id, loaded in rules.files.items() if Path(loaded.path).resolve().is_relative_to(root)
        )
    return frozenset(ids)


def write_stdout(data: str | bytes) -> None:
    """Text, or a binary format's bytes, on standard output."""
    if isinstance(data, str):
        sys.stdout.write(data)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(data)


def require_inputs(paths: list[Path], found: list[Path] | None = None, missing: list[Finding] | None = None) -> None:
    """A usage error (exit 2) when ``paths`` hold nothing to check: no file, and no path that is missing (a
    missing path is a finding of the run). ``found`` and ``missing``: the paths already discovered."""
    from speccheck.files.loader import NOTHING_IN_FOLDER, discover

    if found is None or missing is None:
        found, missing = discover(paths, documents=True)
    # an empty folder beside files to check is a finding of the run; only folders that are all empty are a
    # command that names nothing
    if found or any(not f.message.endswith(NOTHING_IN_FOLDER) for f in missing):
        return
    named = ", ".join(str(path) for path in paths)
    raise SpeccheckError(
        f"nothing to check: {named} holds no spec file (.yaml, .yml, .json) or document (.docx, .pdf, .txt, .md)",
        hint="name the files or the folders that hold them (dot-folders are skipped)",
    )


def exit_code(report: Report, fail_on: Severity) -> ExitCode:
    """The one exit rule of every command that makes a report: 1 when it fails at ``fail_on``, else 0."""
    return ExitCode.FINDINGS if report.fails_at(fail_on) else ExitCode.OK


def plain(finding: Finding) -> str:
    from speccheck.report.parsable import line

    return line(finding)


def library(folders: list[Path]) -> RuleLibrary:
    """The bundled rules plus ``folders``; a folder with errors is a usage error, shown on stderr."""
    from speccheck.library.loading import load_library

    loaded = load_library(folders, cache=cache_folder())
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
