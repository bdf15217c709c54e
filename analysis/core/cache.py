"""The per-article result cache: a result is reused only when nothing that produced it changed.

An article's key hashes everything its rows depend on: the raw article (id, file, text, metadata,
row, warnings), the options (entity registry file contents included), the list of stages, and the
**code fingerprint**: the contents of every code and data file of the package (``.py`` and the
resource files), not just its version number, which does not change while developing. Results live
in one SQLite file under the cache folder (:func:`analysis.core.config.cache_dir`), compressed; entries
made by other code are dropped when the cache is opened, so the file holds one code version.

Corpus stages keep results there too (:meth:`ArticleCache.get_result`), keyed by their inputs:
the comparison caches each block's tables under a digest of the block's articles, sentences and
quotes (:func:`frame_digest`), the options and the code, so adding articles to one block of a large
event recomputes that block only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import io
import json
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from analysis.core import config

CODE_SUFFIXES = frozenset({".py", ".csv", ".tsv", ".txt", ".yaml", ".yml", ".json"})
CACHE_FILE = "article-cache.sqlite"
STREAM_BYTES = 1 << 20  # blobs at least this large are decompressed piece by piece
COMPRESSION_LEVEL = 1  # zlib: level 1 is ~4x smaller on table rows at a fraction of level 6's cost


def code_files(roots: Sequence[Path] | None = None) -> list[Path]:
    """Code and data files whose contents key the cache (default: the ``analysis`` package)."""
    roots = roots or [config.PACKAGE_DIR]
    files = []
    for root in roots:
        root = Path(root)
        candidates = [root] if root.is_file() else root.rglob("*")
        files += sorted(p for p in candidates if p.is_file() and p.suffix in CODE_SUFFIXES
                        and "__pycache__" not in p.parts)
    return files


def stage_roots(stages: Iterable[str]) -> list[Path]:
    """Files of stage modules that live outside the package (their code keys the cache too)."""
    roots = []
    for spec in stages:
        found = importlib.util.find_spec(spec.partition(":")[0])
        origin = Path(found.origin) if found and found.origin else None
        if origin and config.PACKAGE_DIR not in origin.parents:
            roots.append(origin)
    return roots


def code_fingerprint(files: Iterable[Path] | None = None) -> str:
    """sha256 of the names (paths inside the package) and contents of the code and data files (hex,
    64 characters)."""
    digest = hashlib.sha256()
    for path in code_files() if files is None else files:
        name = path.relative_to(config.PACKAGE_DIR) if config.PACKAGE_DIR in path.parents else path.name
        digest.update(str(name).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def options_key(options) -> str:
    """Stable text of the options; a custom registry file counts by its contents, not its name."""
    data = dataclasses.asdict(options)
    if data.get("registry"):
        data["registry_sha256"] = hashlib.sha256(Path(data["registry"]).read_bytes()).hexdigest()
    return json.dumps(data, sort_keys=True, default=str)


def run_salt(code: str, options, stages: Sequence[str]) -> bytes:
    """What every article key of one run shares: code fingerprint, options and stage list."""
    return json.dumps([code, options_key(options), list(stages)]).encode()


def article_key(raw, salt: bytes) -> str:
    """Cache key of one raw article under a run's ``salt`` (hex sha256)."""
    payload = json.dumps([raw.article_id, raw.source_file, raw.text, raw.metadata, raw.source_row,
                          raw.text_origin, raw.warnings], sort_keys=True, default=str)
    return hashlib.sha256(salt + payload.encode()).hexdigest()


def frame_digest(frame) -> bytes:
    """sha256 (32 bytes) of a DataFrame's column names, types and values, row order included (the
    index is ignored): equal digests mean equal inputs to a corpus computation."""
    import pandas as pd

    digest = hashlib.sha256(json.dumps([[str(c) for c in frame.columns],
                                        [str(t) for t in frame.dtypes], len(frame)]).encode())
    if len(frame.columns) and len(frame):
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.digest()


