"""Shared fixtures: the repository root, the bundled rule library, sample paths, and the golden-file update flag."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from speccheck.cli.common import CACHE_VARIABLE
from speccheck.library.loading import RuleLibrary, load_library
from tests.golden_files import UPDATE_OPTION, UPDATE_VARIABLE

ROOT = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help=f"write golden files (and the README rule table) instead of comparing with them; {UPDATE_VARIABLE}=1 does the same",
    )


@pytest.fixture(scope="session", autouse=True)
def _private_library_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The command line's rule library cache in a folder of the test run's (never the user's cache), for the
    tests and every process they start."""
    before = os.environ.get(CACHE_VARIABLE)
    os.environ[CACHE_VARIABLE] = str(tmp_path_factory.mktemp("library-cache") / "speccheck")
    yield
    if before is None:
        os.environ.pop(CACHE_VARIABLE, None)
    else:
        os.environ[CACHE_VARIABLE] = before


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True only when asked: a golden file is never written because it is missing."""
    return bool(request.config.getoption(UPDATE_OPTION)) or os.environ.get(UPDATE_VARIABLE) == "1"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def library() -> RuleLibrary:
    return load_library()
