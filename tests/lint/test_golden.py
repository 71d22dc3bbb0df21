"""Every lint format on a project with configuration and suppressions: golden files (text both piped and on a
terminal), and each machine format checked by machine.

Regenerate after an intended change with:  python -m pytest tests/lint/test_golden.py --update-goldens
and review the diff like code.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest

from speccheck.cli import common, main
from speccheck.core.errors import ExitCode
from speccheck.report import renderers_for
from tests import sarif_schema
from tests.golden_files import assert_golden, golden_json

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"
PROJECT = DATA / "lint-project"
AS_OF = "2025-06-01"  # waivers expire relative to this day, so the goldens do not depend on the clock
RENDERERS = renderers_for("lint")
DOCS_URL = (
    "https://example.org/speccheck/blob/v0.1.0/"  # where SARIF's help links point, as SPECCHECK_DOCS_URL gives it
)
LINE = re.compile(r"^[^:]+:\d+:\d+: (error|warning|info) \[[a-z0-9.-]+\] \S")


def run_lint(fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *extra: str) -> str:
    monkeypatch.chdir(PROJECT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setenv("SPECCHECK_DOCS_URL", DOCS_URL)
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
        with pytest.MonkeyPatch.context() as patch:
            patch.delenv("GITHUB_ACTIONS", raising=False)
            patch.setenv("SPECCHECK_DOCS_URL", DOCS_URL)
            assert main(args) == ExitCode.FINDINGS
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


def test_junit_has_a_case_per_finding_and_one_per_clean_file(outputs: dict[str, str]) -> None:
    root = ET.fromstring(outputs["junit"])
    cases = root.findall("./testsuite/testcase")
    pairs = [(case.get("classname"), case.get("name")) for case in cases]
    assert len(pairs) == len(set(pairs))
    assert int(root.get("tests", "0")) == len(cases)
    report = golden_json("lint-project.json")
    findings = report["findings"]
    clean = set(report["files"]) - {f["position"]["path"] for f in findings}
    assert len(cases) == len(findings) + len(clean)  # not every rule times every file
    passing = {
        c.get("classname")
        for c in cases
        if c.get("name") == "no findings" or c.get("name", "").startswith("no findings (")
    }
    assert passing == clean and "roles/good.yaml" in clean
    failed = [c for c in cases if c.find("failure") is not None]
    errors = [f for f in findings if f["severity"] == "error"]
    assert sorted((c.get("file"), c.get("line")) for c in failed) == sorted(
        (f["position"]["path"], str(f["position"]["line"])) for f in errors
    )  # a failure for each error at or above --fail-on, with its file and line
    duplicate = next(c for c in failed if c.get("file") == "roles/broken.yaml")
    assert duplicate.get("name") == '4:1 [yaml-duplicate-key] duplicate key "title" (first at line 3)'
    warned = [c for c in cases if c.find("system-out") is not None]
    assert len(warned) == len(findings) - len(errors)  # below --fail-on: a passing case, its finding in system-out
    assert all(c.get("file") and c.get("line") for c in [*failed, *warned])
    assert int(root.get("failures", "0")) == len(errors) and root.get("skipped") == "0"
    suppressed = report["summary"]["suppressed"]
    outs = [s.findtext("system-out") or "" for s in root.findall("testsuite")]
    assert sum(int(text.split()[0]) for text in outs if "suppressed" in text) == suppressed


def test_junit_lists_suppressed_findings_when_asked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = ET.fromstring(run_lint("junit", capsys, monkeypatch, "--show-suppressed"))
    skipped = [c for c in root.iter("testcase") if c.find("skipped") is not None]
    assert len(skipped) == golden_json("lint-project.json")["summary"]["suppressed"] == int(root.get("skipped", "0"))
    waived = next(c for c in skipped if "[safeguarding-criterion]" in c.get("name", ""))
    assert (waived.get("file"), waived.get("line")) == ("roles/legacy.yaml", "8")
    assert waived.find("skipped").get("message", "").startswith("suppressed (waiver): the trust's HR team")  # type: ignore[union-attr]


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
    lines = outputs["parsable"].splitlines()
    assert lines and all(LINE.match(line) for line in lines)
    assert lines == sorted(lines, key=lambda s: (s.split(":")[0], int(s.split(":")[1]), int(s.split(":")[2])))


def test_markdown_summary(outputs: dict[str, str]) -> None:
    text = outputs["markdown"]
    assert text.startswith("## speccheck lint: fails\n")
    summary = golden_json("lint-project.json")["summary"]
    assert f"| {summary['error']} | {summary['warning']} | {summary['info']} | {summary['suppressed']} |" in text
    assert f"<details><summary>{summary['suppressed']} suppressed finding(s)</summary>" in text


def _summary_line(*, listed: bool) -> str:
    summary = golden_json("lint-project.json")["summary"]
    more = "" if listed else "; --show-suppressed lists them"
    return (
        f"{summary['files']} file(s) checked: {summary['error']} error, {summary['warning']} warning,"
        f" {summary['info']} info; {summary['suppressed']} suppressed (2 by comments, 2 by waivers){more};"
        " fails (findings at or above error)"
    )


def test_piped_text_is_one_line_a_finding_then_the_summary(outputs: dict[str, str]) -> None:
    """Not on a terminal (a pipe, a file, a CI log): ruff and flake8's form, the parsable lines and one summary."""
    lines = outputs["text"].splitlines()
    assert lines[:-1] == outputs["parsable"].splitlines()
    assert lines[-1] == _summary_line(listed=False)


