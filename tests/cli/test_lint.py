"""speccheck lint on the command line: exit codes, outputs, GitHub Actions, start-up imports."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from speccheck.cli import main
from speccheck.core.errors import ExitCode
from tests.cli.inputs import AT, GOOD, WARNS


def test_lint_exit_codes(files: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (files / "bad.yaml").write_text("kind: role\nkind: role\n")
    assert main(["lint", str(files / "role.yaml")]) == ExitCode.OK
    assert main(["lint", str(files), "--base-dir", str(files), "-f", "json"]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    report = json.loads(out[out.index('{\n  "kind": "lint"') :])
    assert report["files"] == ["bad.yaml", "cand.yaml", "role.yaml"]
    assert report["findings"][0]["position"] == {"path": "bad.yaml", "line": 2, "col": 1}


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


def test_lint_imports_the_engine_only_for_role_files_and_rich_only_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "candidate.yaml").write_text("kind: candidate\nversion: 1\n")
    (tmp_path / "role.yaml").write_text(GOOD)
    light = _modules_after(["lint", "candidate.yaml", "-f", "parsable"], tmp_path)
    assert not {"durable_rules_engine", "rich", "speccheck.conditions.engine", "speccheck.audit.run"} & light
    heavy = _modules_after(["lint", "role.yaml", "-f", "text"], tmp_path)  # piped: one line a finding, no rich
    assert "durable_rules_engine" in heavy and "rich" not in heavy


@pytest.mark.parametrize(
    "args",
    [
        ["lint", "empty"],
        ["audit", "empty"],
        ["evaluate", "good.yaml", "empty"],
        ["shortlist", "good.yaml", "empty"],
        ["baseline", "empty"],
        ["lint", "empty", "other-empty"],
    ],
)
def test_nothing_to_check_is_a_usage_error(project: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A folder with no spec file in it is a mistake in the command (a CI job pointed at the wrong folder),
    not a clean run: exit 2 and say so, for every command that checks files."""
    (project / "empty" / "notes").mkdir(parents=True)
    (project / "empty" / "notes" / "readme.rst").write_text("not a spec file\n")  # .txt would be a document
    (project / "empty" / ".hidden").mkdir()
    (project / "empty" / ".hidden" / "role.yaml").write_text(GOOD)  # dot-folders are tooling, skipped
    (project / "other-empty").mkdir()
    assert main(args) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "nothing to check" in err and "empty" in err


def test_files_the_configuration_excludes_pass_with_a_note(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pre-commit may hand lint only files the configuration excludes: that passes, as in ruff, and says why."""
    (project / "speccheck.yaml").write_text('exclude: ["drafts/**"]\n')
    (project / "drafts").mkdir()
    (project / "drafts" / "role.yaml").write_text("kind: role\nkind: role\n")
    assert main(["lint", "drafts/role.yaml"]) == ExitCode.OK
    captured = capsys.readouterr()
    assert captured.out == "" and "excludes every file given" in captured.err


_HEAVY_PREFIXES = (
    "speccheck.shortlist",  # ranking, sheets, redaction: shortlist's
    "speccheck.importing",  # reading Word and PDF into role and candidate files
    "speccheck.documents.",  # the document readers (the package's suffix table is light and may load)
    "speccheck.evaluate.verdicts",
    "speccheck.evaluate.explain",
    "speccheck.evaluate.evidence",
    "speccheck.evaluate.plans",
    "speccheck.text.retrieval",
    "speccheck.facts.candidate",
    "speccheck.results.evaluation",
    "speccheck.results.shortlist",
    "speccheck.results.verify",
    "speccheck.rulebook.verify",
    "rich",
    "openpyxl",
    "pdfplumber",
    "pdfminer",
    "docx",
    "snowballstemmer",
)
_LIGHT_REPORTS = {"speccheck.report", "speccheck.report.contents", "speccheck.report.parsable"}


def _modules_of_the_command_line(args: list[str], cwd: Path) -> set[str]:
    """Modules loaded by the whole command line (every command's parser built) in a fresh interpreter, run
    twice so that the second run reads the rule library from the cache, as every run after the first does."""
    code = (
        "import sys\n"
        "from speccheck.cli import main\n"
        f"main({args!r})\n"
        "sys.stderr.write('\\n'.join(sorted(sys.modules)))\n"
    )
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, check=True)
    return set(done.stderr.split())


def test_lint_of_a_role_loads_no_module_it_does_not_use(tmp_path: Path) -> None:
    """The shortlist, the importer and its document readers, evaluation, the report renderers of other
    formats, rich and the stemmer stay out of a lint run's start-up (a hook in pre-commit pays it per commit)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "role.yaml").write_text(GOOD)
    loaded = _modules_of_the_command_line(["lint", "role.yaml", "-f", "parsable"], tmp_path)
    assert "durable_rules_engine" in loaded and "speccheck.audit.run" in loaded  # the role was audited
    heavy = sorted(m for m in loaded if m.startswith(_HEAVY_PREFIXES))
    assert heavy == []
    reports = {m for m in loaded if m.startswith("speccheck.report")}
    assert reports <= _LIGHT_REPORTS, sorted(reports - _LIGHT_REPORTS)
