"""Findings of an import, at their place in the source document."""

from __future__ import annotations

from speccheck.core.findings import Finding, Position, Severity
from speccheck.documents.model import Place


def position(shown: str, place: Place | None) -> Position:
    if place is None:
        return Position(path=shown, line=1, col=1)
    return Position(path=shown, line=place.ordinal, col=1, place=place.words())


def finding(rule_id: str, severity: Severity, message: str, shown: str, place: Place | None, fix: str) -> Finding:
    return Finding(rule_id=rule_id, severity=severity, message=message, position=position(shown, place), fix=fix)
