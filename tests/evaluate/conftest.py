"""The rule library and the inline role, compiled once for the evaluate tests."""

from __future__ import annotations

import pytest

from speccheck.evaluate.plans import CompiledRole, compile_role
from speccheck.files.loader import load_text
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary, load_library
from tests.evaluate.inline import ROLE


@pytest.fixture(scope="session")
def library() -> RuleLibrary:
    return load_library()


@pytest.fixture(scope="session")
def compiled(library: RuleLibrary) -> CompiledRole:
    loaded = load_text(ROLE, "role.yaml")
    assert isinstance(loaded.model, Role), loaded.findings
    result, findings = compile_role(loaded, library)  # type: ignore[arg-type]
    assert result is not None, findings
    return result
