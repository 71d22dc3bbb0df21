"""The golden-file helper: a missing golden fails, and only the explicit update flag writes one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.golden_files import UPDATE_OPTION, UPDATE_VARIABLE, assert_golden, golden_json, read_golden

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_golden_fails_and_is_not_written(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match=r"golden file out\.txt is missing.*--update-goldens"):
        assert_golden("out.txt", "text\n", update=False, folder=tmp_path)
    assert not (tmp_path / "out.txt").exists()


def test_a_different_output_fails_and_leaves_the_golden_alone(tmp_path: Path) -> None:
    (tmp_path / "out.txt").write_text("old\n")
    with pytest.raises(AssertionError, match=r"out\.txt differs from its golden file"):
        assert_golden("out.txt", "new\n", update=False, folder=tmp_path)
    assert (tmp_path / "out.txt").read_text() == "old\n"
    assert_golden("out.txt", "old\n", update=False, folder=tmp_path)


def test_the_update_flag_writes_a_missing_golden_and_rewrites_a_different_one(tmp_path: Path) -> None:
    assert_golden("out.txt", "first\n", update=True, folder=tmp_path)
    assert (tmp_path / "out.txt").read_text() == "first\n"
    assert_golden("out.txt", "second\n", update=True, folder=tmp_path)
    assert (tmp_path / "out.txt").read_text() == "second\n"


def test_figures_are_read_from_a_json_golden(tmp_path: Path) -> None:
    (tmp_path / "report.json").write_text('{"summary": {"error": 2}}\n')
    assert golden_json("report.json", folder=tmp_path)["summary"] == {"error": 2}
    with pytest.raises(pytest.fail.Exception, match="missing"):
        read_golden("absent.json", folder=tmp_path)


GOLDEN_TEST = """\
from pathlib import Path

from tests.golden_files import assert_golden


def test_output(update_goldens: bool) -> None:
    assert_golden("out.txt", "written\\n", update=update_goldens, folder=Path(__file__).parent)
"""


def _pytest(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != UPDATE_VARIABLE}
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest", *args]
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=False)


def test_only_the_command_line_flag_writes_goldens(tmp_path: Path) -> None:
    """End to end through the conftest option: without it a missing golden fails; with it, it is written."""
    (tmp_path / "test_output.py").write_text(GOLDEN_TEST)
    without = _pytest(tmp_path, "test_output.py")
    assert without.returncode == 1 and "out.txt is missing" in without.stdout, without.stdout + without.stderr
    assert not (tmp_path / "out.txt").exists()
    updating = _pytest(tmp_path, "test_output.py", UPDATE_OPTION)
    assert updating.returncode == 0, updating.stdout + updating.stderr
    assert (tmp_path / "out.txt").read_text() == "written\n"
    assert _pytest(tmp_path, "test_output.py").returncode == 0
