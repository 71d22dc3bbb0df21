"""Audit quality on published role definitions restated by someone who never read the rule files, pinned.

tests/bench/audit/measure_audit.py prints the figures in full (findings as an HR reviewer's problem codes,
and statement–duty coverage pairs). The held-out part is kept for the end of the audit work (issue 10).
Raise a floor when the figures rise; a fall is a regression to explain.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "audit" / "measure_audit.py"


def test_findings_and_duty_coverage_on_the_development_roles() -> None:
    spec = importlib.util.spec_from_file_location("audit_measure", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    figures = module.measure(heldout=False)
    assert figures.findings.recall >= 0.644 and figures.findings.precision >= 0.592, figures.misses
    assert figures.duties.recall >= 0.718 and figures.duties.precision >= 0.766, figures.misses
