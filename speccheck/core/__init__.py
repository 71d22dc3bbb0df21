"""The bottom layer: findings, errors, positions in YAML, atomic writes, bundled resources. Imports nothing above it."""

from __future__ import annotations
