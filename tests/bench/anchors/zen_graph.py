"""The ZEN anchor: the role's conditions as a GoRules JSON decision model (JDM), one evaluation per candidate.

The graph is input -> one expression node per stratum of derived facts -> one expression node for
the answers -> output. A derived fact's expression is ``met ? true : (decided false ? false : null)``
(see ``expressions.py``); its node passes its input through, so the next stratum reads the base facts
and the derived ones. The last node returns each unit's answer under a key of its own (``u0``,
``u1`` ...), so a criterion id never collides with a fact name. Text features arrive as booleans
decided in Python (the earlier "regex done in Python" ZEN figure): ZEN never sees the texts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import pairwise
from typing import Any

from expressions import ZEN, holds
from workload import Truth, Unit

_POSITION = {"x": 0, "y": 0}


def _answer(condition: dict[str, Any], features: dict[tuple[str, tuple[str, ...]], str]) -> str:
    met = holds(ZEN, condition, features)
    decided_false = holds(ZEN, condition, features, negated=True)
    return f"({met}) ? true : (({decided_false}) ? false : null)"


def _node(node_id: str, expressions: list[tuple[str, str]], *, pass_through: bool) -> dict[str, Any]:
    return {
        "id": node_id,
        "type": "expressionNode",
        "name": node_id,
        "position": _POSITION,
        "content": {
            "expressions": [{"id": f"{node_id}-{i}", "key": k, "value": v} for i, (k, v) in enumerate(expressions)],
            "passThrough": pass_through,
        },
    }


def decision_model(units: list[Unit], features: dict[tuple[str, tuple[str, ...]], str]) -> dict[str, Any]:
    """The JDM graph deciding every unit."""
    nodes: list[dict[str, Any]] = [{"id": "input", "type": "inputNode", "name": "input", "position": _POSITION}]
    strata = sorted({u.stratum for u in units if u.derived})
    for level in strata:
        derived = [(u.name, _answer(u.condition, features)) for u in units if u.derived and u.stratum == level]
        nodes.append(_node(f"stratum{level}", derived, pass_through=True))
    answers = [(f"u{index}", u.name if u.derived else _answer(u.condition, features)) for index, u in enumerate(units)]
    nodes.append(_node("answers", answers, pass_through=False))
    nodes.append({"id": "output", "type": "outputNode", "name": "output", "position": _POSITION})
    edges = [
        {"id": f"e{i}", "sourceId": a["id"], "targetId": b["id"], "type": "edge"}
        for i, (a, b) in enumerate(pairwise(nodes))
    ]
    return {"nodes": nodes, "edges": edges}


def compile_units(
    units: list[Unit], features: dict[tuple[str, tuple[str, ...]], str]
) -> Callable[[dict[str, Any]], list[Truth]]:
    """A ZenEngine decision for the units; the result decides one candidate's values."""
    import zen

    engine = zen.ZenEngine()
    decision = engine.create_decision(zen.ZenDecisionContent(json.dumps(decision_model(units, features))))
    keys = [f"u{index}" for index in range(len(units))]

    def decide(values: dict[str, Any]) -> list[Truth]:
        result = decision.evaluate(values)["result"]
        return [result.get(key) for key in keys]

    return decide
