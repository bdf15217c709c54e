"""One call for notebooks to get a corpus's tables: reuse what ``newsprism analyze`` wrote, or
compute and cache them.

>>> from analysis.run.tables import load_tables
>>> t = load_tables("pyongyang-summit-2024")       # doctest: +SKIP
>>> t.articles, t["sentences"]                      # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
from pathlib import Path

import pandas as pd

from analysis.core import config
from analysis.core.cache import code_fingerprint

log = logging.getLogger(__name__)

STAMP = "_analysis.json"  # written beside the tables: which corpus and inputs they came from


class Tables:
    """Tables of one analysed corpus, read lazily from a folder of CSV files, or of Parquet files
    when the run wrote no CSV (``--formats parquet``): the frames are the same either way."""

    def __init__(self, folder: str | Path, corpus: Path | None = None):
        self.folder = Path(folder)
        self.corpus = corpus
        self._cache: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._cache:
            path = self.folder / f"{name}.csv"
            source: Path | io.StringIO = path
            if not path.exists():
                path = self.folder / f"{name}.parquet"
                if not path.exists():
                    raise KeyError(f"no table {name!r} in {self.folder}")
                source = _csv_text(path, name)
            self._cache[name] = pd.read_csv(source, keep_default_na=False, na_values=[""],
                                            dtype={"article_id": str, "published": str})
        return self._cache[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(str(error)) from None

    def names(self) -> list[str]:
        return sorted({p.stem for p in self.folder.glob("*.csv")}
                      | {p.stem for p in self.folder.glob("*.parquet")})


def _csv_text(path: Path, name: str) -> io.StringIO:
    """A Parquet table as the CSV text a run writes (read back as CSV, its frame is the one a CSV
    run's file gives: types, empty cells and number formatting included)."""
    from analysis.core.writer import write_csv_of_parquet

    text = io.StringIO()
    write_csv_of_parquet(path, name, text)
    text.seek(0)
    return text

    def __repr__(self) -> str:
        return f"Tables({str(self.folder)!r}: {', '.join(self.names())})"


def fingerprint(corpus: Path, options_key: str = "") -> str:
    """Hash of the corpus files (names, sizes, contents), the options and the package's code and
    data files: a change to any of them gives a new fingerprint."""
    from analysis.corpus.files import regular_files

    digest = hashlib.sha256(options_key.encode())
    files = regular_files(corpus)
    for path in files:
        digest.update(os.fsencode(path.relative_to(corpus.parent if corpus.is_file() else corpus)))
        digest.update(path.read_bytes())
    digest.update(code_fingerprint().encode())  # the same code key as the article cache
    return digest.hexdigest()[:16]


def write_stamp(folder: Path, corpus: Path, key: str) -> None:
    """Written last, beside complete tables: their corpus, fingerprint and file checksums."""
    from analysis.core.writer import file_digests

    stamp = {"corpus": str(corpus), "fingerprint": key,
             "digests": file_digests(folder, skip=(STAMP,))}
    temporary = folder / f".{STAMP}.partial"
    temporary.write_text(json.dumps(stamp, indent=1))
    temporary.replace(folder / STAMP)


def read_stamp(folder: Path) -> dict:
    """The stamp of a tables folder; {} when missing, unreadable, or when a file differs from
    what the stamp recorded (truncated, changed: such tables are never reused; a warning says
    what was wrong)."""
    from analysis.core.writer import damage

    try:
        stamp = json.loads((folder / STAMP).read_text())
    except (OSError, ValueError):
        return {}
    problem = damage(folder, stamp.get("digests") if isinstance(stamp, dict) else None)
    if problem:
        log.warning("%s: cached tables not used (%s); they are computed again", folder, problem)
        return {}
    return stamp


def load_tables(corpus: str = config.DEFAULT_CORPUS, tables: str = "", options=None) -> Tables:
    """The tables of ``corpus``: from ``tables`` (a folder ``newsprism analyze`` wrote) when given,
    else from the cache, computing them first when the corpus or the code changed."""
    corpus_path = config.resolve_corpus(corpus)
    if tables:
        folder = Path(tables)
        if not any((folder / f"articles.{kind}").exists() for kind in ("csv", "parquet")):
            raise FileNotFoundError(f"{folder}: no articles table here; run `newsprism analyze` "
                                    "first")
        return Tables(folder, corpus_path)
    # only here: the pipeline imports every stage, which a report's notebook (given its tables)
    # never needs (about a second of each kernel's time)
    from analysis.run.pipeline import Options, analyze, write_tables

    options = options or Options()
    key = fingerprint(corpus_path, repr(options))
    folder = config.cache_dir() / f"{corpus_path.name}-{key}" / "tables"
    if read_stamp(folder).get("fingerprint") != key:
        result = analyze(corpus_path, options)
        write_tables(result.tables, folder)
        write_stamp(folder, corpus_path, key)
    return Tables(folder, corpus_path)
