"""The base of every file model: unknown keys refused, values frozen, aliases accepted."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    # Built on first use (pydantic's defer_build): a run validates one or two kinds of file, and building the
    # validators of all of them (rule files, candidates, score sheets) cost a tenth of a second at every start.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
