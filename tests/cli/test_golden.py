"""Golden files for every output format, on the bundled samples.

Regenerate after an intended change with:  SPECCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from speccheck.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
UPDATE = os.environ.get("SPECCHECK_UPDATE_GOLDEN") == "1"

CASES = {
    "evaluate-head-of-school": ["evaluate", "samples/roles/head-of-school.yaml", "samples/candidates"],
    "evaluate-assistant-head": [
        "evaluate",
        "samples/roles/assistant-head-teaching-learning.yaml",
        "samples/candidates",
    ],
    "audit-samples": ["audit", "samples/roles"],
    "lint-samples": ["lint", "samples", "rules"],
}
FORMATS = {"json": "json", "text": "txt"}


def _run(args: list[str], fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    extra = ["--base-dir", str(ROOT)] if args[0] == "lint" else []
    code = main([*args, "--format", fmt, *(["--color", "never"] if fmt == "text" else []), *extra])
    assert code in (0, 1)
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    out = _run(CASES[case], fmt, capsys, monkeypatch)
    path = GOLDEN / f"{case}.{FORMATS[fmt]}"
    if UPDATE or not path.exists():
        path.write_text(out)
    assert out == path.read_text(), f"{path.name} differs; if intended, regenerate (see module docstring)"


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_matches_report_schema(
    case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    report = json.loads(_run(CASES[case], "json", capsys, monkeypatch))
    jsonschema.Draft202012Validator(schema).validate(report)


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    first = _run(CASES["evaluate-head-of-school"], "json", capsys, monkeypatch)
    second = _run(CASES["evaluate-head-of-school"], "json", capsys, monkeypatch)
    assert first == second