def test_piped_text_lists_suppressed_findings_when_asked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = run_lint("text", capsys, monkeypatch, "--show-suppressed").splitlines()
    suppressed = [line for line in lines if ": suppressed [" in line]
    assert len(suppressed) == golden_json("lint-project.json")["summary"]["suppressed"]
    assert "roles/legacy.yaml:8:1: suppressed [safeguarding-criterion] by a waiver: the trust's HR team" in lines[-5]
    assert lines[-1] == _summary_line(listed=True)


def _on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int, *extra: str
) -> str:
    monkeypatch.setattr(common, "on_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.chdir(PROJECT)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert main(["lint", ".", "--as-of", AS_OF, "--color", "never", *extra]) == ExitCode.FINDINGS
    return capsys.readouterr().out


def test_terminal_text_golden(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, update_goldens: bool
) -> None:
    assert_golden("lint-project.terminal.txt", _on_a_terminal(capsys, monkeypatch, 80), update=update_goldens)


@pytest.mark.parametrize("columns", [60, 80, 132])
def test_terminal_text_groups_by_file_with_clickable_positions(
    columns: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _on_a_terminal(capsys, monkeypatch, columns)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert text.index("roles/broken.yaml") < text.index("roles/legacy.yaml") < text.index("speccheck.yaml")
    findings = golden_json("lint-project.json")["findings"]
    starts = [line for line in lines if re.match(r"^[^ :]+:\d+:\d+: (error|warning|info)\b", line)]
    assert len(starts) == len(findings)  # each finding starts its own line with path:line:col
    assert _summary_line(listed=False) in " ".join(" ".join(lines[-4:]).split())


def test_terminal_text_lists_suppressed_findings_when_asked(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = _on_a_terminal(capsys, monkeypatch, 80, "--show-suppressed")
    assert "suppressed (4)" in text and "roles/tiny.yaml:6:1: suppressed [few-criteria] by a waiver: no reason" in text


def test_sarif_links_each_documented_rule_to_its_row_in_docs_rules(outputs: dict[str, str]) -> None:
    (run,) = json.loads(outputs["sarif"])["runs"]
    driver = run["tool"]["driver"]
    assert driver["informationUri"] == DOCS_URL + "README.md"
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', (ROOT / "docs" / "rules.md").read_text()))
    linked = [rule for rule in driver["rules"] if "helpUri" in rule]
    # the project's own rule pack (rules/few-criteria.yaml) is not in docs/rules.md, so it has no link
    assert {rule["id"] for rule in driver["rules"]} - {rule["id"] for rule in linked} == {"few-criteria"}
    for rule in linked:
        uri = urlsplit(rule["helpUri"])
        assert uri.scheme == "https" and uri.netloc  # absolute: GitHub refuses an upload whose helpUri is not
        assert rule["helpUri"] == f"{DOCS_URL}docs/rules.md#{rule['id']}" and rule["id"] in anchors


def test_sarif_without_a_docs_address_has_no_links_and_still_validates(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "docs_url", lambda: None)
    log = json.loads(run_lint("sarif", capsys, monkeypatch))
    sarif_validator().validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver and not any("helpUri" in rule for rule in driver["rules"])


def test_a_docs_address_that_is_not_absolute_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT)
    monkeypatch.setenv("SPECCHECK_DOCS_URL", "docs/")
    assert main(["lint", ".", "--as-of", AS_OF, "-f", "sarif"]) == ExitCode.USAGE
    assert "SPECCHECK_DOCS_URL" in capsys.readouterr().err
