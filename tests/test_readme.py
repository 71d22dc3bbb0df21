"""The README's two set-up commands stay true: CI runs the test command; the demo command works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


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
