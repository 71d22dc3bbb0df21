"""Every file kind a user can give, by its ``kind:`` key, and the models they load as."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

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

# A model of any file kind, as the loader returns it before a command narrows it to the kind it needs.
FileModel = Role | Candidate | DutyCatalogue | Vocabulary | Profile | DerivationRule | CheckRule

FILE_KINDS: dict[str, type[Role | Candidate | DutyCatalogue | Vocabulary | Profile]] = {
    "role": Role,
    "candidate": Candidate,
    "duties": DutyCatalogue,
    "vocabulary": Vocabulary,
    "profile": Profile,
}
