"""Tests for analysis/core/progress.py: when bars are drawn."""

import io

from analysis.core import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bars_are_wanted_on_a_terminal_unless_quiet():
    assert progress.wanted(stream=Terminal())
    assert not progress.wanted(quiet=True, stream=Terminal())
    assert not progress.wanted(stream=io.StringIO())  # a pipe or a file


def test_a_closed_or_odd_stream_gets_no_bar():
    closed = io.StringIO()
    closed.close()  # isatty raises ValueError
    assert not progress.wanted(stream=closed)
    assert not progress.wanted(stream=object())


def test_a_bar_that_is_off_draws_nothing_and_one_that_is_on_counts(monkeypatch):
    import sys

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress.bar("things", "thing", False, total=3) as shown:
        shown.update(3)
    assert terminal.getvalue() == ""
    with progress.bar("things", "thing", True, total=3) as shown:
        shown.update(3)
    assert "things: 100%" in terminal.getvalue() and "3/3" in terminal.getvalue()


def test_a_log_record_during_a_bar_gets_its_own_line(monkeypatch):
    import logging
    import sys

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    handler = progress.BarSafeHandler(terminal)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "block %s slow", ("b1",), None)
    with progress.bar("blocks", "block", True, total=2) as shown:
        shown.update(1)
        handler.emit(record)
        shown.update(1)
    lines = terminal.getvalue().replace("\r", "\n").split("\n")
    assert "WARNING: block b1 slow" in lines  # a line of its own, not glued to the bar
    handler.emit(record)  # no bar: a plain stream write
    assert terminal.getvalue().endswith("WARNING: block b1 slow\n")
