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


@pytest.fixture(autouse=True)
def _role_keyed_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Candidate codes keyed by the role alone, so shortlist outputs compare with their golden files (the
    command line keys them with a new secret every run: tests/shortlist/test_blind.py checks that)."""
    monkeypatch.setattr("speccheck.cli.shortlist.new_blind_key", lambda: None)
