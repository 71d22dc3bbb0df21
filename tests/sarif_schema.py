"""The OASIS SARIF 2.1.0 schema, read from ../shared/data/ (never copied into the project)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import jsonschema
import pytest

SHARED_SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sarif-schema-2.1.0.json"


@lru_cache(maxsize=1)
def _load() -> dict[str, object] | None:
    if not SHARED_SCHEMA.exists():
        return None
    loaded: dict[str, object] = json.loads(SHARED_SCHEMA.read_text())
    return loaded


def validator() -> jsonschema.Draft4Validator:
    """A validator for SARIF logs; skips the test with a reason when shared/ is not beside the checkout."""
    schema = _load()
    if schema is None:
        pytest.skip(f"the SARIF 2.1.0 schema is read from {SHARED_SCHEMA}, which is absent here")
    return jsonschema.Draft4Validator(schema)
