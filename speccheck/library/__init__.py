"""Rule folders in, as one rule library: derivations, checks, duty catalogues, vocabulary, profiles."""

from __future__ import annotations
