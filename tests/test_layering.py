"""The shape of the house, checked on the code's syntax trees (never by text search).

Every module is assigned to a layer in ``MODULES``; a module missing from the
table, or a table entry with no module, fails. A module imports speccheck
modules only from its own layer or from layers below it. Only the engine
adapter imports durable_rules; only the CLI and the terminal renderers import
rich; only the CLI reads the clock, the environment or ``sys.argv``, prints,
writes to the standard streams or exits. Each check is also run on a small
made-up module that breaks it, so a check that can no longer fail is caught.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "speccheck"

# Bottom to top. Layers on one line share a rank: neither may import the other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("documents",),  # Word, PDF and text read into blocks: needs only core
    ("conditions",),
    ("files",),
    ("results",),
    ("report",),  # pure renderers: they read reports (results) and nothing that makes them
    ("text",),
    ("facts",),
    ("library",),
    ("importing",),  # documents -> role and candidate files (the rule library's words and proposals)
    ("evaluate",),
    ("audit",),
    ("rulebook",),
    ("lint", "shortlist"),
    ("cli",),
)
RANK = {layer: rank for rank, layers in enumerate(LAYERS) for layer in layers}

# Every module of the package and its layer. A new module gets a line here: decide where it lives.
MODULES: dict[str, str] = {
    "__init__.py": "core",
    "__main__.py": "cli",
}
MODULES_BY_PACKAGE: dict[str, tuple[str, ...]] = {
    "core": (
        "__init__.py",
        "atomic.py",
        "controls.py",
        "csvrows.py",
        "errors.py",
        "findings.py",
        "literals.py",
        "model.py",
        "patterns.py",
        "processes.py",
        "reading.py",
        "resources.py",
        "tomlpos.py",
        "yamlpos.py",
    ),
    "documents": (
        "__init__.py",
        "docx.py",
        "guards.py",
        "model.py",
        "pdf.py",
        "read.py",
        "text.py",
    ),
    "importing": (
        "__init__.py",
        "candidate_build.py",
        "candidate_reader.py",
        "dates.py",
        "drafts.py",
        "found.py",
        "items.py",
        "keys.py",
        "proposals.py",
        "role_build.py",
        "role_reader.py",
        "run.py",
        "spec_tables.py",
        "words.py",
        "writer.py",
    ),
    "conditions": (
        "__init__.py",
        "ast.py",
        "compiler.py",
        "describe.py",
        "engine.py",
        "operators.py",
        "typecheck.py",
    ),
    "files": (
        "__init__.py",
        "candidate.py",
        "config.py",
        "document_words.py",
        "kinds.py",
        "loader.py",
        "recruitment.py",
        "role.py",
        "rules.py",
        "scores.py",
    ),
    "results": (
        "__init__.py",
        "audit.py",
        "builtin_rules.py",
        "citations.py",
        "evaluation.py",
        "lint.py",
        "report.py",
        "rules.py",
        "schemas.py",
        "shortlist.py",
        "verify.py",
    ),
    "text": (
        "__init__.py",
        "fold.py",
        "reading.py",
        "retrieval.py",
        "scope.py",
        "similarity.py",
        "spacing.py",
        "stems.py",
        "tokens.py",
        "variants.py",
    ),
    "facts": (
        "__init__.py",
        "advert.py",
        "candidate.py",
        "employment.py",
        "fact.py",
        "recent.py",
        "reference.py",
        "role.py",
        "role_subjects.py",
        "scopes.py",
        "values.py",
    ),
    "library": (
        "__init__.py",
        "cache.py",
        "loading.py",
        "profiles.py",
        "programs.py",
    ),
    "evaluate": (
        "__init__.py",
        "decision.py",
        "evidence.py",
        "explain.py",
        "features.py",
        "places.py",
        "plans.py",
        "verdicts.py",
    ),
    "audit": (
        "__init__.py",
        "applies.py",
        "checks.py",
        "coverage.py",
        "duties.py",
        "run.py",
        "terms.py",
    ),
    "rulebook": (
        "__init__.py",
        "descriptors.py",
        "docs.py",
        "verify.py",
    ),
    "lint": (
        "__init__.py",
        "baseline.py",
        "config.py",
        "run.py",
        "suppress.py",
    ),
    "shortlist": (
        "__init__.py",
        "admit.py",
        "agreement.py",
        "applicants.py",
        "batch.py",
        "blind.py",
        "candidate.py",
        "entries.py",
        "gate.py",
        "panel.py",
        "ranking.py",
        "record.py",
        "redact.py",
        "run.py",
        "scores.py",
        "sheets.py",
        "sheets_csv.py",
        "sheets_xlsx.py",
        "sheets_yaml.py",
        "spool.py",
        "stream.py",
        "workers.py",
    ),
    "report": (
        "__init__.py",
        "audit_words.py",
        "contents.py",
        "github.py",
        "json_report.py",
        "junit.py",
        "markdown.py",
        "parsable.py",
        "sarif.py",
        "scoresheet_xlsx.py",
        "shortlist_csv.py",
        "shortlist_html.py",
        "shortlist_html_candidate.py",
        "shortlist_html_style.py",
        "shortlist_json.py",
        "shortlist_parts.py",
        "shortlist_stream.py",
        "shortlist_xlsx.py",
        "shortlist_xlsx_summary.py",
        "terminal.py",
        "terminal_audit.py",
        "terminal_demo.py",
        "terminal_evaluation.py",
        "terminal_lint.py",
        "terminal_parts.py",
        "terminal_shortlist.py",
        "verify_text.py",
        "xlsx_layout.py",
    ),
    "cli": (
        "__init__.py",
        "audit.py",
        "baseline.py",
        "common.py",
        "demo.py",
        "evaluate.py",
        "importing.py",
        "lint.py",
        "rules.py",
        "schema.py",
        "scoresheet.py",
        "shortlist.py",
    ),
}


def _table() -> dict[str, str]:
    table = dict(MODULES)
    for layer, names in MODULES_BY_PACKAGE.items():
        table.update({f"{layer}/{name}": layer for name in names})
    return table


def _source_modules() -> dict[str, ast.Module]:
    return {p.relative_to(PACKAGE).as_posix(): ast.parse(p.read_text()) for p in sorted(PACKAGE.rglob("*.py"))}


def _imported(tree: ast.Module) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
            found.extend((f"{node.module}.{alias.name}", node.lineno) for alias in node.names)
    return found


def _layer_of(module: str, table: dict[str, str]) -> str | None:
    """The layer of a dotted speccheck module name (``speccheck.core.findings``), or None when it is no module."""
    parts = module.split(".")[1:]
    for candidate in ("/".join(parts) + ".py", "/".join([*parts, "__init__.py"])):
        if candidate in table:
            return table[candidate]
    return None


def layer_violations(path: str, tree: ast.Module, table: dict[str, str]) -> list[str]:
    """Imports of speccheck modules that point up, or sideways to another layer of the same rank."""
    mine = table[path]
    problems = []
    for module, line in _imported(tree):
        if module != "speccheck" and not module.startswith("speccheck."):
            continue
        theirs = _layer_of(module, table)
        if theirs is None or theirs == mine:
            continue
        if RANK[theirs] >= RANK[mine]:
            problems.append(f"{path}:{line}: {mine} imports {module} ({theirs})")
    return problems


def _dotted(node: ast.AST) -> str:
    """``sys.stdout.write`` for an attribute chain, '' for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


