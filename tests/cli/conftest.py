"""Fixtures of the command tests: a folder with a role and a candidate, and a repository to lint."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.inputs import CANDIDATE, GOOD, ROLE


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "role.yaml").write_text(ROLE)
    (tmp_path / "cand.yaml").write_text(CANDIDATE)
    return tmp_path


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with no configuration, as the working folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "good.yaml").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path
