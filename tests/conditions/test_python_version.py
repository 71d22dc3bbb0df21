"""Python 3.11 to 3.13: durable-rules 2.0.28 builds and imports on each (on 3.13 with the build define of
shared/durable_rules.md section 6, which the README's commands and .ci/run carry), and evaluates on the Python
running the suite (CI runs it on the newest the machine has too); a failed import is a clean error."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_package_takes_python_3_11_to_3_13() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    assert "durable-rules==2.0.28" in project["dependencies"]
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    define = "CPPFLAGS='-O2 -DPyEval_CallObject=PyObject_CallObject'"
    assert readme.count(define) >= 2 and ci.count(define) >= 2  # both set-up commands, and both CI runs


def test_durable_rules_imports_and_evaluates_on_this_python() -> None:
    """Whatever Python runs the suite (3.13 in CI's second run): the C engine loads and decides a criterion."""
    import durable_rules_engine  # noqa: F401 - the import is the test: 3.13 without the define fails here

    from speccheck.evaluate.plans import compile_role
    from speccheck.evaluate.verdicts import evaluate
    from speccheck.files.candidate import Candidate
    from speccheck.files.loader import load_as
    from speccheck.files.role import Role
    from speccheck.library.loading import load_library
    from speccheck.results.evaluation import Verdict

    role = load_as(ROOT / "samples" / "roles" / "head-of-school-completed.yaml", Role)
    compiled, problems = compile_role(role, load_library())
    assert compiled is not None, problems
    candidates = [load_as(p, Candidate) for p in sorted((ROOT / "samples" / "candidates").glob("*.yaml"))]
    import datetime as dt

    report = evaluate(compiled, candidates, dt.date(2025, 3, 1))
    decided = {r.verdict for c in report.candidates for r in c.results}
    assert {Verdict.MET, Verdict.NOT_MET} <= decided, (sys.version, decided)


def test_ci_finds_the_newest_python(tmp_path: Path) -> None:
    """.ci/run's newest(): the highest 3.11-3.13 that runs, among names on PATH and pyenv's versions."""
    ci = (ROOT / ".ci" / "run").read_text()
    functions = ci[ci.index("supported()") : ci.index('PYTHON="${PYTHON:-}"')]
    script = tmp_path / "newest.sh"
    script.write_text(functions + "newest\n")
    found = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=True).stdout.strip()
    assert found, "no Python found"
    version = subprocess.run(
        [found, "-c", "import sys; print(sys.version_info[:2] >= (3, 11))"], capture_output=True, text=True
    )
    assert version.stdout.strip() == "True"


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
