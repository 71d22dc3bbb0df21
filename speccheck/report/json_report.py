"""JSON renderer: the report model as JSON, shaped by schemas/report.schema.json."""

from __future__ import annotations

from pydantic import BaseModel


def render(report: BaseModel, **_: object) -> str:
    """Deterministic JSON: field order from the models, lists already sorted, no timestamps."""
    return report.model_dump_json(indent=2) + "\n"
