"""Conditions proposed for criteria whose words the rule library already decides, never invented.

A proposal (``documents.proposals`` in the vocabulary) names the qualification
codes of the library's qualification families, or wordings with a number or a
key stage captured, and the condition to propose. The first proposal that
matches a criterion gives its condition; a condition that does not type-check
against the library's facts is not proposed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from speccheck.conditions.ast import Condition
from speccheck.conditions.typecheck import condition_findings
from speccheck.library.loading import RuleLibrary
from speccheck.text.scope import Stance

_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}


@dataclass(frozen=True)
class Proposal:
    id: str
    condition: dict[str, Any]


def propose(text: str, library: RuleLibrary) -> Proposal | None:
    words = library.vocabulary.documents
    if words is None:
        return None
    stances: Mapping[str, Stance] | None = None
    for proposal in words.proposals:
        if any(re.search(p, text, re.IGNORECASE) for p in proposal.unless):
            continue
        captured: dict[str, str] = {}
        if proposal.patterns:
            match = next((m for p in proposal.patterns if (m := re.search(p, text, re.IGNORECASE))), None)
            if match is None:
                continue
            captured = {k: v for k, v in match.groupdict().items() if v}
        codes: list[str] = []
        if proposal.qualifications:
            if stances is None:
                stances = library.normaliser.qualification_stances(text)
            # held, or (for a proposal whose wording says so) being worked towards
            allowed = (Stance.CLAIMED, Stance.PARTIAL) if proposal.patterns else (Stance.CLAIMED,)
            codes = [c for c in proposal.qualifications if c in stances and stances[c] in allowed]
            if not codes:
                continue
        condition = _fill(proposal.condition, captured, codes)
        if condition is not None and _checks(condition, library):
            return Proposal(proposal.id, condition)
    return None


def _fill(template: dict[str, Any], captured: dict[str, str], codes: list[str]) -> dict[str, Any] | None:
    text = json.dumps(template)
    for name, value in captured.items():
        number = _NUMBERS.get(value.lower()) if not value.isdigit() else int(value)
        if f'"{{{name}}}"' in text and number is not None:
            text = text.replace(f'"{{{name}}}"', str(number))
        text = text.replace(f"{{{name}}}", value.lower())
    shown: Any = codes[0] if len(codes) == 1 else codes
    text = text.replace('"{codes}"', json.dumps(shown))
    if re.search(r"\{[a-z]+\}", text):
        return None  # a placeholder the wording did not fill
    data: dict[str, Any] = json.loads(text)
    return data


_CONDITION: TypeAdapter[Condition] = TypeAdapter(Condition)


def _checks(condition: dict[str, Any], library: RuleLibrary) -> bool:
    try:
        parsed = _CONDITION.validate_python(condition)
    except ValidationError:
        return False
    return not condition_findings(parsed, library.candidate_catalogue(), at=("condition",), locate=None, fix="")
