"""The Markdown renderer on real audit and evaluation reports (the audit team's --format markdown), and the new formats on audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speccheck.cli import main
from tests import sarif_schema

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"


def run(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    assert main(args) in (0, 1)
    return capsys.readouterr().out


def test_audit_markdown_has_coverage_tables_and_findings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run(["audit", "samples/roles", "-f", "markdown"], capsys, monkeypatch)
    assert out.startswith("## speccheck audit\n")
    assert "### Head of School (head\\_of\\_school)" in out
    assert "| duty | status | covered by | how | source |" in out
    assert "duties covered" in out and "#### Findings" in out
    assert "`safeguarding-criterion`" in out


def test_evaluation_markdown_has_decisions_and_verdicts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = run(
        ["evaluate", "samples/roles/head-of-school-completed.yaml", "samples/candidates", "-f", "markdown"],
        capsys,
        monkeypatch,
    )
    assert out.startswith("## speccheck evaluate: Head of School\n")
    assert "| candidate | decision | essential met | desirable | why |" in out
    assert "**shortlist**" in out and "**reject**" in out
    assert out.count("<details>") == out.count("</details>") >= 8
    assert "| criterion | level | verdict | explanation |" in out


def test_audit_sarif_is_valid(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    log = json.loads(run(["audit", "samples/roles", "-f", "sarif"], capsys, monkeypatch))
    sarif_schema.validator().validate(log)
    rules = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert "safeguarding-criterion" in rules
    assert all(r["ruleId"] in rules for r in log["runs"][0]["results"])
