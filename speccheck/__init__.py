"""speccheck: rule-engine compliance checks for school leadership posts in England."""

from __future__ import annotations

__version__ = "0.1.0"
