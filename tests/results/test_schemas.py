"""Exported JSON Schemas match the models (drift test) and validate the samples."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from speccheck.results.schemas import render, schemas

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(schemas()))
def test_committed_schema_matches_models(name: str) -> None:
    committed = ROOT / "schemas" / name
    assert committed.exists(), f"run: speccheck schema export schemas  ({name} missing)"
    assert committed.read_text() == render(schemas()[name]), f"{name} drifted: run speccheck schema export schemas"


SAMPLES = sorted((ROOT / "samples").rglob("*.yaml"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_samples_validate_against_their_schema(path: Path) -> None:
    first = path.read_text().splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), "every sample names its schema"
    schema_path = (path.parent / first.split("=", 1)[1]).resolve()
    schema = json.loads(schema_path.read_text())
    data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    jsonschema.Draft202012Validator(schema).validate(data)


RULE_FILES = sorted((ROOT / "rules").rglob("*.yaml"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rule_files_name_their_schema(path: Path) -> None:
    assert path.read_text().startswith("# yaml-language-server: $schema=")