def encode(result) -> bytes:
    """Compressed pickle of a cached result: one article's rows by table (or its rejection), or a
    corpus stage's piece of work (a comparison block's tables).

    Pickled straight into the compressor, so a large result (a comparison block's tables) never
    exists as a whole uncompressed pickle in memory.
    """
    compressor = zlib.compressobj(COMPRESSION_LEVEL)
    parts: list[bytes] = []
    pickle.dump(result, _Sink(lambda data: parts.append(compressor.compress(data))),
                protocol=pickle.HIGHEST_PROTOCOL)
    parts.append(compressor.flush())
    return b"".join(parts)


def decode(blob: bytes):
    """The value :func:`encode` stored (a large one unpickled while it is decompressed)."""
    if len(blob) < STREAM_BYTES:
        return pickle.loads(zlib.decompress(blob))
    return pickle.load(io.BufferedReader(_Inflating(blob), buffer_size=1 << 20))


class _Sink:
    def __init__(self, write):
        self.write = write


class _Inflating(io.RawIOBase):
    """A readable stream of the decompressed bytes of a zlib ``blob``."""

    def __init__(self, blob: bytes):
        self._inflater = zlib.decompressobj()
        self._blob = memoryview(blob)
        self._position = 0  # in the blob
        self._pending = b""  # decompressed, not yet read
        self._offset = 0  # in _pending

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while self._offset >= len(self._pending):
            if self._position < len(self._blob):
                chunk = self._blob[self._position:self._position + (1 << 16)]
                self._position += len(chunk)
                self._pending = self._inflater.decompress(chunk)
            else:
                self._pending = self._inflater.flush()
                if not self._pending:
                    return 0  # end of the stream
            self._offset = 0
        size = min(len(buffer), len(self._pending) - self._offset)
        buffer[:size] = self._pending[self._offset:self._offset + size]
        self._offset += size
        return size


class ArticleCache:
    """Results by article key, in ``<folder>/article-cache.sqlite``; counts hits and misses."""

    def __init__(self, folder: str | Path | None = None, code: str = ""):
        folder = Path(folder) if folder else config.cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.db = sqlite3.connect(self.path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, code TEXT, blob BLOB)")
        self.db.execute("CREATE TABLE IF NOT EXISTS corpus_results "
                        "(key TEXT PRIMARY KEY, code TEXT, blob BLOB)")
        self.db.execute("DELETE FROM results WHERE code != ?", (code,))
        self.db.execute("DELETE FROM corpus_results WHERE code != ?", (code,))
        self.db.commit()
        self.code = code
        self.hits = 0
        self.misses = 0
        self.result_hits = 0  # corpus-stage results (get_result)
        self.result_misses = 0

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The cached blobs among ``keys`` (missing keys are absent from the answer)."""
        found: dict[str, bytes] = {}
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 900):  # SQLite's limit on bound parameters is 999
            part = unique[start:start + 900]
            marks = ",".join("?" * len(part))
            found.update(self.db.execute(
                f"SELECT key, blob FROM results WHERE key IN ({marks})", part).fetchall())
        hits = sum(1 for k in keys if k in found)
        self.hits += hits
        self.misses += len(keys) - hits
        return found

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                            ((key, self.code, blob) for key, blob in items))
        self.db.commit()

    def get_result(self, key: str):
        """A corpus stage's cached result (e.g. one comparison block's tables), or None."""
        found = self.db.execute("SELECT blob FROM corpus_results WHERE key = ?", (key,)).fetchone()
        self.result_hits += found is not None
        self.result_misses += found is None
        return None if found is None else decode(found[0])

    def put_result(self, key: str, value) -> None:
        self.db.execute("INSERT OR REPLACE INTO corpus_results VALUES (?, ?, ?)",
                        (key, self.code, encode(value)))
        self.db.commit()

    def close(self) -> None:
        self.db.close()
