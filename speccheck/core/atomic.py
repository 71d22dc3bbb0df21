"""Writing output files whole or not at all, and leaving nothing behind.

The data goes to a temporary file in the target's folder, which is renamed
over the target once complete. Where the system allows it (Linux), the
temporary file has no name until it is complete (``O_TMPFILE``), so a run
killed mid-write (even by SIGKILL) leaves nothing; elsewhere it is a hidden
``.NAME.PID[.N].speccheck.tmp`` that is removed on any error or handled signal
(the command line turns SIGTERM and SIGHUP into an exit), and that the next
write of the same file removes if its process is gone. A target that is a
folder, or a folder that cannot be written, is a ``SpeccheckError``.

``write_atomic`` writes data that is ready (or comes as an iterable of
pieces); ``AtomicFile`` is written piece by piece as the pieces are made
(several outputs of one run at once) and appears at its path when its
``with`` ends without an error.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from speccheck.core.errors import SpeccheckError

_SUFFIX = ".speccheck.tmp"
_NUMBERS = itertools.count(1)  # temporary names of this process never repeat


def write_atomic(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    ``data`` is text, bytes, or text in pieces (a large report rendered as it
    is written); text is written as UTF-8, line endings as given.
    """
    pieces: Iterable[str | bytes] = [data] if isinstance(data, (str, bytes)) else data
    with AtomicFile(path) as out:
        for piece in pieces:
            out.write(piece)


class AtomicFile:
    """A file written in pieces: at ``path`` whole when the ``with`` ends cleanly, else nowhere."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stream: BinaryIO | None = None
        self._handle = -1  # the unnamed temporary file's descriptor, or -1
        self._named: Path | None = None  # the named temporary file, where there is no unnamed one

    def __enter__(self) -> AtomicFile:
        path = self.path
        try:
            if path.is_dir():
                raise SpeccheckError("is a folder; give a file name for the output", where=str(path))
            path.parent.mkdir(parents=True, exist_ok=True)
            _sweep(path)
            self._handle = _open_unnamed(path)
            if self._handle >= 0:
                self._stream = os.fdopen(self._handle, "wb", closefd=False)
            else:
                self._named = path.parent / f".{path.name}.{os.getpid()}.{next(_NUMBERS)}{_SUFFIX}"
                flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
                self._stream = os.fdopen(os.open(self._named, flags, 0o600), "wb")
        except OSError as exc:
            self._discard()
            raise _cannot_write(path, exc) from None
        return self

    def write(self, piece: str | bytes) -> None:
        assert self._stream is not None, "write inside the with"
        try:
            self._stream.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
        except OSError as exc:
            raise _cannot_write(self.path, exc) from None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if kind is not None:
            self._discard()
            return
        try:
            self._commit()
        except OSError as exc:
            raise _cannot_write(self.path, exc) from None
        finally:
            self._discard()

    def _commit(self) -> None:
        assert self._stream is not None
        self._stream.close()
        if self._named is not None:
            os.replace(self._named, self.path)
            self._named = None
            return
        named = self.path.parent / f".{self.path.name}.{os.getpid()}.{next(_NUMBERS)}{_SUFFIX}"
        os.link(f"/proc/self/fd/{self._handle}", named)
        try:
            os.replace(named, self.path)
        except BaseException:
            named.unlink(missing_ok=True)
            raise

    def _discard(self) -> None:
        """Close what is open and remove what is named (nothing, once committed)."""
        if self._stream is not None:
            with contextlib.suppress(OSError):
                self._stream.close()
            self._stream = None
        if self._handle >= 0:
            os.close(self._handle)
            self._handle = -1
        if self._named is not None:
            self._named.unlink(missing_ok=True)
            self._named = None


def _cannot_write(path: Path, exc: OSError) -> SpeccheckError:
    return SpeccheckError(f"cannot write the output: {exc.strerror or exc}", where=str(path))


def _open_unnamed(path: Path) -> int:
    """An unnamed temporary file in the target's folder that can be given a name, or -1 where the system
    has none (or refuses to name it: some file systems and sandboxes)."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not Path("/proc/self/fd").is_dir():
        return -1
    try:
        handle = os.open(path.parent, flag | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return -1
    try:
        probe = path.parent / f".{path.name}.{os.getpid()}.probe{_SUFFIX}"
        os.link(f"/proc/self/fd/{handle}", probe)
        probe.unlink()
    except OSError:
        os.close(handle)
        return -1
    return handle


def _sweep(path: Path) -> None:
    """Remove temporary files of ``path`` left by writers that were killed (their process is gone)."""
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)(?:\.probe|\.\d+)?{re.escape(_SUFFIX)}$")
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
