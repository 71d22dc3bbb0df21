"""The rule-engine anchor: each condition as ``rule_engine.Rule`` expressions, matched per candidate.

Each unit is two rules (holds; decided false: see ``expressions.py``), matched in stratum order on
the candidate's values with the derived facts added as they are decided. Missing facts resolve to
null (``Context(default_value=None)``). Text features arrive as booleans decided in Python: the
rules never see the texts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from expressions import RULE_ENGINE, holds
from workload import Truth, Unit


def compile_units(
    units: list[Unit], features: dict[tuple[str, tuple[str, ...]], str]
) -> Callable[[dict[str, Any]], list[Truth]]:
    """The rules for every unit; the result decides one candidate's values."""
    import rule_engine

    context = rule_engine.Context(default_value=None)
    plan = [
        (
            unit.name,
            unit.derived,
            rule_engine.Rule(holds(RULE_ENGINE, unit.condition, features), context=context).matches,
            rule_engine.Rule(holds(RULE_ENGINE, unit.condition, features, negated=True), context=context).matches,
        )
        for unit in units
    ]

    def decide(values: dict[str, Any]) -> list[Truth]:
        known = dict(values)
        answers: list[Truth] = []
        for name, derived, met, decided_false in plan:
            truth: Truth = True if met(known) else False if decided_false(known) else None
            if derived and truth is not None:
                known[name] = truth
            answers.append(truth)
        return answers

    return decide
