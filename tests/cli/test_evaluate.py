"""speccheck evaluate on the command line: formats, files left out, a role that cannot be compiled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from tests.cli.inputs import ROLE


def test_evaluate_json(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["evaluate", str(files / "role.yaml"), str(files / "cand.yaml"), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == ExitCode.OK
    (candidate,) = out["candidates"]
    assert candidate["decision"] == "shortlist"
    assert [r["verdict"] for r in candidate["results"]] == ["met", "evidenced", "deferred"]


def test_evaluate_text_names_verdicts(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(files / "role.yaml"), str(files), "--color", "never"]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "SHORTLIST" in out and "evidenced" in out
    # role.yaml in the folder is not a candidate: reported, and the real candidate still evaluated
    assert "files not evaluated" in out and "file-kind" in out


def test_evaluate_bad_candidate_is_reported_and_others_still_run(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "broken.yaml").write_text("kind: candidate\nversion: 1\nqualifications: {name: x}\n")
    code = main(
        ["evaluate", str(files / "role.yaml"), str(files / "cand.yaml"), str(files / "broken.yaml"), "-f", "json"]
    )
    out = json.loads(capsys.readouterr().out)
    assert code == ExitCode.FINDINGS
    assert [c["candidate_id"] for c in out["candidates"]] == ["C-7"]
    assert out["findings"][0]["position"]["line"] == 3


def test_evaluate_role_with_bad_condition_is_a_located_error(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (files / "role.yaml").write_text(ROLE.replace('fact: has_qts, "==": true', 'fact: has_qts, ">=": 5'))
    code = main(["evaluate", str(files / "role.yaml"), str(files / "cand.yaml")])
    err = capsys.readouterr().err
    assert code == ExitCode.FINDINGS
    assert "role.yaml:14:" in err and '"has_qts" is a bool fact' in err
