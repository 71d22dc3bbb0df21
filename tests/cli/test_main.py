"""Exact CLI behaviour: exit codes, formats, errors on standard error, outputs written whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode

ROLE = """\
kind: role
version: 1
title: Assistant Headteacher
post_type: assistant_headteacher
issued: 2025-01-15
duties:
  - {id: D1, text: Carry out the professional duties of a teacher, covers: [stpcd.deputy.carry_out_teacher_duties]}
  - {id: D2, text: Play a major role in formulating the aims and objectives of the school}
  - {id: D3, text: Establish the policies through which they are to be achieved}
  - {id: D4, text: Line manage staff and deploy resources}
  - {id: D5, text: Monitor progress towards their achievement}
  - {id: D6, text: Undertake professional duties reasonably delegated by the headteacher}
criteria:
  - {id: E1, text: Qualified teacher status, level: essential, category: qualifications, assessed_by: [certificate], condition: {fact: has_qts, "==": true}}
  - {id: E2, text: Commitment to safeguarding children, level: essential, category: safeguarding, assessed_by: [application, reference], keywords: [safeguarding]}
  - {id: D1, text: Sense of humour, level: desirable, category: personal_qualities, assessed_by: [interview]}
"""

CANDIDATE = """\
kind: candidate
version: 1
id: C-7
personal_details: {first_name: Ada, last_name: Quill}
professional_status: {qualified_teacher_status: "yes"}
evidence:
  - {text: I led safeguarding training for all staff., criteria: [E2]}
"""


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "role.yaml").write_text(ROLE)
    (tmp_path / "cand.yaml").write_text(CANDIDATE)
    return tmp_path


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


def test_lint_exit_codes(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (files / "bad.yaml").write_text("kind: role\nkind: role\n")
    assert main(["lint", str(files / "role.yaml")]) == ExitCode.OK
    assert main(["lint", str(files), "--base-dir", str(files), "-f", "json"]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    report = json.loads(out[out.index('{\n  "kind": "lint"') :])
    assert report["files"] == ["bad.yaml", "cand.yaml", "role.yaml"]
    assert report["findings"][0]["position"] == {"path": "bad.yaml", "line": 2, "col": 1}


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == ExitCode.USAGE
    assert main(["evaluate"]) == ExitCode.USAGE
    assert main(["lint", "x", "--fail-on", "fatal"]) == ExitCode.USAGE
    assert main(["audit", "x", "--as-of", "yesterday"]) == ExitCode.USAGE


def test_bad_rule_folder_is_a_usage_error(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rules = files / "myrules"
    rules.mkdir()
    (rules / "r.yaml").write_text("kind: rule\nversion: 1\n")
    assert main(["audit", str(files / "role.yaml"), "--rules", str(rules)]) == ExitCode.USAGE
    assert "rule folders have errors" in capsys.readouterr().err


def test_internal_errors_exit_3(
    files: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import speccheck.lint.run

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(speccheck.lint.run, "lint", boom)
    assert main(["lint", str(files)]) == ExitCode.INTERNAL
    assert "internal error" in capsys.readouterr().err


def test_output_file_is_written_whole(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = files / "out" / "report.json"
    assert main(["audit", str(files / "role.yaml"), "-f", "json", "-o", str(target)]) == ExitCode.OK
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text())["kind"] == "audit"
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temporary left


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


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == ExitCode.OK
    assert capsys.readouterr().out.startswith("speccheck ")
