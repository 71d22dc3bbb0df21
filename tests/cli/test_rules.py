"""speccheck rules on the command line: list, show, docs, and verify for rule packs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from tests.cli.inputs import PROJECT

ROOT = Path(__file__).resolve().parents[2]


def test_rules_list_show_docs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == ExitCode.OK
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["rule", "kind", "category", "severity", "title"]
    assert any(line.startswith("fixed-years-experience ") for line in listing)
    assert any(line.startswith("yaml-duplicate-key ") for line in listing)
    assert main(["rules", "list", "-f", "json"]) == ExitCode.OK
    infos = json.loads(capsys.readouterr().out)
    fixed = next(i for i in infos if i["id"] == "fixed-years-experience")
    assert fixed["path"] == "rules/equality/fixed-years-experience.yaml" and fixed["sources"]
    assert main(["rules", "show", "fixed-years-experience"]) == ExitCode.OK
    shown = capsys.readouterr().out
    for part in (
        "### `fixed-years-experience`",
        "Why: ",
        "Fix: ",
        "Equality Act 2010",
        "Example, must fire: at least 5 years",
        "```yaml",
    ):
        assert part in shown
    assert main(["rules", "docs", "-o", "RULES.md"]) == ExitCode.OK
    assert (project / "RULES.md").read_text().startswith("# speccheck rules\n")
    assert main(["rules", "docs", "--table"]) == ExitCode.OK
    assert capsys.readouterr().out.startswith("| rule | kind |")


def test_rules_list_includes_configured_rule_folders(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    shutil.copytree(PROJECT / "rules", project / "trust-rules")  # a configured folder is inside the project
    (project / "speccheck.yaml").write_text("rule_folders: [trust-rules]\n")
    assert main(["rules", "list"]) == ExitCode.OK
    assert any(line.startswith("few-criteria ") for line in capsys.readouterr().out.splitlines())


def test_rules_verify_passes_a_good_pack_in_every_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pack = str(PROJECT / "rules")
    assert main(["rules", "verify", pack]) == ExitCode.OK
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "PASS  few-criteria  pass: three criteria",
        "PASS  few-criteria  fail: no criteria",
        "1 rule(s), 2 example(s): 2 passed, 0 failed",
    ]
    assert main(["rules", "verify", pack, "-f", "junit", "-o", "json=verify.json"]) == ExitCode.OK
    root = ET.fromstring(capsys.readouterr().out)
    assert [(c.get("classname"), c.get("name")) for c in root.iter("testcase")] == [
        ("few-criteria", "pass: three criteria"),
        ("few-criteria", "fail: no criteria"),
    ]
    assert json.loads((project / "verify.json").read_text())["kind"] == "verify"


BAD_PACK_RULE = (PROJECT / "rules" / "few-criteria.yaml").read_text()


def test_rules_verify_fails_a_wrong_example_a_rule_without_examples_and_a_broken_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = project / "pack"
    pack.mkdir()
    (pack / "few-criteria.yaml").write_text(
        BAD_PACK_RULE.replace('"<": 3', '"<": 0')
    )  # the pass example still passes, the fail one no longer fires
    (pack / "no-examples.yaml").write_text(
        BAD_PACK_RULE.replace("id: few-criteria", "id: no-examples").split("examples:")[0] + "examples: {}\n"
    )
    (pack / "broken.yaml").write_text("kind: rule\nversion: 1\n")
    assert main(["rules", "verify", str(pack), "-f", "junit"]) == ExitCode.FINDINGS
    root = ET.fromstring(capsys.readouterr().out)
    failures = [(c.get("classname"), c.get("name")) for c in root.iter("testcase") if c.find("failure") is not None]
    assert ("few-criteria", "fail: no criteria") in failures
    assert any(name.startswith("rule-examples") for _, name in failures)
    assert any(name.startswith("schema") for _, name in failures)
    assert main(["rules", "verify", str(pack)]) == ExitCode.FINDINGS
    text = capsys.readouterr().out
    assert "FAIL  few-criteria  fail: no criteria  (expected 1, got 0)" in text
    assert 'rule "no-examples" has no pass and fail example' in text


def test_rules_verify_without_a_folder_runs_the_bundled_rules(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "verify", "-f", "json"]) == ExitCode.OK
    report = json.loads(capsys.readouterr().out)
    assert "fixed-years-experience" in report["rules"] and all(e["ok"] for e in report["examples"])


def test_rules_docs_facts_prints_the_facts_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "docs", "--facts"]) == ExitCode.OK
    assert capsys.readouterr().out == (ROOT / "docs" / "facts.md").read_text()
