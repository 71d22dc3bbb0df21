"""durable_rules sessions: every evaluation deletes its session, and memory stays flat over many.

The engine fails with MemoryError at 1,025 live sessions per ruleset and does
not give memory back (shared/durable_rules.md §4), so the engine adapter opens
one session per ruleset per evaluation and deletes it in a ``finally:`` block.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import durable_rules_engine as dre
import pytest

from speccheck.conditions.engine import Engine
from speccheck.evaluate.features import feature_values
from speccheck.evaluate.plans import CompiledRole, compile_role
from speccheck.facts.candidate import candidate_facts
from speccheck.facts.values import engine_values
from speccheck.files.candidate import Candidate
from speccheck.files.loader import load_file
from speccheck.files.role import Role
from speccheck.library.loading import RuleLibrary

ROOT = Path(__file__).resolve().parents[2]


def rulesets_of(engine: Engine) -> list[Any]:
    """Every loaded ruleset of an engine (derivation strata and criteria); never empty for a loaded program."""
    found: list[Any] = [*engine._criteria, *(ruleset for stratum in engine._strata for ruleset in stratum)]
    assert found, "the engine holds no ruleset: every program has at least one"
    return found


# --------------------------------------------------------------------------- live sessions


@pytest.fixture(scope="module")
def sample_role(library: RuleLibrary) -> CompiledRole:
    path = ROOT / "samples" / "roles" / "assistant-head-teaching-learning.yaml"
    if not path.exists():
        pytest.skip("sample role missing")
    loaded = load_file(path)
    assert isinstance(loaded.model, Role), loaded.findings
    compiled, findings = compile_role(loaded, library)
    assert compiled is not None, findings
    return compiled


@pytest.fixture(scope="module")
def sample_inputs(sample_role: CompiledRole, library: RuleLibrary) -> list[dict[str, Any]]:
    """Engine inputs for every sample candidate, plus an empty application (all unknown)."""
    inputs: list[dict[str, Any]] = [{}]
    for path in sorted((ROOT / "samples" / "candidates").glob("*.yaml")):
        loaded = load_file(path)
        assert isinstance(loaded.model, Candidate), loaded.findings
        facts = candidate_facts(loaded.model, library.normaliser, sample_role.role.issued or dt.date(2025, 9, 1))
        values = engine_values(facts)
        values.update(feature_values(sample_role.program, facts, closed_world=False)[0])
        inputs.append(values)
    return inputs


def test_three_thousand_evaluations_leave_no_live_session(
    sample_role: CompiledRole, sample_inputs: list[dict[str, Any]]
) -> None:
    """Three times the 1,024 sessions a ruleset can hold: every session must be deleted."""
    engine = Engine(sample_role.program)
    try:
        first = [engine.run(values) for values in sample_inputs]
        for n in range(3000):
            index = n % len(sample_inputs)
            assert engine.run(sample_inputs[index]) == first[index]
        rulesets = rulesets_of(engine)
        assert rulesets and all(r.live == 0 for r in rulesets)
        for ruleset in rulesets:  # the engine itself holds no state for old sessions
            for sid in ("0", "1", "1500", "2999"):
                with pytest.raises(dre.error, match="309"):
                    dre.get_state(ruleset.handle, sid)
    finally:
        engine.close()


# --------------------------------------------------------------------------- stress


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    pytest.skip("no /proc/self/status")


@pytest.mark.slow
def test_ten_thousand_evaluations_keep_memory_flat(
    sample_role: CompiledRole, sample_inputs: list[dict[str, Any]]
) -> None:
    engine = Engine(sample_role.program)
    try:
        expected = [engine.run(values) for values in sample_inputs]
        for n in range(500):
            engine.run(sample_inputs[n % len(sample_inputs)])
        before = _rss_kb()
        for n in range(10_000):
            index = n % len(sample_inputs)
            assert engine.run(sample_inputs[index]) == expected[index]
        grown_mb = (_rss_kb() - before) / 1024
        assert grown_mb < 20, f"resident memory grew {grown_mb:.1f} MB over 10,000 evaluations"
        assert all(r.live == 0 for r in rulesets_of(engine))
    finally:
        engine.close()
