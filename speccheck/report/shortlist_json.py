"""JSON renderer of a shortlist: the report model, field order from the models, no timestamps."""

from __future__ import annotations

from typing import Any

from speccheck.shortlist import ShortlistReport


def render(report: ShortlistReport, **_: Any) -> str:
    return report.model_dump_json(indent=2) + "\n"
