"""Paths and defaults shared by the package, the command line and the notebooks."""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path


def _packaged(name: str) -> Path:
    """A folder shipped inside the ``analysis`` package, found with importlib.resources."""
    return Path(str(importlib.resources.files("analysis") / name))


PACKAGE_DIR = Path(__file__).resolve().parent.parent  # analysis/
RESOURCES_DIR = _packaged("resources")
PROJECT_ROOT = PACKAGE_DIR.parent
# A checkout (editable install, or the source tree on sys.path) has the project's folders beside the
# package. An installed wheel has none of them: it carries the templates and the gold sets as package
# data (pyproject.toml maps notebooks/ to analysis/templates, data/gold/ to analysis/data/gold), takes
# corpora as paths and writes reports under ./reports.
IN_CHECKOUT = (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "notebooks").is_dir()
if IN_CHECKOUT:
    DATA_DIR = PROJECT_ROOT / "data"
    NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"  # the templates people open in JupyterLab
    REPORTS_DIR = PROJECT_ROOT / "reports"
else:
    DATA_DIR = _packaged("data")  # gold/ only: raw/ and processed/ exist in a checkout alone
    NOTEBOOKS_DIR = _packaged("templates")
    REPORTS_DIR = Path("reports")  # relative: under the working directory
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"

DEFAULT_CORPUS = "pyongyang-summit-2024"
KERNEL_NAME = "newsprism"

SMALL_SAMPLE_ARTICLES = 5  # fewer articles per outlet than this: descriptive only, no inference
SMALL_SAMPLE_SENTENCES = 30  # fewer sentences than this: too few for stable averages


def cache_dir() -> Path:
    """Folder for tables computed on demand by notebooks (``NEWSPRISM_CACHE`` overrides)."""
    env = os.environ.get("NEWSPRISM_CACHE")
    if env:
        return Path(env)
    if IN_CHECKOUT:
        return PROCESSED_DIR
    return Path.home() / ".cache" / "newsprism"


def resolve_corpus(corpus: str | os.PathLike) -> Path:
    """Turn a corpus argument into a folder: an existing path, or (in a checkout) a name under ``data/raw``.

    Works from any working directory, so notebooks never need ``'../data'`` strings.
    """
    path = Path(corpus).expanduser()
    if path.exists():
        return path.resolve()
    named = RAW_DIR / str(corpus)
    if named.exists():
        return named.resolve()
    if not IN_CHECKOUT:
        raise FileNotFoundError(f"corpus not found: {corpus!s} (give the path of a corpus folder)")
    raise FileNotFoundError(
        f"corpus not found: {corpus!s} (neither a path nor a folder under {RAW_DIR})"
    )


def resource(name: str) -> Path:
    """Path of a data file shipped inside the package (``analysis/resources``)."""
    return RESOURCES_DIR / name
