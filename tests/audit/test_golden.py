"""Golden audits of each sample role, in text and JSON (the JSON also checked against the report schema).

Regenerate after an intended change with:  python -m pytest tests/audit/test_golden.py --update-goldens
and review the diff like code.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from speccheck.cli import main
from tests.golden_files import assert_golden, read_golden

ROOT = Path(__file__).resolve().parents[2]

CASES = {
    "audit-head-of-school": ["samples/roles/head-of-school.yaml"],
    "audit-head-of-school-2019": ["samples/roles/head-of-school.yaml", "--as-of", "2019-09-01"],
    "audit-headteacher": ["samples/roles/headteacher.yaml"],
    "audit-deputy-head": ["samples/roles/deputy-head.yaml"],
    "audit-assistant-head-pastoral": ["samples/roles/assistant-head-pastoral.yaml"],
    "audit-deputy-head-strict": ["samples/roles/deputy-head.yaml", "--profile", "strict"],
}
FORMATS = {"json": "json", "text": "txt"}


def _run(args: list[str], fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "120")
    code = main(["audit", *args, "--format", fmt, *(["--color", "never"] if fmt == "text" else [])])
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


def test_golden_head_of_school_text_shows_the_seed_003_findings() -> None:
    """The golden text a reviewer reads carries each finding the issue asks for."""
    text = read_golden("audit-head-of-school.txt")
    for needle in (
        "7 of 7 covered",
        "safeguarding-criterion",
        "At least 5",
        '"sense of humour"',
        "superseded-national-standards-2015",
        "2021-03-01",
    ):
        assert needle in text, needle
    assert "superseded-national-standards-2015" not in read_golden("audit-head-of-school-2019.txt")
