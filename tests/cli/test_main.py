"""speccheck's entry point: exit codes as named constants, usage and internal errors, the version."""

from __future__ import annotations

from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode


def test_exit_codes_are_documented_constants() -> None:
    assert [(c.name, int(c)) for c in ExitCode] == [("OK", 0), ("FINDINGS", 1), ("USAGE", 2), ("INTERNAL", 3)]


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == ExitCode.USAGE
    assert main(["evaluate"]) == ExitCode.USAGE
    assert main(["lint", "x", "--fail-on", "fatal"]) == ExitCode.USAGE
    assert main(["audit", "x", "--as-of", "yesterday"]) == ExitCode.USAGE


def test_internal_errors_exit_3(
    files: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import speccheck.lint.run

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(speccheck.lint.run, "lint", boom)
    assert main(["lint", str(files)]) == ExitCode.INTERNAL
    assert "internal error" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == ExitCode.OK
    assert capsys.readouterr().out.startswith("speccheck ")
