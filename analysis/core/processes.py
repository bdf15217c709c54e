"""Helpers for the processes a run starts (per-article workers, corpus stages, comparison blocks)."""

from __future__ import annotations

import os

PR_SET_PDEATHSIG = 1  # linux/prctl.h: signal this process when its parent dies


def die_with_parent() -> None:
    """In a worker: be killed when the process that started it dies (Linux), so a killed run
    leaves no worker behind; elsewhere, or when the parent is already gone, exit at once."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() == 1:  # the parent died before the line above
        os._exit(1)
