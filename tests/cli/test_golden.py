"""Golden files of evaluate, audit and lint in text and JSON, on the bundled samples (JSON checked against the report
schema); text as it is written when standard output is not a terminal (80 columns; lint one line a finding).

Regenerate after an intended change with:  python -m pytest tests/cli/test_golden.py --update-goldens
and review the diff like code.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from speccheck.cli import main
from tests.golden_files import assert_golden

ROOT = Path(__file__).resolve().parents[2]

CASES = {
    "evaluate-head-of-school": ["evaluate", "samples/roles/head-of-school-completed.yaml", "samples/candidates"],
    "evaluate-assistant-head": [
        "evaluate",
        "samples/roles/assistant-head-teaching-learning.yaml",
        "samples/candidates",
    ],
    "audit-samples": ["audit", "samples/roles"],
    "audit-head-of-school": ["audit", "samples/roles/head-of-school.yaml"],
    "audit-head-of-school-2019": ["audit", "samples/roles/head-of-school.yaml", "--as-of", "2019-09-01"],
    "audit-headteacher": ["audit", "samples/roles/headteacher.yaml"],
    "audit-deputy-head": ["audit", "samples/roles/deputy-head.yaml"],
    "audit-assistant-head-pastoral": ["audit", "samples/roles/assistant-head-pastoral.yaml"],
    "audit-deputy-head-strict": ["audit", "samples/roles/deputy-head.yaml", "--profile", "strict"],
    "lint-samples": ["lint", "samples", "rules"],
    "evaluate-assistant-head-details": [
        "evaluate",
        "samples/roles/assistant-head-teaching-learning.yaml",
        "samples/candidates/ast-whole-school.yaml",
        "samples/candidates/no-qts.yaml",
        "--details",
    ],
}
FORMATS = {"json": "json", "text": "txt"}


def _run(args: list[str], fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("COLUMNS", raising=False)
    extra = ["--base-dir", str(ROOT)] if args[0] == "lint" else []
    code = main([*args, "--format", fmt, *(["--color", "never"] if fmt == "text" else []), *extra])
    assert code in (0, 1)
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(
    case: str,
    fmt: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    update_goldens: bool,
) -> None:
    out = _run(CASES[case], fmt, capsys, monkeypatch)
    assert_golden(f"{case}.{FORMATS[fmt]}", out, update=update_goldens)


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
