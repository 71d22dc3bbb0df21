"""durable-rules 2.0.28 does not import on Python 3.13: the package says so, and a failed import is a clean error."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_refuses_python_3_13() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.13"
    assert "durable-rules==2.0.28" in project["dependencies"]


def test_an_engine_that_cannot_load_is_a_clean_usage_error(tmp_path: Path) -> None:
    role = ROOT / "samples" / "roles" / "head-of-school-completed.yaml"
    code = (
        "import sys; sys.modules['durable_rules_engine'] = None\n"  # makes the import fail as on 3.13
        "from speccheck.cli import main\n"
        f"sys.exit(main(['evaluate', {str(role)!r}, {str(ROOT / 'samples' / 'candidates')!r}]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "durable_rules engine cannot be loaded" in run.stderr
    assert "Traceback" not in run.stderr
