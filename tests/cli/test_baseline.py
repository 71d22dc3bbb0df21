"""speccheck baseline on the command line: legacy findings become waivers, so only new findings fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from tests.cli.inputs import AT, WARNS


def test_baseline_adopts_legacy_files_and_fails_only_on_new_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "legacy.yaml").write_text(WARNS)
    assert main(["lint", ".", "--fail-on", "warning", "-f", "json"]) == ExitCode.FINDINGS
    before = json.loads(capsys.readouterr().out)["findings"]
    assert main(["baseline", ".", "--owner", "hr@example.org", "--expires", "2099-01-31"]) == ExitCode.OK
    assert (project / "speccheck.yaml").read_text().endswith("baseline: speccheck-baseline.yaml\n")
    baseline = (project / "speccheck-baseline.yaml").read_text()
    assert "kind: waivers" in baseline and "owner: hr@example.org" in baseline and "count: 1" in baseline
    capsys.readouterr()
    assert main(["lint", ".", "--fail-on", "warning", "-f", "json"]) == ExitCode.OK
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["suppressed"] == len(before) and report["findings"] == []
    # a new finding of the same rule in the same file is not covered: the waiver counts one
    (project / "legacy.yaml").write_text(
        WARNS
        + "  - {id: E8, text: Two years as a head of department, level: desirable, category: experience, assessed_by: [application]}\n"
    )
    assert main(["lint", ".", "--fail-on", "warning", "-f", "parsable"]) == ExitCode.FINDINGS
    assert f"legacy.yaml:{AT + 1}:" in capsys.readouterr().out
    # a new file is not covered at all
    (project / "new.yaml").write_text(WARNS)
    assert main(["lint", "new.yaml", "--fail-on", "warning"]) == ExitCode.FINDINGS


def test_baseline_keeps_waivers_of_files_not_linted_again(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a").mkdir()
    (project / "b").mkdir()
    (project / "a" / "r.yaml").write_text(WARNS)
    (project / "b" / "r.yaml").write_text(WARNS)
    assert main(["baseline", "a"]) == ExitCode.OK
    assert main(["baseline", "b"]) == ExitCode.OK
    text = (project / "speccheck-baseline.yaml").read_text()
    assert "path: a/r.yaml" in text and "path: b/r.yaml" in text
    assert (project / "speccheck.yaml").read_text().count("baseline:") == 1
    capsys.readouterr()
    assert main(["lint", ".", "--fail-on", "warning", "-f", "parsable"]) == ExitCode.OK


def test_baseline_with_pyproject_says_what_to_add(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.speccheck]\nprofile = 'default'\n")
    (project / "r.yaml").write_text(WARNS)
    assert main(["baseline", "r.yaml"]) == ExitCode.USAGE
    assert 'add baseline = "speccheck-baseline.yaml" under [tool.speccheck]' in capsys.readouterr().err
    assert (project / "speccheck-baseline.yaml").exists()
