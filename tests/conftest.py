"""Shared fixtures: the bundled seeds (from data/raw, never ../shared) and an isolated Jupyter home."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_CORPUS = ROOT / "data" / "raw" / "pyongyang-summit-2024"
SEED_1 = "000_e1d931b41acb5bb4"
SEED_2 = "003_f56fa76b22d6fc5c"


@pytest.fixture(scope="session")
def seed_corpus() -> Path:
    return SEED_CORPUS


@pytest.fixture(scope="session")
def seed_tables(tmp_path_factory):
    """The bundled corpus analysed once per test session (tables as DataFrames)."""
    from analysis.run.pipeline import analyze

    return analyze(SEED_CORPUS).tables


@pytest.fixture(autouse=True, scope="session")
def isolated_homes(tmp_path_factory):
    """Keep matplotlib, Jupyter and the table cache out of the user's folders."""
    base = tmp_path_factory.mktemp("homes")
    saved = {k: os.environ.get(k) for k in ("MPLCONFIGDIR", "JUPYTER_RUNTIME_DIR", "NEWSPRISM_CACHE")}
    os.environ["MPLCONFIGDIR"] = str(base / "mpl")
    os.environ["JUPYTER_RUNTIME_DIR"] = str(base / "jupyter-runtime")
    os.environ["NEWSPRISM_CACHE"] = str(base / "cache")
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def hash_tree(folder: Path) -> dict[str, str]:
    """sha256 of every file under ``folder`` (to prove raw data is never written)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(autouse=True)
def _package_logging_reaches_caplog():
    """Each test starts with the package's loggers enabled and warnings passing the root logger:
    a library configured in an earlier test (or an in-process ``newsprism`` run) must not hide the
    warnings a test asserts on."""
    import logging

    root = logging.getLogger()
    level = root.level
    root.setLevel(min(level, logging.WARNING) if level else logging.WARNING)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if name.startswith("analysis") and isinstance(logger, logging.Logger):
            logger.disabled = False
            if logger.level > logging.WARNING:
                logger.setLevel(logging.NOTSET)
    yield
    root.setLevel(level)
