"""Where the bundled rules, schemas and samples live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # speccheck/


def bundled(name: str) -> Path:
    """Return the folder ``name`` (rules, schemas, samples) shipped with speccheck.

    A wheel carries them under ``speccheck/_bundled``; a source checkout (or an
    editable install) has them at the repository root beside the package.
    """
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / name
