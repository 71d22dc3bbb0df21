"""Spec files for CI: the lint run, configuration, suppressions and baseline."""

from __future__ import annotations
