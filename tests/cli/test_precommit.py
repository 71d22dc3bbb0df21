"""The pre-commit hooks, exercised as users run them: ``pre-commit try-repo`` against temporary git repositories.

Slow (pre-commit builds the hook's environment, durable-rules included), so marked; CI still runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Path(__file__).resolve().parents[1] / "data" / "lint-project"

pytestmark = pytest.mark.slow


def test_hooks_file_declares_both_hooks() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"speccheck-lint", "speccheck-rules-verify"}
    assert hooks["speccheck-lint"]["entry"] == "speccheck lint" and hooks["speccheck-lint"]["language"] == "python"
    assert hooks["speccheck-rules-verify"]["pass_filenames"] is False


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs speccheck as a git checkout")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return tmp_path_factory.mktemp("pre-commit-home")


def _git_repo(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    git = [
        "git",
        "-c",
        "user.name=speccheck tests",
        "-c",
        "user.email=tests@example.invalid",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run([*git, "init", "-q"], cwd=folder, check=True)
    subprocess.run([*git, "add", "."], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "specs"], cwd=folder, check=True)
    return folder


def _try_repo(repo: Path, hook: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("GITHUB_ACTIONS", None)
    # The hook's environment builds durable-rules as the README says: on Python 3.13 it does not import without
    # the define, and pip would cache the wheel it built for every later install.
    env["CPPFLAGS"] = "-O2 -DPyEval_CallObject=PyObject_CallObject"
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, *args],
        check=False,
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


def test_lint_hook_passes_a_good_file_and_fails_a_bad_one(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = _git_repo(
        tmp_path,
        {
            "specs/good.yaml": (PROJECT / "roles" / "good.yaml").read_text(),
            "specs/bad.yaml": "kind: role\nversion: 1\ntitle: Deputy Head\ntitle: Deputy Headteacher\n",
            ".github/workflows/ci.yml": "on: push\njobs: {}\n",
        },
    )
    bad = _try_repo(repo, "speccheck-lint", pre_commit_home, "--all-files")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "specs/bad.yaml" in bad.stdout and "yaml-duplicate-key" in bad.stdout and "4:1" in bad.stdout
    assert "ci.yml" not in bad.stdout  # tooling YAML in dot-folders is not linted
    good = _try_repo(repo, "speccheck-lint", pre_commit_home, "--files", "specs/good.yaml", ".github/workflows/ci.yml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout


def test_rules_verify_hook_runs_a_rule_pack(tmp_path: Path, pre_commit_home: Path) -> None:
    rule = (PROJECT / "rules" / "few-criteria.yaml").read_text()
    repo = _git_repo(tmp_path, {"speccheck.yaml": "rule_folders: [rules]\n", "rules/few-criteria.yaml": rule})
    passing = _try_repo(repo, "speccheck-rules-verify", pre_commit_home, "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    (repo / "rules" / "few-criteria.yaml").write_text(rule.replace('"<": 3', '"<": 0'))
    subprocess.run(["git", "add", "rules"], cwd=repo, check=True)  # pre-commit stashes what is not staged
    failing = _try_repo(repo, "speccheck-rules-verify", pre_commit_home, "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "FAIL  few-criteria  fail: no criteria" in failing.stdout
