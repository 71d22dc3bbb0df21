"""The compiled rule library kept on disk between runs: read back in about a twentieth of the time loading takes.

Loading the bundled library (79 files: parse with positions, validate, compile
and check every pattern, cross-check the library) costs about 0.2 s at every
start; reading it back from this cache costs about 0.01 s. An entry is named
by a key over everything its content depends on: the cache format, speccheck's
version and the size and modification time of every module of the package (a
changed model or loader in a checkout is a new key even at the same version),
the Python, pydantic-core and PyYAML versions, the rule folders given, and the
path and SHA-256 of every rule file, hashed from the very bytes the library is
then built from. A changed rule file is therefore a new entry, never a stale
one.

The entries are pickles, and unpickling untrusted data can run code, so an
entry is trusted only as far as where it lives and how it was checked:

- the cache folder must be a folder owned by the user running speccheck that
  no one else can read, write or enter (mode 0700; it is created so), and an
  entry must be a regular file owned by that user that no one else can write,
  opened without following a symbolic link. Whoever could plant a file there
  could already run code as this user (by editing their shell start-up files,
  say), so a pickle there adds no way in. Where owners cannot be checked (a
  system without ``os.getuid``) the cache is not used at all;
- the entry starts with a header naming the format, its key and the SHA-256
  of the pickle: a truncated, corrupt or foreign entry is never unpickled;
- the unpickler resolves only speccheck's own model, enum and dataclass
  classes and ``datetime`` values (a rule library holds nothing else), so even
  a crafted entry cannot name ``os.system`` or any other callable.

A JSON form validated on load would need no such care, but validating is what
makes loading slow (compiling and checking about 430 patterns is half of it).

Anything wrong with an entry (unreadable, foreign, truncated, corrupt, from
another version) makes it a miss: the library is loaded from its files and the
entry written again, whole (``core.atomic``: a temporary file renamed over
it), or not at all. Nothing here raises, and a result never depends on whether
the cache was used. The newest ``KEEP`` entries are kept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import gc
import hashlib
import io
import os
import pickle
import stat
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from speccheck import __version__
from speccheck.core.atomic import write_atomic
from speccheck.core.errors import SpeccheckError

FORMAT = 1
MAGIC = b"speccheck rule library cache\n"
PREFIX, SUFFIX = "library-", ".pickle"
KEEP = 8  # entries kept: one per combination of rule folders, versions and checkouts in use
MAX_BYTES = 64 * 1024 * 1024  # far above a real library (about 1 MB for the bundled rules)
_PACKAGE = Path(__file__).resolve().parents[1]
_PLAIN_CLASSES = {("datetime", "date"): dt.date, ("datetime", "datetime"): dt.datetime}

T = TypeVar("T")


def _uid() -> int | None:
    """The user the cache must belong to; None where the system has no owners to check."""
    getuid = getattr(os, "getuid", None)
    return getuid() if getuid is not None else None


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """Every module of the package by size and modification time: a change to the code is a new key."""
    digest = hashlib.sha256()
    for folder, folders, names in os.walk(_PACKAGE):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                info = os.stat(path)
                digest.update(f"{os.path.relpath(path, _PACKAGE)}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def library_key(roots: Sequence[Path], files: Sequence[tuple[str, bytes]]) -> str:
    """The key of a library loaded from ``roots`` whose rule files are ``files`` (each as shown, and its bytes)."""
    import pydantic_core
    import yaml

    digest = hashlib.sha256()
    for part in (
        f"format {FORMAT}",
        f"speccheck {__version__}",
        f"code {_code_fingerprint()}",
        f"python {sys.implementation.name} {sys.version}",
        f"pydantic-core {pydantic_core.__version__}",
        f"pyyaml {yaml.__version__} {getattr(yaml, '__with_libyaml__', False)}",
        *(f"root {root}" for root in roots),
    ):
        digest.update(part.encode("utf-8", "surrogateescape") + b"\n")
    for shown, raw in files:
        digest.update(f"file {shown} {hashlib.sha256(raw).hexdigest()}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _private(folder: Path, uid: int) -> bool:
    """Whether ``folder`` is a folder of ``uid``'s that no one else may read, write or enter."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == uid and info.st_mode & 0o077 == 0


def _entry(folder: Path, key: str) -> Path:
    return folder / f"{PREFIX}{key}{SUFFIX}"


def _header(key: str, payload: bytes) -> bytes:
    return MAGIC + f"{FORMAT} {key} {hashlib.sha256(payload).hexdigest()}\n".encode("ascii")


class _LibraryUnpickler(pickle.Unpickler):
    """Resolves only what a rule library is made of: speccheck's models, enums and dataclasses, and dates."""

    def find_class(self, module: str, name: str) -> type:
        plain = _PLAIN_CLASSES.get((module, name))
        if plain is not None:
            return plain
        if (module == "speccheck" or module.startswith("speccheck.")) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type) and (
                issubclass(found, (BaseModel, enum.Enum)) or dataclasses.is_dataclass(found)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a rule library")


def _read_entry(path: Path, uid: int) -> bytes | None:
    """The entry's bytes if it is a regular file of ``uid``'s that no one else may write; None otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_uid != uid or info.st_mode & 0o022 or info.st_size > MAX_BYTES:
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read(MAX_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(handle)


def read_cached(folder: Path, key: str, kind: type[T]) -> T | None:
    """The ``kind`` value cached under ``key`` in ``folder``, or None when there is none to trust."""
    uid = _uid()
    if uid is None or not _private(folder, uid):
        return None
    data = _read_entry(_entry(folder, key), uid)
    if data is None or len(data) > MAX_BYTES or not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", len(MAGIC))
    payload = data[end + 1 :]
    if end < 0 or data[: end + 1] != _header(key, payload):
        return None  # another format or key, truncated or corrupt: never unpickled
    collecting = gc.isenabled()
    gc.disable()  # unpickling makes many objects that hold no cycles: collecting while it runs costs 3x
    try:
        value = _LibraryUnpickler(io.BytesIO(payload)).load()
    except Exception:  # a checked entry that still does not load (a class renamed in place): a miss, never a crash
        return None
    finally:
        if collecting:
            gc.enable()
    return value if isinstance(value, kind) else None


def write_cached(folder: Path, key: str, value: object) -> None:
    """Keep ``value`` under ``key`` in ``folder`` (created private), whole or not at all; never raises."""
    uid = _uid()
    if uid is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return
    if not _private(folder, uid):
        return  # a folder others can use is not a place to keep pickles
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    if len(payload) > MAX_BYTES:
        return
    try:
        write_atomic(_entry(folder, key), _header(key, payload) + payload)
    except (SpeccheckError, OSError):
        return
    _prune(folder, keep=KEEP)


def _prune(folder: Path, *, keep: int) -> None:
    """Remove all but the ``keep`` newest entries."""
    entries: list[tuple[int, str]] = []
    try:
        with os.scandir(folder) as listing:
            for item in listing:
                if item.name.startswith(PREFIX) and item.name.endswith(SUFFIX) and item.is_file(follow_symlinks=False):
                    entries.append((item.stat(follow_symlinks=False).st_mtime_ns, item.name))
    except OSError:
        return
    for _, name in sorted(entries, reverse=True)[keep:]:
        try:
            (folder / name).unlink()
        except OSError:
            continue
