"""The lint configuration file (speccheck.yaml, ``[tool.speccheck]``) and its baseline (``kind: waivers``) as models.

Unknown keys are refused (lint reports each one at its position and carries
on); a bare ``off`` that YAML 1.1 reads as false is taken as the setting.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from speccheck.core.findings import Severity
from speccheck.files.rules import DEFAULT_PROFILE

RuleSetting = Literal["error", "warning", "info", "off"]


class _Strict(BaseModel):
    # Built on first use: most runs have no configuration file, and start-up time counts.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class WaiverModel(_Strict):
    """A waiver: findings of one rule in matching files are accepted, for a reason, by someone, until a date."""

    rule: str = Field(min_length=1, description="Rule id whose findings are waived.")
    path: str = Field(
        min_length=1, description="Glob of files, relative to the configuration file ('**' spans folders)."
    )
    reason: str | None = Field(
        default=None, description="Why the findings are accepted; a waiver without one is a warning."
    )
    owner: str | None = Field(default=None, description="Who answers for the waiver.")
    expires: dt.date | None = Field(
        default=None, description="Last day the waiver holds; after it, the findings are reported again."
    )
    count: int | None = Field(
        default=None, ge=1, description="At most this many findings are waived (baselines record it)."
    )


def _off(value: Any) -> Any:
    """YAML 1.1 reads a bare ``off`` as false: take it as the setting it was meant to be."""
    if isinstance(value, dict):
        return {key: "off" if setting is False else setting for key, setting in value.items()}
    return value


class OverrideModel(_Strict):
    """Rule settings for the files that match one of the globs."""

    files: list[str] = Field(min_length=1, description="Globs of files, relative to the configuration file.")
    rules: dict[str, RuleSetting] = Field(default_factory=dict, description="Rule id -> error, warning, info or off.")

    _rules_off = field_validator("rules", mode="before")(_off)


class ConfigModel(_Strict):
    """The keys of speccheck.yaml (and of [tool.speccheck] in pyproject.toml)."""

    profile: str = Field(
        default=DEFAULT_PROFILE,
        description="Audit profile: a name (default, strict, or one in a rule folder's profiles/) or a path relative to this file.",
    )
    fail_on: Severity | None = Field(default=None, description="Exit 1 at or above this severity (default: error).")
    rule_folders: list[str] = Field(
        default_factory=list, description="Folders of your own rule files, added to the bundled ones."
    )
    rules: dict[str, RuleSetting] = Field(
        default_factory=dict, description="Rule id -> error, warning, info or off, for every file."
    )
    overrides: list[OverrideModel] = Field(
        default_factory=list, description="Rule settings for some files; later entries win."
    )
    exclude: list[str] = Field(default_factory=list, description="Globs of files never linted.")
    waivers: list[WaiverModel] = Field(
        default_factory=list, description="Accepted findings, each with reason, owner and expiry."
    )
    baseline: str | None = Field(default=None, description="A waivers file written by speccheck baseline.")

    _rules_off = field_validator("rules", mode="before")(_off)


class WaiversFileModel(_Strict):
    """A baseline: waivers written by ``speccheck baseline``."""

    kind: Literal["waivers"] = Field(description="Always 'waivers'.")
    version: Literal[1] = Field(description="File format version.")
    waivers: list[WaiverModel] = Field(default_factory=list, description="The waivers.")
