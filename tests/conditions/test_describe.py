"""Conditions in words, as explanations show them."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from speccheck.conditions.ast import Condition
from speccheck.conditions.describe import describe
from speccheck.conditions.typecheck import Catalogue, FactSpec

CONDITION = TypeAdapter(Condition)
CATALOGUE = Catalogue(
    "candidate",
    [
        FactSpec("years", "number", "years teaching"),
        FactSpec("qts", "bool", "has QTS"),
        FactSpec("quals", "list", "qualifications"),
    ],
)


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"fact": "years", ">=": 5}, "years teaching at least 5"),
        ({"fact": "qts", "==": True}, "has QTS"),
        ({"fact": "unknown", "==": True}, "unknown is True"),
        ({"all": [{"fact": "quals", "has": ["NPQH", "NPQSL"]}]}, "qualifications include NPQH or NPQSL"),
        (
            {
                "all": [
                    {"fact": "years", ">=": 5},
                    {"any": [{"fact": "qts", "==": True}, {"fact": "quals", "has": "QTLS"}]},
                ]
            },
            "(years teaching at least 5 and (has QTS or qualifications include QTLS))",
        ),
        ({"not": {"fact": "years", "exists": True}}, "not years teaching given"),
    ],
)
def test_describe(data: dict[str, Any], words: str) -> None:
    assert describe(CONDITION.validate_python(data), CATALOGUE) == words
