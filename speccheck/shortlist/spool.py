"""A run's spool: each application's detail on disk while the batch runs, read back once it is ranked.

The details (explanations, quoted evidence, notes: most of a result's size)
are written in the order they arrive, and each is read back by its index when
the outputs reach that candidate, in rank order: the main process holds only
the compact entries, however large the batch. The file is the system's
anonymous temporary file (no name on Linux, removed when closed elsewhere), in
the temporary folder, never beside an output, so an interrupted run leaves
nothing behind.
"""

from __future__ import annotations

import tempfile
from array import array
from types import TracebackType


class Spool:
    """Byte strings appended to an anonymous temporary file, each read back by the index ``add`` gave it."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="speccheck-spool-")  # noqa: SIM115 - closed by close()
        self._starts = array("q")
        self._sizes = array("q")
        self._end = 0

    def add(self, data: bytes) -> int:
        """Append ``data``; its index."""
        self._file.seek(self._end)
        self._file.write(data)
        self._starts.append(self._end)
        self._sizes.append(len(data))
        self._end += len(data)
        return len(self._starts) - 1

    def read(self, index: int) -> bytes:
        """What was added at ``index``."""
        self._file.seek(self._starts[index])
        data = self._file.read(self._sizes[index])
        if len(data) != self._sizes[index]:
            raise OSError(f"the spool is shorter than was written (item {index})")
        return data

    def __len__(self) -> int:
        return len(self._starts)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
