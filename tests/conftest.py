"""Shared fixtures: the repository root, the bundled rule library, sample paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.library.loading import RuleLibrary, load_library

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def library() -> RuleLibrary:
    return load_library()
