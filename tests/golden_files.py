"""Golden files: compare an output with its committed copy under tests/golden/, rewriting it only when asked.

A golden file that is missing is a failure, never written back silently: run pytest with --update-goldens
(or SPECCHECK_UPDATE_GOLDEN=1) to write or rewrite the files, then review the diff like code.
Tests that need a figure an output holds (a count of findings, a summary) read it from the golden JSON,
so that a new rule changes the golden files and no number written in a test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_OPTION = "--update-goldens"
UPDATE_VARIABLE = "SPECCHECK_UPDATE_GOLDEN"
HOW_TO_UPDATE = f"if the change is intended, run python -m pytest {UPDATE_OPTION} and review the diff like code"


def assert_golden(name: str, actual: str, *, update: bool, folder: Path = GOLDEN) -> None:
    """Fail unless ``actual`` equals the golden file ``name``; with ``update``, write it instead."""
    path = folder / name
    if update:
        if not path.exists() or path.read_text() != actual:
            path.write_text(actual)
        return
    assert actual == read_golden(name, folder=folder), f"{name} differs from its golden file; {HOW_TO_UPDATE}"


def read_golden(name: str, *, folder: Path = GOLDEN) -> str:
    """The committed text of golden file ``name``; a missing file fails the test that asks for it."""
    path = folder / name
    if not path.exists():
        pytest.fail(f"golden file {name} is missing; run python -m pytest {UPDATE_OPTION} to write it, then review it")
    return path.read_text()


def golden_json(name: str, *, folder: Path = GOLDEN) -> Any:
    """A JSON golden file, parsed (its shape is the report schema's, so the value is genuinely any)."""
    return json.loads(read_golden(name, folder=folder))
