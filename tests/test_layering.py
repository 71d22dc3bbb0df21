"""The import arrows of STYLE.md: only engine imports durable_rules; only CLI and terminal import rich."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "speccheck"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def _modules() -> dict[str, set[str]]:
    return {p.relative_to(PACKAGE).as_posix(): _imports(p) for p in PACKAGE.rglob("*.py")}


def test_only_engine_imports_durable_rules() -> None:
    users = {name for name, imports in _modules().items() if imports & {"durable", "durable_rules_engine"}}
    assert users == {"conditions/engine.py"}


def test_only_cli_and_terminal_renderer_import_rich() -> None:
    users = {name for name, imports in _modules().items() if "rich" in imports}
    assert all(name.startswith("cli/") or name.startswith("report/terminal") for name in users), users


def test_only_cli_reads_argv_and_environment() -> None:
    for path in PACKAGE.rglob("*.py"):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        text = path.read_text()
        assert "sys.argv" not in text and "os.environ" not in text, path


def test_library_code_never_prints_or_exits() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__main__.py" or "cli" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("print", "exit"), f"{path}:{node.lineno}"
            if isinstance(node, ast.Attribute) and node.attr in ("exit", "today", "now"):
                value = node.value
                assert not (isinstance(value, ast.Name) and value.id in ("sys", "date", "datetime")), (
                    f"{path}:{node.lineno}"
                )


def test_compiler_is_pure() -> None:
    imports = _imports(PACKAGE / "conditions" / "compiler.py")
    assert not imports & {"durable", "durable_rules_engine", "os", "pathlib", "io"}
