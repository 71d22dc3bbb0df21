"""Text as messages and tables show it: on one line, each run of white space one space, cut to a length."""

from __future__ import annotations


def single_spaced(text: str) -> str:
    """The text on one line: each run of spaces, tabs and new lines becomes one space; none at the ends."""
    return " ".join(text.split())


def clipped(text: str, limit: int) -> str:
    """The text single-spaced and, when longer than ``limit`` characters, cut to fit with "..." at the end."""
    text = single_spaced(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
