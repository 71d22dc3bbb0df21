"""JSON renderer: the report model as JSON, shaped by schemas/report.schema.json."""

from __future__ import annotations

from typing import Any


def render(report: Any, **_: Any) -> str:
    """Deterministic JSON: field order from the models, lists already sorted, no timestamps."""
    return str(report.model_dump_json(indent=2)) + "\n"
