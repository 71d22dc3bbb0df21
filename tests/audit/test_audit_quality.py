"""Audit quality on published role definitions restated by someone who never read the rule files, pinned.

tests/bench/audit/measure_audit.py prints the figures in full (findings as an HR reviewer's problem codes,
and statement–duty coverage pairs). The held-out roles were measured once, at the end of the audit work
(issue 10), and are pinned as they were: they are not tuned on. Raise a floor when the figures rise; a fall
is a regression to explain.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench" / "audit" / "measure_audit.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_measure", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_findings_and_duty_coverage_on_the_development_roles(bench: ModuleType) -> None:
    figures = bench.measure(heldout=False)
    assert figures.findings.recall >= 0.923 and figures.findings.precision >= 0.989, figures.misses
    assert figures.duties.recall >= 0.906 and figures.duties.precision >= 0.852, figures.misses


def test_findings_and_duty_coverage_on_the_held_out_roles(bench: ModuleType) -> None:
    figures = bench.measure(heldout=True)
    assert figures.findings.recall >= 0.774 and figures.findings.precision >= 0.923, figures.misses
    assert figures.duties.recall >= 0.611 and figures.duties.precision >= 0.846, figures.misses
