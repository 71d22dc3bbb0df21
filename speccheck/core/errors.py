"""The one user-facing error type and the process exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of every speccheck command."""

    OK = 0  # nothing at or above the failure threshold
    FINDINGS = 1  # findings at or above --fail-on, or a candidate/role could not be checked
    USAGE = 2  # bad arguments or configuration
    INTERNAL = 3  # a bug in speccheck: please report it


class SpeccheckError(Exception):
    """An error a user can act on: says where (if known) and what to do."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        self.message = message
        self.where = where
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class EngineLimitError(SpeccheckError):
    """A compiled spec or a fact would cross one of durable_rules' hard limits."""
