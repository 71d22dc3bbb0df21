"""Panel score sheets and moderation files written as YAML (or JSON): ``kind: scores`` and ``kind: moderation``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from speccheck.core.model import StrictModel


class SheetScore(StrictModel):
    """One score in a YAML sheet."""

    panellist: str | None = Field(default=None, min_length=1, description="Overrides the sheet's panellist.")
    candidate: str = Field(min_length=1, description="Candidate id, or blind code in anonymised panels.")
    criterion: str = Field(min_length=1, description="Criterion id in the role.")
    score: int = Field(description="Score on the role's scale (0 to scoring.scale_max).")
    note: str | None = Field(default=None, description="The panellist's note.")


class SheetConflict(StrictModel):
    """A declared conflict of interest with one candidate."""

    panellist: str | None = Field(default=None, min_length=1, description="Overrides the sheet's panellist.")
    candidate: str = Field(min_length=1, description="Candidate id or blind code.")
    reason: str | None = Field(default=None, description="Why, e.g. 'former colleague'.")


class ScoreSheet(StrictModel):
    """A panellist's score sheet."""

    kind: Literal["scores"] = Field(description="Always 'scores'.")
    version: Literal[1] = Field(description="File format version.")
    panellist: str | None = Field(default=None, min_length=1, description="Whose sheet this is.")
    conflicts: list[SheetConflict] = Field(default_factory=list, description="Declared conflicts of interest.")
    scores: list[SheetScore] = Field(default_factory=list, description="The scores.")


class SheetModerated(StrictModel):
    """One score the panel agreed, with its reason."""

    candidate: str = Field(min_length=1, description="Candidate id or blind code.")
    criterion: str = Field(min_length=1, description="Criterion id in the role.")
    score: int = Field(description="The agreed score.")
    reason: str = Field(min_length=1, description="Why the panel agreed this score.")


class ModerationFile(StrictModel):
    """The panel's moderated scores."""

    kind: Literal["moderation"] = Field(description="Always 'moderation'.")
    version: Literal[1] = Field(description="File format version.")
    moderated: list[SheetModerated] = Field(default_factory=list, description="Agreed scores with reasons.")
