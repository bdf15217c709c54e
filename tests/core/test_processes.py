"""Ctrl-C held back while the main thread imports (analysis.core.processes)."""

import signal
import sys
import threading
import time

import pytest

from analysis.core import processes
from analysis.core.processes import interrupts_outside_imports


@pytest.fixture(autouse=True)
def python_default_sigint():
    """Python's own SIGINT handler, whatever the suite started with (a suite started in the
    background by a shell without job control ignores SIGINT)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_an_interrupt_outside_an_import_raises_at_once():
    with interrupts_outside_imports(), pytest.raises(KeyboardInterrupt):
        processes._interrupt_or_defer(signal.SIGINT, sys._getframe())


def test_an_interrupt_inside_the_import_machinery_is_raised_again_once_outside():
    # a frame whose code has the import system's file name stands for a module lock's callback
    code = compile("handler(signal.SIGINT, sys._getframe())", "<frozen importlib._bootstrap>", "exec")
    with interrupts_outside_imports():
        exec(code, {"handler": signal.getsignal(signal.SIGINT), "signal": signal, "sys": sys})
        with pytest.raises(KeyboardInterrupt):  # the retry lands here, outside
            time.sleep(5)


def test_ctrl_c_during_a_real_import_lands_after_it(tmp_path, monkeypatch):
    (tmp_path / "slow_module_for_ctrl_c.py").write_text("import time\ntime.sleep(0.5)\nDONE = True\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    # Ctrl-C, as the terminal sends it, 0.1 s into a 0.5 s import
    sent = threading.Timer(0.1, signal.pthread_kill, args=(threading.main_thread().ident, signal.SIGINT))
    with interrupts_outside_imports():
        with pytest.raises(KeyboardInterrupt):
            sent.start()
            import slow_module_for_ctrl_c  # noqa: F401
            time.sleep(5)
    assert sys.modules.pop("slow_module_for_ctrl_c").DONE  # the import finished, then the interrupt


def test_the_handler_is_put_back_and_an_ignored_sigint_stays_ignored():
    with interrupts_outside_imports():
        assert signal.getsignal(signal.SIGINT) is processes._interrupt_or_defer
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupts_outside_imports():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGINT, previous)
