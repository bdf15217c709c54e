"""Runs inside a report kernel: warm it up, and make it fresh again between two notebooks.

``newsprism report`` keeps one kernel per job and runs several notebooks in it one after another
(:func:`analysis.report.runner.execute_one`), so a kernel starts and imports the libraries once
per job instead of once per report. Between two notebooks :func:`reset` gives the next one what a
new kernel would: an empty namespace, execution counts from 1, no open figure, matplotlib's
settings, the warning filters (and "shown once" records) and the working directory as they were
after the warm-up. Imported modules stay imported: that is the point.

This module imports nothing heavy: the kernel loads it before anything else.
"""

from __future__ import annotations

import gc
import os
import sys
import warnings

_STATE: dict = {}  # taken by warm_up: what reset restores


def warm_up(statements: list[str]) -> None:
    """Run each import statement in a throwaway namespace (a failing one is skipped: the
    notebook's own cell reports it), then record the state :func:`reset` restores. The user
    namespace gets no name from here."""
    for statement in statements:
        try:
            exec(statement, {})  # noqa: S102 - import statements of our own templates
        except Exception:  # noqa: BLE001, S112 - the notebook's own import cell shows the error
            continue
    snapshot()


def snapshot() -> None:
    """Record the warning filters, matplotlib's settings (when imported) and the directory."""
    _STATE["filters"] = list(warnings.filters)
    _STATE["cwd"] = os.getcwd()
    matplotlib = sys.modules.get("matplotlib")
    if matplotlib is not None:  # the stored values (reading rcParams["backend"] could switch it)
        rc = matplotlib.rcParams
        _STATE["rc"] = {key: dict.__getitem__(rc, key) for key in dict.keys(rc)}


def reset() -> None:
    """Make the kernel as a fresh one after the warm-up: raises if there is no snapshot (the
    runner then replaces the kernel)."""
    if not _STATE:
        raise RuntimeError("no snapshot: the warm-up did not run")
    from IPython import get_ipython

    shell = get_ipython()
    # namespace, output cache and input history emptied; a new history session, so counts restart
    # at 1 without clashing with the previous notebook's lines in IPython's history database
    shell.reset(new_session=True)
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
    matplotlib = sys.modules.get("matplotlib")
    if matplotlib is not None and "rc" in _STATE:  # values as recorded (validated back then)
        rc = matplotlib.rcParams
        for key in [k for k in dict.keys(rc) if k not in _STATE["rc"]]:
            dict.__delitem__(rc, key)
        for key, value in _STATE["rc"].items():
            dict.__setitem__(rc, key, value)
    warnings.resetwarnings()  # also forgets every "already shown once" record, as a new process
    warnings.filters.extend(_STATE["filters"])  # type: ignore[attr-defined]  # a list
    os.chdir(_STATE["cwd"])
    gc.collect()
