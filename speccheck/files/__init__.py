"""User files in, as validated models: one model module per file kind, and the positional loader."""

from __future__ import annotations
