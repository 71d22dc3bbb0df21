"""The README stays true: CI runs its test command, its demo command works, every `speccheck` command line
in it parses with the real command line (options that exist, spelt in full), its examples load and audit
clean, it links only to files that exist, and it stays a guide (at most 25 KB)."""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from speccheck.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MAX_BYTES = 25_000
SEPARATORS = {"&&", "||", ";", "|", "&"}
COMMAND = re.compile(r"(?:^|[\s;&|(]|run:\s*)(?:\S*/)?speccheck\s")


def _command(marker: str) -> str:
    text = (ROOT / "README.md").read_text()
    match = re.search(rf"<!-- setup:{marker} -->\s*```sh\n(.+?)\n```", text, re.S)
    assert match, f"README lost its {marker} command"
    return match.group(1).strip()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    block = re.search(r"# --- test command begins\n(.+?)\n# --- test command ends", ci, re.S)
    assert block, ".ci/run lost its marked test command"
    assert block.group(1).strip().replace('"$PYTHON"', "python3") == _command("test")


@pytest.mark.slow
def test_readme_demo_command_works_from_a_fresh_venv_elsewhere(tmp_path: Path) -> None:
    """Non-editable install into a fresh venv, run from another directory: bundled rules, schemas, samples."""
    command = _command("demo")
    assert command.startswith("python3 -m venv .venv && ")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    install = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(ROOT)],
        capture_output=True,
        text=True,
        env={
            "CPPFLAGS": "-O2 -DPyEval_CallObject=PyObject_CallObject",
            "PATH": "/usr/bin:/bin",
            "HOME": str(Path.home()),
        },
    )
    assert install.returncode == 0, install.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    demo = subprocess.run(
        [str(venv / "bin" / "speccheck"), "demo", "--color", "never"], cwd=elsewhere, capture_output=True, text=True
    )
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "shortlist" in demo.stdout and "reject" in demo.stdout and "review" in demo.stdout
    assert "safeguarding-criterion" in demo.stdout
    bundled = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import speccheck.core.resources as r; print(r.bundled('rules'))"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "_bundled" in bundled.stdout  # found inside the installed package, not a checkout


# --------------------------------------------------------------------------- command lines


def code_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced code block."""
    return re.findall(r"^```(\w*)\n(.*?)^```", text, flags=re.S | re.M)


def command_lines(text: str) -> list[list[str]]:
    """The arguments of every speccheck command in the code blocks (after ``speccheck``; shell words)."""
    found = []
    for _, body in code_blocks(text):
        for line in body.splitlines():
            if not COMMAND.search(line):
                continue
            line = re.sub(r"^\s*(?:-\s*)?run:\s*", "", line)
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            words = list(lexer)
            segment: list[str] = []
            for word in [*words, ";"]:
                if word not in SEPARATORS:
                    segment.append(word)
                    continue
                if segment and Path(segment[0]).name == "speccheck":
                    found.append(segment[1:])
                segment = []
    return found


def _subparser(parser: argparse.ArgumentParser, words: list[str]) -> argparse.ArgumentParser:
    """The parser that reads ``words``: the command's, and its action's for rules and schema."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and words and words[0] in action.choices:
            return _subparser(action.choices[words[0]], words[1:])
    return parser


def problems(words: list[str]) -> list[str]:
    """Why a command line is wrong: an option its command does not have, or arguments argparse refuses."""
    parser = build_parser()
    target = _subparser(parser, words)
    known = {option for action in target._actions for option in action.option_strings}
    wrong = [w.split("=", 1)[0] for w in words if w.startswith("-") and w != "-" and w.split("=", 1)[0] not in known]
    found = [f"option {w} is not one of speccheck {words[0]}'s" for w in wrong]
    found += [f"{w} is usage notation, not an argument" for w in words if w.startswith("[") or w.endswith("...")]
    try:
        parser.parse_args(words)
    except SystemExit as exc:
        found.append(f"argparse refuses it (exit {exc.code})")
    return found


