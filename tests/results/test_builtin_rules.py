"""The built-in finding ids: one catalogue, documented, and the only ids the code emits besides rule files'."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.library.loading import RuleLibrary, load_library
from speccheck.results.builtin_rules import BUILTIN_RULES

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "speccheck"
GOLDEN = ROOT / "tests" / "golden"
BUILTIN_IDS = {info.id for info in BUILTIN_RULES}


def _literals(node: ast.expr | None) -> set[str]:
    """The string a rule id expression is, or the strings either branch of a conditional is."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _literals(node.body) | _literals(node.orelse)
    return set()


def _rule_id_parameters(tree: ast.Module) -> dict[str, int]:
    """Functions of the module taking a ``rule_id`` parameter, with its position (``_finding``, ``_meta``)."""
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = [arg.arg for arg in [*node.args.posonlyargs, *node.args.args]]
            if "rule_id" in names:
                found[node.name] = names.index("rule_id")
    return found


def _defaults(arguments: ast.arguments) -> set[str]:
    """Literal defaults of parameters named ``rule_id``."""
    positional = [*arguments.posonlyargs, *arguments.args]
    pairs = list(zip(positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True))
    pairs += [(arg, default) for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]
    return {text for arg, default in pairs if arg.arg == "rule_id" for text in _literals(default)}


def emitted_ids(source: str, helpers: dict[str, int] | None = None) -> set[str]:
    """Every string literal a module gives as a finding's rule id.

    An id is emitted as a ``rule_id=`` keyword (a ``Finding``, a ``YamlProblem``),
    a ``"rule_id"`` key (a finding copied with ``model_copy(update=...)``), the
    default of a ``rule_id`` field or parameter, or the ``rule_id`` argument of
    a helper function taking a ``rule_id`` parameter (``sheet_finding("score-duplicate", ...)``),
    the module's own or one of ``helpers`` (name -> position of ``rule_id``, from other modules).
    """
    tree = ast.parse(source)
    helpers = {**(helpers or {}), **_rule_id_parameters(tree)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "rule_id":
            found |= _literals(node.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if _literals(key) == {"rule_id"}:
                    found |= _literals(value)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == "rule_id":
            found |= _literals(node.value)
        elif isinstance(node, ast.arguments):
            found |= _defaults(node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in helpers:
            index = helpers[node.func.id]
            if index < len(node.args):
                found |= _literals(node.args[index])
    return found


def _package_ids() -> dict[str, set[str]]:
    """Rule id -> the modules (relative to the package) that emit it."""
    sources = {path: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))}
    helpers: dict[str, int] = {}
    for source in sources.values():
        helpers.update(_rule_id_parameters(ast.parse(source)))
    where: dict[str, set[str]] = {}
    for path, source in sources.items():
        for rule_id in emitted_ids(source, helpers):
            where.setdefault(rule_id, set()).add(path.relative_to(PACKAGE).as_posix())
    return where


def test_the_walker_finds_every_way_an_id_is_emitted() -> None:
    source = """
from dataclasses import dataclass

@dataclass
class Problem(Exception):
    rule_id: str = "by-field-default"

def _finding(path, rule_id, message, fix=None):
    return Finding(rule_id=rule_id, message=message)

def _meta(rule_id="by-parameter-default"):
    return None

def check(flag):
    Finding(rule_id="by-keyword", message="m")
    Finding(rule_id="by-either" if flag else "by-or", message="m")
    _finding("a.yaml", "by-helper", "m")
    found.model_copy(update={"rule_id": "by-update"})
    Finding(rule_id=found.rule_id, message="not a literal")
    other("not-an-id", "b")
    imported_helper("by-imported-helper", "m")
"""
    assert emitted_ids(source, {"imported_helper": 0}) == {
        "by-field-default",
        "by-parameter-default",
        "by-keyword",
        "by-either",
        "by-or",
        "by-helper",
        "by-update",
        "by-imported-helper",
    }


def test_every_emitted_id_is_built_in_or_a_rule_file(library: RuleLibrary) -> None:
    known = BUILTIN_IDS | set(library.rule_ids())
    unknown = {rule_id: sorted(modules) for rule_id, modules in _package_ids().items() if rule_id not in known}
    assert not unknown, f"add these to speccheck.results.builtin_rules: {unknown}"


def test_every_built_in_id_is_emitted() -> None:
    stale = BUILTIN_IDS - set(_package_ids())
    assert not stale, f"no code reports these; remove them from speccheck.results.builtin_rules: {sorted(stale)}"


def test_the_catalogue_documents_each_id_once() -> None:
    ids = [info.id for info in BUILTIN_RULES]
    assert len(ids) == len(set(ids))
    for info in BUILTIN_RULES:
        assert info.kind == "built-in", info.id
        assert info.title and info.rationale and info.fix and info.severity is not None, info.id


def _golden_rule_ids(value: object) -> set[str]:
    if isinstance(value, dict):
        own = {value["rule_id"]} if isinstance(value.get("rule_id"), str) else set()
        return own.union(*(_golden_rule_ids(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_golden_rule_ids(item) for item in value))
    return set()


def test_findings_in_the_golden_reports_have_known_ids() -> None:
    own_rules = load_library([ROOT / "tests" / "data" / "lint-project" / "rules"])  # the lint goldens' rule pack
    known = BUILTIN_IDS | set(own_rules.rule_ids())
    seen: set[str] = set()
    for path in sorted(GOLDEN.glob("*.json")):
        seen |= _golden_rule_ids(json.loads(path.read_text(encoding="utf-8")))
    assert seen, "the golden reports hold findings"
    assert seen <= known, sorted(seen - known)


def test_rules_list_covers_every_built_in(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list", "--format", "json", "--no-config"]) == ExitCode.OK
    listed = {entry["id"]: entry for entry in json.loads(capsys.readouterr().out)}
    for info in BUILTIN_RULES:
        assert listed[info.id] == info.model_dump(mode="json")


@pytest.mark.parametrize("rule_id", ["schema", "waiver-expired", "score-out-of-scale", "csv-column"])
def test_rules_show_documents_a_built_in(rule_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", rule_id, "--no-config"]) == ExitCode.OK
    info = next(info for info in BUILTIN_RULES if info.id == rule_id)
    out = capsys.readouterr().out
    assert out.startswith(f"### `{rule_id}`") and info.title in out and f"Fix: {info.fix}" in out