CLOCK_CALLS = {"today", "now", "utcnow"}
CLOCK_FUNCTIONS = {"time.time", "time.time_ns", "time.localtime", "time.gmtime", "time.strftime", "time.ctime"}
ENVIRONMENT = {"os.environ", "os.environb", "os.getenv", "os.getenvb", "os.putenv", "os.get_terminal_size", "sys.argv"}
STREAMS = {"sys.stdout", "sys.stderr", "sys.stdin", "sys.exit"}
FORBIDDEN_NAMES = {"print", "exit", "quit", "input", "breakpoint"}
FORBIDDEN_FROM = {
    "os": {"environ", "environb", "getenv", "putenv", "get_terminal_size"},
    "sys": {"argv", "stdout", "stderr", "stdin", "exit"},
}


def world_violations(path: str, tree: ast.Module) -> list[str]:
    """Reads of the clock, the environment or argv, printing, the standard streams and exits."""
    problems = []
    for node in ast.walk(tree):
        where = f"{path}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            if isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_NAMES:
                problems.append(f"{where}: calls {node.func.id}()")
            elif isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_CALLS and not node.args:
                problems.append(f"{where}: reads the clock ({name or node.func.attr}())")
            elif name in CLOCK_FUNCTIONS:
                problems.append(f"{where}: reads the clock ({name}())")
        elif isinstance(node, ast.Attribute):
            name = _dotted(node)
            if name in ENVIRONMENT or name in STREAMS:
                problems.append(f"{where}: uses {name}")
        elif isinstance(node, ast.ImportFrom) and node.module in FORBIDDEN_FROM:
            taken = {alias.name for alias in node.names} & FORBIDDEN_FROM[node.module]
            if taken:
                problems.append(f"{where}: imports {', '.join(sorted(taken))} from {node.module}")
    return problems


