"""What the readers of each document kind produce before ids are given and the file is written."""

from __future__ import annotations

from dataclasses import dataclass, field

from speccheck.documents.model import Place
from speccheck.files.role import Assessment, Category, Level
from speccheck.importing.items import ConditionalLevel


@dataclass
class CriterionDraft:
    """A criterion as read: its words, level, category, how it is assessed, and where it stood."""

    text: str
    place: Place
    level: Level | None = None
    category: Category | None = None
    heading: str | None = None  # the category heading as written
    assessed_by: list[Assessment] = field(default_factory=list)
    conditional: ConditionalLevel | None = None
    level_from: str = ""  # how the level was read, for the comment


@dataclass
class DutyDraft:
    text: str
    place: Place
    heading: str | None = None


@dataclass
class Field:
    """A labelled value: 'Responsible to: the Headteacher'."""

    value: str
    place: Place
