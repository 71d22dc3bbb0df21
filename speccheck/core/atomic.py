"""Writing output files whole or not at all, and leaving nothing behind.

The data goes to a temporary file in the target's folder, which is renamed
over the target once complete. Where the system allows it (Linux), the
temporary file has no name until it is complete (``O_TMPFILE``), so a run
killed mid-write (even by SIGKILL) leaves nothing; elsewhere it is a hidden
``.NAME.PID.speccheck.tmp`` that is removed on any error or handled signal
(the command line turns SIGTERM and SIGHUP into an exit), and that the next
write of the same file removes if its process is gone. A target that is a
folder, or a folder that cannot be written, is a ``SpeccheckError``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from speccheck.core.errors import SpeccheckError

_SUFFIX = ".speccheck.tmp"


def write_atomic(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    ``data`` is text, bytes, or text in pieces (a large report rendered as it
    is written); text is written as UTF-8, line endings as given.
    """
    pieces: Iterable[str | bytes] = [data] if isinstance(data, (str, bytes)) else data
    try:
        if path.is_dir():
            raise SpeccheckError("is a folder; give a file name for the output", where=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep(path)
        if not _write_unnamed(path, pieces):
            _write_named(path, pieces)
    except OSError as exc:
        raise SpeccheckError(f"cannot write the output: {exc.strerror or exc}", where=str(path)) from None


def _write_unnamed(path: Path, pieces: Iterable[str | bytes]) -> bool:
    """Write through an unnamed temporary file; False (nothing consumed) where the system has none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return False
    try:
        handle = os.open(path.parent, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return False
    named = None
    try:
        try:  # can this file be given a name? (some file systems and sandboxes refuse)
            probe = path.parent / f".{path.name}.{os.getpid()}.probe{_SUFFIX}"
            os.link(f"/proc/self/fd/{handle}", probe)
            probe.unlink()
        except OSError:
            return False
        with os.fdopen(handle, "wb", closefd=False) as stream:
            _write(stream, pieces)
        named = path.parent / f".{path.name}.{os.getpid()}{_SUFFIX}"
        named.unlink(missing_ok=True)
        os.link(f"/proc/self/fd/{handle}", named)
        os.replace(named, path)
        named = None
        return True
    finally:
        os.close(handle)
        if named is not None:
            named.unlink(missing_ok=True)


def _write_named(path: Path, pieces: Iterable[str | bytes]) -> None:
    temporary = path.parent / f".{path.name}.{os.getpid()}{_SUFFIX}"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            _write(stream, pieces)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write(stream: BinaryIO, pieces: Iterable[str | bytes]) -> None:
    for piece in pieces:
        stream.write(piece.encode("utf-8") if isinstance(piece, str) else piece)


def _sweep(path: Path) -> None:
    """Remove temporary files of ``path`` left by writers that were killed (their process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)(?:\.probe)?{re.escape(_SUFFIX)}$")
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        found = pattern.match(name)
        if found and not _alive(int(found.group(1))):
            (path.parent / name).unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
