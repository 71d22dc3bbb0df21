"""speccheck lint, rules and baseline on the command line: exit codes, outputs, GitHub Actions, start-up imports."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Path(__file__).resolve().parents[1] / "data" / "lint-project"

GOOD = (PROJECT / "roles" / "good.yaml").read_text()
# The clean role plus one criterion that draws a warning (fixed-years-experience) on its last line.
WARNS = (
    GOOD
    + "  - {id: E9, text: At least 5 years teaching, level: essential, category: experience, assessed_by: [application]}\n"
)
AT = len(WARNS.splitlines())


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with no configuration, as the working folder."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "good.yaml").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def test_exit_codes_are_documented_constants() -> None:
    assert [(c.name, int(c)) for c in ExitCode] == [("OK", 0), ("FINDINGS", 1), ("USAGE", 2), ("INTERNAL", 3)]


def test_exit_code_follows_fail_on(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "good.yaml", "--fail-on", "info"]) == ExitCode.OK
    (project / "warns.yaml").write_text(WARNS)
    assert main(["lint", "warns.yaml"]) == ExitCode.OK  # warnings only; fails on error by default
    assert main(["lint", "warns.yaml", "--fail-on", "warning"]) == ExitCode.FINDINGS
    assert main(["lint", "warns.yaml", "--fail-on", "info"]) == ExitCode.FINDINGS
    assert (
        main(["lint", "warns.yaml", "--profile", "strict"]) == ExitCode.FINDINGS
    )  # the strict audit profile makes it an error
    (project / "speccheck.yaml").write_text("fail_on: warning\n")
    assert main(["lint", "warns.yaml"]) == ExitCode.FINDINGS
    assert main(["lint", "warns.yaml", "--fail-on", "error"]) == ExitCode.OK  # the command line wins
    (project / "bad.yaml").write_text("kind: role\nkind: role\n")
    assert main(["lint", "bad.yaml", "--fail-on", "error"]) == ExitCode.FINDINGS


@pytest.mark.parametrize(
    "args",
    [
        ["lint"],
        ["lint", "good.yaml", "--fail-on", "fatal"],
        ["lint", "good.yaml", "--format", "xml"],
        ["lint", "good.yaml", "--output", "pdf=out.pdf"],
        ["lint", "good.yaml", "--output", "json="],
        ["lint", "good.yaml", "--output", "a.txt", "--output", "b.txt"],
        ["lint", "good.yaml", "--profile", "lenient"],
        ["lint", "good.yaml", "--rules", "no-such-folder"],
        ["lint", "good.yaml", "--config", "x.yaml", "--no-config"],
        ["rules"],
        ["rules", "show", "no-such-rule"],
        ["rules", "verify", "no-such-folder"],
    ],
)
def test_usage_errors_exit_2(project: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == ExitCode.USAGE
    assert capsys.readouterr().err


def test_internal_error_exits_3(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import speccheck.report.sarif

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(speccheck.report.sarif, "render", boom)
    assert main(["lint", "good.yaml", "--output", "sarif=out.sarif"]) == ExitCode.INTERNAL
    assert "internal error" in capsys.readouterr().err
    assert not (project / "out.sarif").exists()


def test_several_outputs_at_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "warns.yaml").write_text(WARNS)
    code = main(
        [
            "lint",
            ".",
            "-f",
            "parsable",
            "-o",
            "sarif=out/speccheck.sarif",
            "-o",
            "junit=out/junit.xml",
            "-o",
            "markdown=summary.md",
        ]
    )
    assert code == ExitCode.OK
    out = capsys.readouterr().out
    assert out.startswith(f"warns.yaml:{AT}:")
    assert json.loads((project / "out" / "speccheck.sarif").read_text())["version"] == "2.1.0"
    assert ET.fromstring((project / "out" / "junit.xml").read_text()).tag == "testsuites"
    assert (project / "summary.md").read_text().startswith("## speccheck lint: passes")
    assert sorted(p.name for p in (project / "out").iterdir()) == [
        "junit.xml",
        "speccheck.sarif",
    ]  # no temporary files left


def test_bare_output_replaces_stdout(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "good.yaml", "-f", "json", "-o", "report.json"]) == ExitCode.OK
    assert capsys.readouterr().out == ""
    assert json.loads((project / "report.json").read_text())["kind"] == "lint"


def test_github_annotations_chosen_in_github_actions(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "warns.yaml").write_text(WARNS)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    main(["lint", "warns.yaml"])
    assert capsys.readouterr().out.startswith(f"::warning file=warns.yaml,line={AT},col=")
    main(["lint", "warns.yaml", "-f", "parsable"])
    assert capsys.readouterr().out.startswith(f"warns.yaml:{AT}:")


def test_paths_are_relative_to_base_dir(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sub").mkdir()
    (project / "sub" / "warns.yaml").write_text(WARNS)
    main(["lint", str(project / "sub"), "-f", "parsable"])
    assert capsys.readouterr().out.startswith(f"sub/warns.yaml:{AT}:")
    main(["lint", str(project / "sub"), "-f", "parsable", "--base-dir", str(project / "sub")])
    assert capsys.readouterr().out.startswith(f"warns.yaml:{AT}:")


def test_missing_path_is_a_finding(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "nope.yaml", "-f", "parsable"]) == ExitCode.FINDINGS
    assert capsys.readouterr().out == "nope.yaml:1:1: error [file-missing] no such file or folder\n"


def test_config_and_baseline_files_are_not_linted(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "speccheck.yaml").write_text("baseline: speccheck-baseline.yaml\n")
    (project / "speccheck-baseline.yaml").write_text("kind: waivers\nversion: 1\nwaivers: []\n")
    assert main(["lint", ".", "-f", "json"]) == ExitCode.OK
    assert json.loads(capsys.readouterr().out)["files"] == ["good.yaml"]


# --------------------------------------------------------------------------- baseline


def test_baseline_adopts_legacy_files_and_fails_only_on_new_findings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "legacy.yaml").write_text(WARNS)
    assert main(["lint", ".", "--fail-on", "warning"]) == ExitCode.FINDINGS
    assert main(["baseline", ".", "--owner", "hr@example.org", "--expires", "2099-01-31"]) == ExitCode.OK
    assert (project / "speccheck.yaml").read_text().endswith("baseline: speccheck-baseline.yaml\n")
    baseline = (project / "speccheck-baseline.yaml").read_text()
    assert "kind: waivers" in baseline and "owner: hr@example.org" in baseline and "count: 1" in baseline
    capsys.readouterr()
    assert main(["lint", ".", "--fail-on", "warning", "-f", "json"]) == ExitCode.OK
    report = json.loads(capsys.readouterr().out)
    assert report["summary"]["suppressed"] == 1 and report["findings"] == []
    # a new finding of the same rule in the same file is not covered: the waiver counts one
    (project / "legacy.yaml").write_text(
        WARNS
        + "  - {id: E8, text: Two years as a head of department, level: desirable, category: experience, assessed_by: [application]}\n"
    )
    assert main(["lint", ".", "--fail-on", "warning", "-f", "parsable"]) == ExitCode.FINDINGS
    assert f"legacy.yaml:{AT + 1}:" in capsys.readouterr().out
    # a new file is not covered at all
    (project / "new.yaml").write_text(WARNS)
    assert main(["lint", "new.yaml", "--fail-on", "warning"]) == ExitCode.FINDINGS


def test_baseline_keeps_waivers_of_files_not_linted_again(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "a").mkdir()
    (project / "b").mkdir()
    (project / "a" / "r.yaml").write_text(WARNS)
    (project / "b" / "r.yaml").write_text(WARNS)
    assert main(["baseline", "a"]) == ExitCode.OK
    assert main(["baseline", "b"]) == ExitCode.OK
    text = (project / "speccheck-baseline.yaml").read_text()
    assert "path: a/r.yaml" in text and "path: b/r.yaml" in text
    assert (project / "speccheck.yaml").read_text().count("baseline:") == 1
    capsys.readouterr()
    assert main(["lint", ".", "--fail-on", "warning", "-f", "parsable"]) == ExitCode.OK


def test_baseline_with_pyproject_says_what_to_add(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.speccheck]\nprofile = 'default'\n")
    (project / "r.yaml").write_text(WARNS)
    assert main(["baseline", "r.yaml"]) == ExitCode.USAGE
    assert 'add baseline = "speccheck-baseline.yaml" under [tool.speccheck]' in capsys.readouterr().err
    assert (project / "speccheck-baseline.yaml").exists()


# --------------------------------------------------------------------------- rules


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
    (project / "speccheck.yaml").write_text(f"rule_folders: ['{(PROJECT / 'rules').as_posix()}']\n")
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


# --------------------------------------------------------------------------- start-up


def _modules_after(args: list[str], cwd: Path) -> set[str]:
    """Modules loaded by running one command in a fresh interpreter (its own parser only: other commands may import more to build theirs)."""
    code = (
        "import argparse, importlib, sys\n"
        f"args = {args!r}\n"
        "command = importlib.import_module('speccheck.cli.' + args[0])\n"
        "parser = argparse.ArgumentParser()\n"
        "command.add_parser(parser.add_subparsers(dest='command'))\n"
        "command.run(parser.parse_args(args))\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_lint_imports_the_engine_only_for_role_files_and_rich_only_for_text(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "candidate.yaml").write_text("kind: candidate\nversion: 1\n")
    (tmp_path / "role.yaml").write_text(GOOD)
    light = _modules_after(["lint", "candidate.yaml", "-f", "parsable"], tmp_path)
    assert not {"durable_rules_engine", "rich", "speccheck.conditions.engine", "speccheck.audit.run"} & light
    heavy = _modules_after(["lint", "role.yaml", "-f", "text"], tmp_path)
    assert {"durable_rules_engine", "rich"} <= heavy
