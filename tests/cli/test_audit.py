"""speccheck audit on the command line: the exit code follows --fail-on, rule folders with errors, outputs written whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode


def test_audit_exit_code_follows_fail_on(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    role = str(files / "role.yaml")
    assert main(["audit", role, "-f", "json"]) == ExitCode.OK
    audit = json.loads(capsys.readouterr().out)
    rows = {r["duty_id"]: r for r in audit["roles"][0]["coverage"][0]["rows"]}
    assert rows["stpcd.deputy.carry_out_teacher_duties"]["how"] == "covers:"
    assert rows["stpcd.deputy.major_role.policies"]["status"] == "covered"
    assert "stpcd.deputy.absence" not in rows  # deputies only
    # E3/D1 "Sense of humour" is a subjective criterion (a warning): only --fail-on warning or info fails
    assert main(["audit", role, "--fail-on", "warning"]) == ExitCode.FINDINGS


def test_bad_rule_folder_is_a_usage_error(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = files / "myrules"
    rules.mkdir()
    (rules / "r.yaml").write_text("kind: rule\nversion: 1\n")
    assert main(["audit", str(files / "role.yaml"), "--rules", str(rules)]) == ExitCode.USAGE
    assert "rule folders have errors" in capsys.readouterr().err


def test_output_file_is_written_whole(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = files / "out" / "report.json"
    assert main(["audit", str(files / "role.yaml"), "-f", "json", "-o", str(target)]) == ExitCode.OK
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text())["kind"] == "audit"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temporary left


def test_a_path_that_cannot_be_read_is_a_finding_of_the_run(
    files: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "no-such-role.yaml")
    assert main(["audit", str(files / "role.yaml"), missing, "-f", "json", "--fail-on", "error"]) == ExitCode.FINDINGS
    audit = json.loads(capsys.readouterr().out)
    assert [f["position"]["path"] for f in audit["findings"]] == [missing]
    errors = sum(1 for f in audit["findings"] if f["severity"] == "error") + sum(
        1 for role in audit["roles"] for f in role["findings"] if f["severity"] == "error"
    )
    assert audit["severity_counts"]["error"] == errors >= 1
