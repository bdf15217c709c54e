"""Paths and defaults shared by the package, the command line and the notebooks."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # analysis/
RESOURCES_DIR = PACKAGE_DIR / "resources"
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"

DEFAULT_CORPUS = "pyongyang-summit-2024"
KERNEL_NAME = "newsprism"

SMALL_SAMPLE_ARTICLES = 5  # fewer articles per outlet than this: descriptive only, no inference
SMALL_SAMPLE_SENTENCES = 30  # fewer sentences than this: too few for stable averages


def cache_dir() -> Path:
    """Folder for tables computed on demand by notebooks (``NEWSPRISM_CACHE`` overrides)."""
    env = os.environ.get("NEWSPRISM_CACHE")
    if env:
        return Path(env)
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return PROCESSED_DIR
    return Path.home() / ".cache" / "newsprism"


def resolve_corpus(corpus: str | os.PathLike) -> Path:
    """Turn a corpus argument into a folder: an existing path, or a name under ``data/raw``.

    Works from any working directory, so notebooks never need ``'../data'`` strings.
    """
    path = Path(corpus).expanduser()
    if path.exists():
        return path.resolve()
    named = RAW_DIR / str(corpus)
    if named.exists():
        return named.resolve()
    raise FileNotFoundError(
        f"corpus not found: {corpus!s} (neither a path nor a folder under {RAW_DIR})"
    )


def resource(name: str) -> Path:
    """Path of a data file shipped inside the package (``analysis/resources``)."""
    return RESOURCES_DIR / name
