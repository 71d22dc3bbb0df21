"""Every file kind a user can give, by its ``kind:`` key."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BaseModel,
    Field,
)

from speccheck.files.candidate import Candidate
from speccheck.files.role import Role
from speccheck.files.rules import (
    CheckRule,
    DerivationRule,
    DutyCatalogue,
    Profile,
    Vocabulary,
)

RuleFile = Annotated[
    DerivationRule | CheckRule,
    Field(discriminator="type"),
]

FILE_KINDS: dict[str, type[BaseModel]] = {
    "role": Role,
    "candidate": Candidate,
    "duties": DutyCatalogue,
    "vocabulary": Vocabulary,
    "profile": Profile,
}