def _importers(modules: dict[str, ast.Module], wanted: set[str]) -> set[str]:
    return {path for path, tree in modules.items() if any(name.split(".")[0] in wanted for name, _ in _imported(tree))}


# --------------------------------------------------------------------------- the package


def test_every_module_has_a_layer_and_every_entry_a_module() -> None:
    table = _table()
    modules = set(_source_modules())
    assert not modules - set(table), f"modules without a layer in MODULES: {sorted(modules - set(table))}"
    assert not set(table) - modules, f"MODULES names modules that do not exist: {sorted(set(table) - modules)}"
    assert set(table.values()) <= set(RANK), set(table.values()) - set(RANK)


def test_imports_point_down() -> None:
    table = _table()
    problems = [p for path, tree in _source_modules().items() for p in layer_violations(path, tree, table)]
    assert not problems, "\n".join(problems)


def test_only_the_engine_adapter_imports_durable_rules() -> None:
    assert _importers(_source_modules(), {"durable", "durable_rules_engine"}) == {"conditions/engine.py"}


def test_only_cli_and_terminal_renderers_import_rich() -> None:
    users = _importers(_source_modules(), {"rich"})
    assert users and all(u.startswith(("cli/", "report/terminal")) for u in users), sorted(users)


def test_only_the_cli_touches_the_world() -> None:
    table = _table()
    problems = [
        p for path, tree in _source_modules().items() if table.get(path) != "cli" for p in world_violations(path, tree)
    ]
    assert not problems, "\n".join(problems)


def test_compiler_is_pure() -> None:
    tree = ast.parse((PACKAGE / "conditions" / "compiler.py").read_text())
    roots = {name.split(".")[0] for name, _ in _imported(tree)}
    assert not roots & {"durable", "durable_rules_engine", "os", "pathlib", "io", "subprocess", "socket"}


# --------------------------------------------------------------------------- the checks can fail


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import datetime as dt\ndef f():\n    return dt.date.today()\n", "reads the clock"),
        ("from datetime import datetime\nx = datetime.now()\n", "reads the clock"),
        ("import time\nx = time.time()\n", "reads the clock"),
        ("import os\nx = os.getenv('HOME')\n", "uses os.getenv"),
        ("import os\nx = os.environ['HOME']\n", "uses os.environ"),
        ("from os import environ\n", "imports environ from os"),
        ("import sys\nx = sys.argv[1:]\n", "uses sys.argv"),
        ("import sys\nsys.stdout.write('x')\n", "uses sys.stdout"),
        ("print('x')\n", "calls print()"),
        ("import sys\nsys.exit(1)\n", "uses sys.exit"),
    ],
)
def test_world_check_catches(source: str, expected: str) -> None:
    problems = world_violations("evaluate/verdicts.py", ast.parse(source))
    assert any(expected in p for p in problems), problems


def test_world_check_passes_plain_library_code() -> None:
    source = "import datetime as dt\ndef f(day: dt.date) -> dt.date:\n    return day.replace(day=1)\n"
    assert world_violations("evaluate/verdicts.py", ast.parse(source)) == []


def test_layer_check_catches_a_low_module_importing_the_cli() -> None:
    table = {"conditions/compiler.py": "conditions", "cli/__init__.py": "cli", "cli/lint.py": "cli"}
    for source in (
        "from speccheck.cli import main\n",
        "import speccheck.cli.lint\n",
        "from speccheck.cli.lint import run\n",
    ):
        assert layer_violations("conditions/compiler.py", ast.parse(source), table), source


def test_layer_check_catches_a_sideways_import() -> None:
    table = {"lint/run.py": "lint", "shortlist/batch.py": "shortlist"}
    assert layer_violations("lint/run.py", ast.parse("from speccheck.shortlist.batch import x\n"), table)
