"""speccheck schema export on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode


def test_schema_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "export", str(tmp_path)]) == ExitCode.OK
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "candidate.schema.json",
        "duties.schema.json",
        "profile.schema.json",
        "report.schema.json",
        "role.schema.json",
        "rule.schema.json",
        "vocabulary.schema.json",
    ]
