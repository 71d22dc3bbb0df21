"""Control characters out of text that people read: terminals, spreadsheets, one-line formats.

Text from files (a candidate's name, a panellist's note) can carry terminal
escape sequences (clear the screen, set the window title), characters a
spreadsheet cannot hold, or bidirectional overrides that make text read
differently from what it is. ``without_controls`` removes them: every C0
control but tab and new line, DEL, every C1 control (``\\x9b`` starts an
escape sequence on some terminals) and the bidirectional embedding, override
and isolate characters. What is left prints as the characters it is.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile("[\t\n]")


def without_controls(text: str, *, lines: bool = True) -> str:
    """``text`` with control characters removed; with ``lines`` False, tabs and new lines become spaces too."""
    cleaned = _CONTROLS.sub("", text)
    return cleaned if lines else _BREAKS.sub(" ", cleaned)
