"""speccheck demo: the product's story on the bundled samples, from the installed package, in two screens.

HR audits the seed-003 Head of School role; a panel evaluates an Advanced Skills Teacher (seed 002) for an
assistant head post, with an applicant who has no QTS beside her; the panel shortlists the eight sample
applications for the completed Head of School role with three panellists' scores and writes the pack.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from speccheck.cli.common import library, plain, use_color, width
from speccheck.core.errors import ExitCode

if TYPE_CHECKING:
    from speccheck.cli.common import Commands
    from speccheck.library.loading import RuleLibrary
    from speccheck.results.audit import AuditReport
    from speccheck.results.evaluation import EvaluationReport
    from speccheck.results.shortlist import ShortlistReport

AUDITED = "samples/roles/head-of-school.yaml"  # seed 003, as published
EVALUATED = "samples/roles/assistant-head-teaching-learning.yaml"
APPLICANTS = ("samples/candidates/ast-whole-school.yaml", "samples/candidates/no-qts.yaml")  # seed 002, and no QTS
SHORTLISTED = "samples/roles/head-of-school-completed.yaml"
SCORES = "samples/scores/head-of-school"
OUTPUTS = ("shortlist.html", "shortlist.xlsx")
DEFAULT_FOLDER = Path("speccheck-demo")


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser(
        "demo",
        help="the bundled samples end to end: an audit, a fair evaluation, a shortlist pack (no checkout needed)",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="DIR",
        help=f"where the shortlist pack and workbook are written (default: {DEFAULT_FOLDER}/)",
    )
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="colour in text output")


@contextmanager
def _in_samples() -> Iterator[None]:
    """Work from the folder holding the bundled samples, so every output names them samples/... wherever
    speccheck is installed."""
    from speccheck.core.resources import bundled

    before = Path.cwd()
    os.chdir(bundled("samples").parent)
    try:
        yield
    finally:
        os.chdir(before)


def run(args: argparse.Namespace) -> int:
    from speccheck.core.atomic import write_atomic
    from speccheck.report import RENDERERS, terminal_demo

    rules = library([])
    folder = args.output_dir.resolve()
    with _in_samples():
        audit = _audit(rules)
        evaluation = _evaluation(rules)
        shortlist = _shortlist(rules)
    if evaluation is None or shortlist is None:
        return ExitCode.INTERNAL  # the bundled samples always load; the problems are on stderr
    written = []
    for name in OUTPUTS:
        renderer = RENDERERS[name.rsplit(".", 1)[1]]
        write_atomic(folder / name, renderer(shortlist))
        written.append(str(args.output_dir / name))
    sys.stdout.write(
        terminal_demo.render(
            audit=audit,
            audit_command=f"speccheck audit {AUDITED}",
            evaluation=evaluation,
            shortlist=shortlist,
            written=written,
            width=width(),
            color=use_color(args.color),
        )
    )
    return ExitCode.OK


def _audit(rules: RuleLibrary) -> AuditReport:
    from speccheck.audit.run import audit
    from speccheck.files.loader import load_as
    from speccheck.files.role import Role

    return audit([load_as(Path(AUDITED), Role)], rules)


def _evaluation(rules: RuleLibrary) -> EvaluationReport | None:
    from speccheck.evaluate.plans import compile_role
    from speccheck.evaluate.verdicts import evaluate
    from speccheck.files.candidate import Candidate
    from speccheck.files.loader import load_as
    from speccheck.files.role import Role, application_date

    role = load_as(Path(EVALUATED), Role)
    compiled, problems = compile_role(role, rules)
    if compiled is None or role.model is None:
        for finding in role.findings + problems:
            print(plain(finding), file=sys.stderr)
        return None
    loaded = [load_as(Path(path), Candidate) for path in APPLICANTS]
    as_of, as_of_from = application_date(role.model, None, dt.date.today())
    return evaluate(compiled, loaded, as_of, as_of_from=as_of_from)


def _shortlist(rules: RuleLibrary) -> ShortlistReport | None:
    from speccheck.shortlist.run import ShortlistRequest, ShortlistRun, make_shortlist

    sheets = sorted(p for p in Path(SCORES).glob("*.csv") if p.name != "moderation.csv")
    request = ShortlistRequest(
        role=Path(SHORTLISTED),
        candidates=(Path("samples/candidates"),),
        scores=tuple(sheets),
        moderated=(Path(SCORES) / "moderation.csv",),
        today=dt.date.today(),
        record=False,
    )
    made, problems = make_shortlist(request, rules)
    for finding in problems:
        print(plain(finding), file=sys.stderr)
    return made.report if isinstance(made, ShortlistRun) else None  # the demo never asks for --strict
