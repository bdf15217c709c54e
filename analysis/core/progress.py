"""Progress bars for long work (articles analysed, comparison blocks, notebooks): tqdm on stderr.

The command line decides whether bars are drawn (``newsprism analyze`` and ``report`` draw them
when stderr is a terminal and ``-q`` is not given, see :func:`wanted`); library calls draw none
unless asked. A bar that is off costs nothing: :func:`bar` then returns :class:`NoBar`.
"""

from __future__ import annotations

import logging
import sys


class NoBar:
    """What :func:`bar` returns when progress is off: every call does nothing."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> NoBar:
        return self

    def __exit__(self, *exc) -> None:
        pass


def wanted(quiet: bool = False, stream=None) -> bool:
    """True when progress should be drawn: not ``quiet`` and ``stream`` (default: stderr) is a
    terminal. A pipe, a file or a CI log gets no bar (no carriage-return lines in it)."""
    if quiet:
        return False
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def bar(desc: str, unit: str, enabled: bool, total: int | None = None, leave: bool = True):
    """A tqdm bar on stderr (``total`` None: a counter with a rate), or :class:`NoBar` when not
    ``enabled``."""
    if not enabled:
        return NoBar()
    from tqdm.std import tqdm  # not the tqdm package's __init__, which imports its CLI and more

    return tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=leave,
                dynamic_ncols=True, mininterval=0.5)


class BarSafeHandler(logging.StreamHandler):
    """A stderr log handler that, while a bar is drawn, writes each record through ``tqdm.write``
    (the bar is cleared, the line written, the bar drawn again) instead of into the bar's line."""

    def emit(self, record: logging.LogRecord) -> None:
        tqdm_std = sys.modules.get("tqdm.std")  # loaded only when a bar was ever drawn
        if tqdm_std is None or not getattr(tqdm_std.tqdm, "_instances", None):
            super().emit(record)
            return
        try:
            tqdm_std.tqdm.write(self.format(record), file=self.stream)
        except Exception:  # noqa: BLE001 - as logging.StreamHandler does
            self.handleError(record)
