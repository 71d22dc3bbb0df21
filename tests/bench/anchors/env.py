"""The anchors' own virtual environment: the engines and tools speccheck is measured beside.

    python tests/bench/anchors/env.py            # create it (or check it) and print what is installed

GoRules ZEN (``zen-engine``), ``rule-engine``, ``check-jsonschema`` and PyYAML with libyaml are
installed in a separate virtual environment, never in the project's: they are yardsticks, not
dependencies. The environment lives at ``$SPECCHECK_BENCH_VENV`` or, by default, ``.bench-venv/`` at
the repository root (ignored by git). Creating it again is a no-op when every package already imports
at its pinned version. The anchors that need speccheck run in the project's interpreter; the ones that
need these packages run in this environment's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
VENV_VARIABLE = "SPECCHECK_BENCH_VENV"
# Pinned so that figures from different days compare the same yardsticks.
PACKAGES = {
    "zen-engine": "2.1.3",
    "rule-engine": "5.1.0",
    "check-jsonschema": "0.39.0",
    "PyYAML": "6.0.3",
}
_PROBE = """
import importlib.metadata as md, json, sys
import yaml, zen, rule_engine  # noqa: F401
versions = {name: md.version(name) for name in sys.argv[1:]}
versions["libyaml"] = yaml.__with_libyaml__ and yaml.CSafeLoader is not None
versions["python"] = sys.version.split()[0]
print(json.dumps(versions))
"""


def venv_dir() -> Path:
    """Where the anchors' environment is (or will be)."""
    given = os.environ.get(VENV_VARIABLE)
    return Path(given).expanduser().resolve() if given else ROOT / ".bench-venv"


def bench_python() -> Path:
    """The anchors' interpreter."""
    return venv_dir() / "bin" / "python"


def bench_bin(name: str) -> Path:
    """A command installed in the anchors' environment (e.g. ``check-jsonschema``)."""
    return venv_dir() / "bin" / name


def installed() -> dict[str, object] | None:
    """Versions of the pinned packages in the environment, or None when it is missing or incomplete."""
    python = bench_python()
    if not python.exists():
        return None
    done = subprocess.run(
        [str(python), "-c", _PROBE, *PACKAGES], capture_output=True, text=True, check=False, cwd=venv_dir()
    )
    if done.returncode != 0:
        return None
    versions: dict[str, object] = json.loads(done.stdout)
    if any(versions.get(name) != version for name, version in PACKAGES.items()) or not versions["libyaml"]:
        return None
    return versions


def ensure(*, quiet: bool = False) -> dict[str, object]:
    """Create the environment if needed and install the pinned packages; return their versions."""
    versions = installed()
    if versions is not None:
        return versions
    target = venv_dir()
    if not bench_python().exists():
        if not quiet:
            print(f"creating the anchors' environment in {target}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=False).create(target)
    pins = [f"{name}=={version}" for name, version in PACKAGES.items()]
    # --only-binary for PyYAML: its wheels carry libyaml; a source build without the headers would not.
    subprocess.run(
        [str(bench_python()), "-m", "pip", "install", "--quiet", "--only-binary", "PyYAML", *pins],
        check=True,
        stdout=sys.stderr if not quiet else subprocess.DEVNULL,
    )
    versions = installed()
    if versions is None:
        raise SystemExit(f"the anchors' environment in {target} is incomplete after installing {', '.join(pins)}")
    return versions


def main() -> int:
    versions = ensure()
    print(f"anchors' environment: {venv_dir()}")
    print(f"python {versions['python']}; PyYAML with libyaml: {versions['libyaml']}")
    for name in PACKAGES:
        print(f"{name} {versions[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
