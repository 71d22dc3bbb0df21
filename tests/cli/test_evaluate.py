"""speccheck evaluate on the command line: formats, files left out, a role that cannot be compiled."""

from __future__ import annotations

import datetime as dt
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


@pytest.mark.parametrize(
    ("closing", "extra", "header"),
    [
        ("closing_date: 2025-02-07\n", [], "judged as at 2025-02-07 (the role's closing date)"),
        (
            "closing_date: 2025-02-07\n",
            ["--as-of", "2025-03-01"],
            "judged as at 2025-03-01 (the date given with --as-of)",
        ),
        ("", [], f"judged as at {dt.date.today()} (today: the role gives no closing date)"),
    ],
)
def test_applications_are_judged_as_at_as_of_else_the_closing_date_else_today(
    files: Path, capsys: pytest.CaptureFixture[str], closing: str, extra: list[str], header: str
) -> None:
    """Never the issue date: that is when the role's guidance is judged, not when people apply."""
    (files / "role.yaml").write_text(ROLE.replace("issued: 2025-01-15\n", "issued: 2025-01-15\n" + closing))
    role, candidate = str(files / "role.yaml"), str(files / "cand.yaml")
    assert main(["evaluate", role, candidate, "--color", "never", *extra]) == ExitCode.OK
    assert header in capsys.readouterr().out
    main(["evaluate", role, candidate, "--format", "json", *extra])
    out = json.loads(capsys.readouterr().out)
    assert f"judged as at {out['as_of']}" in header
    assert out["as_of_from"] == ("given" if extra else "closing_date" if closing else "today")


def test_a_closing_date_before_the_issue_date_is_a_located_error(
    files: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (files / "role.yaml").write_text(
        ROLE.replace("issued: 2025-01-15\n", "issued: 2025-01-15\nclosing_date: 2025-01-01\n")
    )
    assert main(["evaluate", str(files / "role.yaml"), str(files / "cand.yaml")]) == ExitCode.FINDINGS
    assert "closing_date 2025-01-01 is before issued 2025-01-15" in capsys.readouterr().err


ROOT = Path(__file__).resolve().parents[2]
AST = "samples/roles/assistant-head-teaching-learning.yaml"
TWO = ["samples/candidates/ast-whole-school.yaml", "samples/candidates/no-qts.yaml"]


def _text(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> list[str]:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["evaluate", *args, "--color", "never"]) == ExitCode.OK
    return capsys.readouterr().out.splitlines()


def test_decisions_first_then_each_candidate_in_a_few_lines(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two applications fit one screen: the decisions, then what failed, what is unaddressed, what the panel
    must judge, and the notes summarised; the evidence is behind --details."""
    lines = _text(capsys, monkeypatch, AST, *TWO)
    assert len(lines) <= 40 and max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    assert text.index("Decisions: 1 shortlist, 0 review, 1 reject") < text.index("C-001 (Nadia Kellaway)  SHORTLIST")
    assert "equivalent route, for the panel to judge: AH-E02" in text
    assert "AH-E01 (essential) not met: needs QTS" in text
    assert "“" not in text and "add --details" in text


def test_details_quote_the_evidence_for_every_criterion(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    brief = _text(capsys, monkeypatch, AST, *TWO)
    detailed = _text(capsys, monkeypatch, AST, *TWO, "--details")
    assert len(detailed) > len(brief) and max(len(line) for line in detailed) <= 80
    assert "“As an AST I have led whole-school priorities" in "\n".join(detailed)
    one = _text(capsys, monkeypatch, AST, TWO[0])  # one application: its detail, unasked
    assert "“As an AST I have led whole-school priorities" in "\n".join(one)
