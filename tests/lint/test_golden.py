"""Every lint format on a project with configuration and suppressions: golden files, and each machine format checked by machine.

Regenerate after an intended change with:  python -m pytest tests/lint/test_golden.py --update-goldens
and review the diff like code.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from speccheck.report import renderers_for
from speccheck.results.citations import PROVENANCE_LEGEND
from tests import sarif_schema
from tests.golden_files import assert_golden, golden_json

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"
PROJECT = DATA / "lint-project"
AS_OF = "2025-06-01"  # waivers expire relative to this day, so the goldens do not depend on the clock
RENDERERS = renderers_for("lint")


def run_lint(fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *extra: str) -> str:
    monkeypatch.chdir(PROJECT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    code = main(["lint", ".", "--as-of", AS_OF, "--format", fmt, "--color", "never", *extra])
    assert code == ExitCode.FINDINGS  # the project has an error that is not suppressed
    return capsys.readouterr().out


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every format from one run: --format text on stdout, the others through --output FORMAT=PATH."""
    folder = tmp_path_factory.mktemp("outputs")
    cwd = Path.cwd()
    os.chdir(PROJECT)
    try:
        args = ["lint", ".", "--as-of", AS_OF, "--format", "text", "--color", "never"]
        for name in RENDERERS:
            args += ["--output", f"{name}={folder / name}"]
        saved = os.environ.pop("GITHUB_ACTIONS", None)
        try:
            assert main(args) == ExitCode.FINDINGS
        finally:
            if saved is not None:
                os.environ["GITHUB_ACTIONS"] = saved
    finally:
        os.chdir(cwd)
    return {name: (folder / name).read_text() for name in RENDERERS}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_golden(fmt: str, outputs: dict[str, str], update_goldens: bool) -> None:
    assert_golden(f"lint-project.{RENDERERS[fmt].extension}", outputs[fmt], update=update_goldens)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_stdout_equals_output_file(
    fmt: str, outputs: dict[str, str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_lint(fmt, capsys, monkeypatch) == outputs[fmt]


def test_output_is_deterministic_and_parallel_runs_agree(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run_lint("json", capsys, monkeypatch)
    assert run_lint("json", capsys, monkeypatch) == first
    assert run_lint("json", capsys, monkeypatch, "--jobs", "2") == first


def test_json_matches_report_schema(outputs: dict[str, str]) -> None:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    report = json.loads(outputs["json"])
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["summary"] == golden_json("lint-project.json")["summary"]  # the figures live in the golden report
    assert report["summary"]["fail_on"] == "error" and report["summary"]["failed"] and report["summary"]["suppressed"]
    assert report["config"] == "speccheck.yaml"
    assert not any("/" in f and f.startswith("/") for f in report["files"]), "paths are relative to the base folder"


def sarif_validator() -> jsonschema.Draft4Validator:
    return sarif_schema.validator()


def test_sarif_validates_and_carries_rules_regions_and_suppressions(outputs: dict[str, str]) -> None:
    log = json.loads(outputs["sarif"])
    sarif_validator().validate(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    fixed = rules[ids.index("fixed-years-experience")]
    assert "Equality Act 2010" in fixed["help"]["text"] and fixed["defaultConfiguration"]["level"] == "warning"
    assert any(source["doc"] == "Equality Act 2010" for source in fixed["properties"]["sources"])
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert {s["suppressions"][0]["kind"] for s in suppressed} == {"inSource", "external"}
    waived = next(r for r in suppressed if r["ruleId"] == "safeguarding-criterion")
    assert waived["suppressions"][0]["justification"].startswith("the trust's HR team")
    assert waived["suppressions"][0]["properties"] == {"owner": "hr@trust.example", "expires": "2099-12-31"}
    fingerprints = [r["partialFingerprints"]["speccheckFinding/v1"] for r in run["results"]]
    assert len(fingerprints) == len(set(fingerprints))


def test_junit_parses_with_one_unique_case_per_file_and_rule(outputs: dict[str, str]) -> None:
    root = ET.fromstring(outputs["junit"])
    cases = root.findall("./testsuite/testcase")
    pairs = [(case.get("classname"), case.get("name")) for case in cases]
    assert len(pairs) == len(set(pairs))
    files = {suite.get("name") for suite in root.findall("testsuite")}
    assert {"roles/legacy.yaml", "roles/good.yaml", "roles/broken.yaml", "speccheck.yaml"} <= files
    assert int(root.get("tests", "0")) == len(cases)
    failed = {(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None}
    assert {("roles/broken.yaml", "yaml-duplicate-key"), ("speccheck.yaml", "config-unknown-key")} <= failed
    errors = [f for f in golden_json("lint-project.json")["findings"] if f["severity"] == "error"]
    assert failed == {(f["position"]["path"], f["rule_id"]) for f in errors}  # a failure for each error, no more
    skipped = {(c.get("classname"), c.get("name")) for c in cases if c.find("skipped") is not None}
    assert ("roles/legacy.yaml", "safeguarding-criterion") in skipped
    assert int(root.get("failures", "0")) == len(failed) and int(root.get("skipped", "0")) == len(skipped)


def test_github_annotations(outputs: dict[str, str]) -> None:
    lines = outputs["github"].splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+,title=speccheck [a-z0-9.-]+::\S")
    assert all(pattern.match(line) for line in annotations), annotations
    assert "::error file=roles/broken.yaml,line=4,col=1,title=speccheck yaml-duplicate-key::" in outputs["github"]
    summary = golden_json("lint-project.json")["summary"]
    assert lines[-1].startswith(
        f"speccheck: {summary['files']} file(s), {summary['error']} error, {summary['warning']} warning,"
        f" {summary['info']} info; {summary['suppressed']} suppressed"
    )


def test_parsable_lines(outputs: dict[str, str]) -> None:
    pattern = re.compile(r"^[^:]+:\d+:\d+: (error|warning|info) \[[a-z0-9.-]+\] \S")
    lines = outputs["parsable"].splitlines()
    assert lines and all(pattern.match(line) for line in lines)
    assert lines == sorted(lines, key=lambda s: (s.split(":")[0], int(s.split(":")[1]), int(s.split(":")[2])))


def test_markdown_summary(outputs: dict[str, str]) -> None:
    text = outputs["markdown"]
    assert text.startswith("## speccheck lint: fails\n")
    summary = golden_json("lint-project.json")["summary"]
    assert f"| {summary['error']} | {summary['warning']} | {summary['info']} | {summary['suppressed']} |" in text
    assert f"<details><summary>{summary['suppressed']} suppressed finding(s)</summary>" in text


def test_text_groups_by_file_and_summarises(outputs: dict[str, str]) -> None:
    text = outputs["text"]
    assert text.index("roles/broken.yaml") < text.index("roles/legacy.yaml") < text.index("speccheck.yaml")
    summary = golden_json("lint-project.json")["summary"]
    line = (
        f"{summary['files']} file(s) checked: {summary['error']} error, {summary['warning']} warning,"
        f" {summary['info']} info; {summary['suppressed']} suppressed; fails (findings at or above error)"
    )
    # the summary, then the legend of the provenance words the sources are given in, once
    lines = text.rstrip().split("\n")
    assert lines[-5:] == [
        line,
        "How far each source was checked:",
        *(f"  {words}: {meaning}" for words, meaning in PROVENANCE_LEGEND.items()),
    ]
