"""Helpers for the processes a run starts (per-article workers, corpus stages, comparison blocks),
and for the command line's own: Ctrl-C held back while its main thread imports."""

from __future__ import annotations

import contextlib
import os
import signal
import threading

PR_SET_PDEATHSIG = 1  # linux/prctl.h: signal this process when its parent dies


def die_with_parent() -> None:
    """In a worker: be killed when the process that started it dies (Linux), so a killed run
    leaves no worker behind; elsewhere, or when the parent is already gone, exit at once."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    if os.getppid() == 1:  # the parent died before the line above
        os._exit(1)


IMPORT_MACHINERY = "<frozen importlib."  # code filenames of the import system's own frames
INTERRUPT_RETRY_SECONDS = 0.05  # a deferred Ctrl-C is raised again this long after, in seconds


def _inside_import(frame) -> bool:
    """Whether ``frame`` or one of its callers is the import system's own code."""
    while frame is not None:
        if frame.f_code.co_filename.startswith(IMPORT_MACHINERY):
            return True
        frame = frame.f_back
    return False


def _interrupt_or_defer(signum, frame) -> None:
    """SIGINT handler: ``KeyboardInterrupt`` as usual, except while the main thread is inside
    the import system. There an exception can land between a module lock's acquire and its
    ``try`` (the lock's weakref callback then reports "Exception ignored" and keeps the global
    import lock, and the next import in any thread waits for ever); so the interrupt is raised
    again (sent to the main thread) :data:`INTERRUPT_RETRY_SECONDS` later, until it lands
    outside."""
    if _inside_import(frame):
        # a real signal, sent to the main thread: it also ends a wait the main thread is in then
        timer = threading.Timer(INTERRUPT_RETRY_SECONDS, _signal_main_thread, args=(signum,))
        timer.daemon = True
        timer.start()
        return
    raise KeyboardInterrupt


def _signal_main_thread(signum: int) -> None:
    """Send ``signum`` to the main thread; nothing when it has ended meanwhile."""
    ident = threading.main_thread().ident
    if ident is not None and threading.main_thread().is_alive():
        with contextlib.suppress(ProcessLookupError):
            signal.pthread_kill(ident, signum)


@contextlib.contextmanager
def interrupts_outside_imports():
    """Within: Ctrl-C raises ``KeyboardInterrupt`` in the main thread as Python's default
    handler does, but never inside an import (:func:`_interrupt_or_defer`). A process that
    ignores SIGINT, or has its own handler, keeps it; so does any thread but the main one."""
    if (threading.current_thread() is not threading.main_thread()
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler):
        yield
        return
    signal.signal(signal.SIGINT, _interrupt_or_defer)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
