"""Rule folders in, as one rule library (derivations, checks, duty catalogues, vocabulary, profiles), and a role's conditions compiled against it."""

from __future__ import annotations
