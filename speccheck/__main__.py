"""Entry point for ``python -m speccheck``."""

from __future__ import annotations

import sys

from speccheck.cli import main

sys.exit(main())
