"""The audit in HR's words, in every human format: sources in words with one legend, duty rows in the duties'
words, fixes without role-file fields; the machine formats keep the tags, ids and fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.results.citations import PROVENANCE_LEGEND

ROOT = Path(__file__).resolve().parents[2]
INTERNAL = ("[V-PRIMARY]", "[V-SECONDARY]", "[UNVERIFIED]", "domain.md", "(seed 0", "seed-0", "§")


def _run(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    assert main(args) in (0, 1)
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_human_audits_speak_in_words(
    fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _run(["audit", "samples/roles", "-f", fmt, "--color", "never"], capsys, monkeypatch)
    for internal in INTERNAL:
        assert internal not in out, internal
    assert "stpcd.deputy." not in out and "hts2020." not in out  # duty rows and standards in words
    assert "recruitment.safeguarding_statement" not in out and "(role file:" not in out
    flat = " ".join(out.split())
    for words, meaning in PROVENANCE_LEGEND.items():
        assert flat.count(f"{words}: {meaning}" if fmt == "text" else f"*{words}*: {meaning}") == 1
    if fmt == "markdown":  # the text view wraps table cells, so whole phrases are looked for in Markdown
        # a table's shared source said once, each row giving its paragraph
        assert "Source: School Teachers' Pay and Conditions Document, 2021-2023 (from a secondary source)" in flat
        assert "| Section 2, paragraph 48.1(a) |" in flat
        assert "when the headteacher is absent, undertake the headteacher's professional duties" in flat
        assert "add the wording of the advert and candidate pack to the role file" in flat


def test_the_markdown_audit_keeps_the_fixes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _run(["audit", "samples/roles/head-of-school.yaml", "-f", "markdown"], capsys, monkeypatch)
    assert "| where | severity | rule | message | fix | source |" in out
    assert "say how each criterion is assessed: application form, interview, task, reference or certificate" in out
    assert "- **Headteachers' Standards 2020 (ethics and the ten standards)**: 11 of 11 covered" in out


def test_machine_formats_keep_tags_ids_and_fields(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = json.loads(_run(["audit", "samples/roles/deputy-head.yaml", "-f", "json"], capsys, monkeypatch))
    role = report["roles"][0]
    assert role["coverage"][0]["rows"][0]["duty_id"].startswith("stpcd.deputy.")
    assert role["coverage"][0]["rows"][0]["source"]["provenance"] == "V-SECONDARY"
    fixes = [f["fix"] for f in role["findings"]]
    assert any("(role file: `recruitment.shortlisting_panel_size`)" in fix for fix in fixes)
    sarif = _run(["audit", "samples/roles/deputy-head.yaml", "-f", "sarif"], capsys, monkeypatch)
    assert "[V-SECONDARY]" in sarif and "role file: `recruitment." in sarif


def test_a_role_without_duties_is_reported_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    role = tmp_path / "ps.yaml"
    role.write_text(
        "kind: role\nversion: 1\ntitle: Deputy\npost_type: deputy_headteacher\nissued: 2024-01-01\ncriteria:\n"
        "  - {id: E1, text: Qualified teacher status, level: essential, category: qualifications,"
        " assessed_by: [application]}\n"
    )
    out = _run(["audit", str(role), "-f", "text", "--color", "never"], capsys, monkeypatch)
    assert "duty coverage not checked: the role has no job description" in out
    report = json.loads(_run(["audit", str(role), "-f", "json"], capsys, monkeypatch))
    rules = [f["rule_id"] for f in report["roles"][0]["findings"]]
    assert rules.count("no-duties-section") == 1
    assert "stpcd-deputy-assistant" not in rules and "safeguarding-duty" not in rules
    assert [n["id"] for n in report["roles"][0]["not_run"]] == ["stpcd-deputy-assistant", "safeguarding-duty"]
