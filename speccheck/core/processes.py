"""Worker processes end with their parent.

A worker of a process pool asks the kernel (Linux ``prctl(PR_SET_PDEATHSIG)``)
for SIGTERM when the process that started it dies, whatever killed it, even
SIGKILL; and if the parent was already gone by then, it ends at once.
Elsewhere this does nothing: the pool's own shutdown still ends the workers
on any exit the parent survives to handle.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Called first in a worker started by process ``parent``."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        return
    try:
        os.kill(parent, 0)
    except ProcessLookupError:  # the parent died before the request was made
        os.kill(os.getpid(), signal.SIGTERM)
    except OSError:
        pass
