"""Reading an input file: regular files only, never more bytes than a cap, never blocking.

Every input speccheck reads (spec files, candidate files, score sheets, CSV
files, configuration, records) comes through ``read_capped``. A FIFO, a
device such as ``/dev/zero``, a socket or a folder is refused before a byte is
read (the file is opened non-blocking, so a FIFO with no writer cannot hang
the run), and the cap is enforced while reading, so a file that grows (or
lies about its size) still cannot exhaust memory.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

_CHUNK = 1 << 20
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class ReadProblem(Exception):
    """Why a file was not read: a rule id, a lower-case message and what to do."""

    rule_id: str
    message: str
    fix: str
    size: int | str | None = None  # for file-too-large: the size found ("more than N" when it grew while read)

    def __str__(self) -> str:
        return self.message


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def too_large(size: int | str, limit: int) -> ReadProblem:
    return ReadProblem(
        rule_id="file-too-large", message=f"file is {size} bytes; the limit is {limit}", fix="split the file", size=size
    )


def _unreadable(exc: OSError) -> ReadProblem:
    return ReadProblem(
        rule_id="file-unreadable",
        message=f"cannot read file: {exc.strerror or exc}",
        fix="check the path and permissions",
    )


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``ReadProblem`` otherwise."""
    try:
        handle = os.open(path, _FLAGS)
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        mode = os.fstat(handle)
        if not stat.S_ISREG(mode.st_mode):
            raise ReadProblem(
                rule_id="file-unreadable",
                message=f"is {_kind(mode.st_mode)}, not a file; it is not read",
                fix="give a regular file",
            )
        if mode.st_size > limit:
            raise too_large(mode.st_size, limit)
        os.set_blocking(handle, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(handle, min(_CHUNK, limit + 1 - total))
            except OSError as exc:
                raise _unreadable(exc) from None
            if not chunk:
                return b"".join(chunks)
            total += len(chunk)
            if total > limit:
                raise too_large(f"more than {limit}", limit)
            chunks.append(chunk)
    finally:
        os.close(handle)


def is_file(path: Path) -> bool:
    """Whether ``path`` names a regular file; False for anything else, including a name the system refuses."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, ValueError):
        return False


def is_folder(path: Path) -> bool:
    """Whether ``path`` names a folder; False for anything else, including a name the system refuses."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except (OSError, ValueError):
        return False
