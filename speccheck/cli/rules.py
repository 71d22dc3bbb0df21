"""speccheck rules list|show|docs|verify: the rule catalogue for people, and tests for your own rule packs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import add_config, cache_folder, emit, exit_code, lint_config, output_spec
from speccheck.core.errors import ExitCode, SpeccheckError
from speccheck.core.findings import Severity

if TYPE_CHECKING:
    from speccheck.cli.common import Commands
    from speccheck.library.loading import RuleLibrary
    from speccheck.results.rules import RuleInfo

VERIFY_FORMATS = ("text", "json", "junit", "markdown")  # the formats with a view made for verify runs


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("rules", help="list, show and document rules; run the examples of a rule pack")
    actions = parser.add_subparsers(dest="rules_command", metavar="ACTION")

    listing = actions.add_parser("list", help="every rule: id, kind, category, severity, title")
    listing.add_argument(
        "--format", "-f", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    show = actions.add_parser("show", help="one rule: sources, rationale, fix and examples")
    show.add_argument("rule_id", metavar="ID", help="rule id, e.g. fixed-years-experience")
    docs = actions.add_parser("docs", help="the rule catalogue as Markdown")
    what = docs.add_mutually_exclusive_group()
    what.add_argument("--table", action="store_true", help="only the rule table (as in the README)")
    what.add_argument(
        "--facts", action="store_true", help="the facts conditions can test, scope by scope (as in docs/facts.md)"
    )
    docs.add_argument("--output", "-o", type=Path, metavar="PATH", help="write to this file instead of standard output")
    verify = actions.add_parser(
        "verify",
        help="run the pass/fail examples of a rule pack (exit 1 if any fails)",
        description="Run every example of the rules in DIR (default: the configured rule folders, else the bundled rules).",
    )
    verify.add_argument("folders", type=Path, nargs="*", metavar="DIR", help="rule pack folders")
    verify.add_argument("--format", "-f", choices=VERIFY_FORMATS, default="text", help="output format (default: text)")
    verify.add_argument(
        "--output", "-o", action="append", type=output_spec, default=[], metavar="[FORMAT=]PATH", help="as for lint"
    )
    verify.add_argument("--color", choices=["auto", "always", "never"], default="never", help=argparse.SUPPRESS)
    for sub in (listing, show, docs, verify):
        if sub is not verify:
            sub.add_argument(
                "--rules",
                action="append",
                type=Path,
                default=[],
                metavar="DIR",
                help="an extra rule folder (repeatable)",
            )
        add_config(sub)


def _library(folders: list[Path]) -> RuleLibrary:
    """The bundled rules plus ``folders``; problems in them are reported by the command, not raised."""
    from speccheck.library.loading import load_library

    return load_library(folders, cache=cache_folder())


def _folders(args: argparse.Namespace) -> list[Path]:
    config = lint_config(args)
    return [*getattr(args, "rules", []), *config.rule_folders]


def run(args: argparse.Namespace) -> int:
    if args.rules_command is None:
        print("speccheck rules: say what to do: list, show ID, docs or verify [DIR]", file=sys.stderr)
        return ExitCode.USAGE
    if args.rules_command == "verify":
        return _verify(args)
    library = _library(_folders(args))
    return {"list": _list, "show": _show, "docs": _docs}[args.rules_command](args, library)


def _list(args: argparse.Namespace, library: RuleLibrary) -> int:
    from speccheck.rulebook.descriptors import rule_infos

    infos = rule_infos(library, base=Path.cwd())
    if args.format == "json":
        sys.stdout.write(
            json.dumps([info.model_dump(mode="json") for info in infos], indent=2, ensure_ascii=False) + "\n"
        )
    else:
        sys.stdout.write(_list_text(infos))
    return ExitCode.OK


def _show(args: argparse.Namespace, library: RuleLibrary) -> int:
    from speccheck.rulebook.descriptors import examples_of, rule_infos
    from speccheck.rulebook.docs import provenance_legend, rule_section

    match = next((info for info in rule_infos(library, base=Path.cwd()) if info.id == args.rule_id), None)
    if match is None:
        raise SpeccheckError(f'no rule "{args.rule_id}"', hint="speccheck rules list shows every id")
    section = rule_section(match, examples_of(library, match.id))
    sys.stdout.write(section + ("\n" + provenance_legend() + "\n" if match.sources else ""))
    return ExitCode.OK


def _docs(args: argparse.Namespace, library: RuleLibrary) -> int:
    from speccheck.rulebook.descriptors import rule_infos
    from speccheck.rulebook.docs import catalogue_markdown, rules_table

    base = Path.cwd()
    if args.facts:
        from speccheck.facts.reference import facts_reference
        from speccheck.facts.scopes import all_scopes

        text = facts_reference(all_scopes(library.vocabulary, library.derivations))
    elif args.table:
        text = rules_table(rule_infos(library, base=base))
    else:
        text = catalogue_markdown(library, base=base)
    if args.output:
        from speccheck.core.atomic import write_atomic

        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return ExitCode.OK


def _list_text(infos: list[RuleInfo]) -> str:
    rows = [(i.id, i.kind, i.category, i.severity.value if i.severity else "-", i.title) for i in infos]
    widths = [max(len(row[n]) for row in [("rule", "kind", "category", "severity", ""), *rows]) for n in range(4)]
    header = ("rule", "kind", "category", "severity", "title")
    lines = [
        "  ".join(cell.ljust(widths[n]) if n < 4 else cell for n, cell in enumerate(row)).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines) + "\n"


def _verify(args: argparse.Namespace) -> int:
    from speccheck.rulebook.verify import verify_pack

    base = Path.cwd()
    folders: list[Path] | None = list(args.folders) or list(lint_config(args).rule_folders) or None
    for folder in folders or []:
        if not folder.is_dir():
            raise SpeccheckError("no such rule folder", where=str(folder))
    report = verify_pack(_library(folders or []), folders, base=base)
    emit(report, args)
    return exit_code(report, Severity.ERROR)