def test_the_readme_has_command_lines_for_every_user() -> None:
    commands = {words[0] for words in command_lines(README.read_text())}
    assert {"demo", "audit", "evaluate", "shortlist", "lint", "baseline"} <= commands


@pytest.mark.parametrize("words", command_lines(README.read_text()), ids=" ".join)
def test_every_readme_command_line_parses_with_the_real_parser(
    words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert not problems(words), f"speccheck {' '.join(words)}: {problems(words)}\n{capsys.readouterr().err}"


@pytest.mark.parametrize(
    "line",
    [
        "speccheck lint specs/ --format xml",  # a format lint does not have
        "speccheck evaluate role.yaml --fail-on warning",  # an option of another command
        "speccheck lint specs/ --fail warning",  # an abbreviation argparse would accept
        "speccheck demo --format json",  # an option the command no longer has
        "speccheck rules docs --tables",
        "speccheck evaluate ROLE CANDIDATE... [--output FILE]",  # a synopsis is not a command line
    ],
)
def test_the_check_catches_a_wrong_command_line(line: str, capsys: pytest.CaptureFixture[str]) -> None:
    (words,) = command_lines(f"```sh\n{line}\n```\n")
    assert problems(words)


def test_command_lines_are_found_in_shell_and_workflow_blocks() -> None:
    text = "```sh\n.venv/bin/pip install . && .venv/bin/speccheck demo\n```\n```yaml\n  - run: speccheck lint a --fail-on info\n```\n"
    assert command_lines(text) == [["demo"], ["lint", "a", "--fail-on", "info"]]


# --------------------------------------------------------------------------- examples, links, size


def _yaml_example(kind: str) -> str:
    blocks = [body for lang, body in code_blocks(README.read_text()) if lang == "yaml" and f"kind: {kind}" in body]
    assert len(blocks) == 1, f"the README should show one {kind} file"
    return blocks[0]


def test_the_role_example_audits_clean_with_the_fields_the_audit_asks_for(tmp_path: Path) -> None:
    from speccheck.audit.run import audit
    from speccheck.files.loader import load_as
    from speccheck.files.role import Role
    from speccheck.library.loading import load_library

    text = _yaml_example("role")
    data = yaml.safe_load(text)
    assert {"shortlisting_panel_size", "safer_recruitment_trained_panel_member", "application_form"} <= set(
        data["recruitment"]
    )
    assert {"references_before_interview", "self_declaration", "online_search_notice", "safeguarding_statement"} <= set(
        data["recruitment"]
    )
    assert data["scoring"] and data["references"] and data["school"]["religious_character"]
    criteria = data["criteria"]
    assert any("shortlisting" in c for c in criteria) and any("weight" in c for c in criteria)
    (tmp_path / "role.yaml").write_text(text)
    loaded = load_as(tmp_path / "role.yaml", Role)
    assert loaded.findings == [] and loaded.model is not None
    report = audit([loaded], load_library())
    assert report.all_findings() == [], [f.rule_id for f in report.all_findings()]


def test_the_candidate_example_loads(tmp_path: Path) -> None:
    from speccheck.files.candidate import Candidate
    from speccheck.files.loader import load_as

    (tmp_path / "c.yaml").write_text(_yaml_example("candidate"))
    loaded = load_as(tmp_path / "c.yaml", Candidate)
    assert loaded.findings == [] and loaded.model is not None


def test_the_readme_links_only_to_files_that_exist() -> None:
    text = README.read_text()
    for target in re.findall(r"\]\((?!https?:|#)([^)#]+)", text):
        assert (ROOT / target).exists(), target
    # the importer's guide is named only once it exists
    assert "docs/import.md" not in text or (ROOT / "docs" / "import.md").exists()
    headings = {_slug(h) for h in re.findall(r"^#+ (.+)$", text, flags=re.M)}
    for anchor in re.findall(r"\]\(#([^)]+)\)", text):
        assert anchor in headings, anchor


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_readme_is_a_guide_not_a_reference() -> None:
    assert len(README.read_bytes()) <= MAX_BYTES
