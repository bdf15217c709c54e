"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable


def best(repeat: int, work: Callable[[], object]) -> float:
    """The least CPU time of ``repeat`` calls of ``work``, seconds (least = least disturbed by
    other processes on the machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        work()
        times.append(time.process_time() - t0)
    return min(times)
