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
import logging
import os
import pickle
import sqlite3
import time
import zlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from analysis.core import config

CODE_SUFFIXES = frozenset({".py", ".csv", ".tsv", ".txt", ".yaml", ".yml", ".json"})
CACHE_FILE = "article-cache.sqlite"
STREAM_BYTES = 1 << 20  # blobs at least this large are decompressed piece by piece
COMPRESSION_LEVEL = 1  # zlib: level 1 is ~4x smaller on table rows at a fraction of level 6's cost
CHECK_BYTES = 32  # each stored blob starts with sha256(key + compressed value): a damaged blob, or
#                   one stored under another key, is detected before it is unpickled

log = logging.getLogger(__name__)


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


def sealed(key: str, blob: bytes) -> bytes:
    """``blob`` as stored: prefixed by the sha256 of its key and itself."""
    return hashlib.sha256(key.encode() + b"\0" + blob).digest() + blob


def unsealed(key: str, stored) -> bytes | None:
    """The blob :func:`sealed` stored under ``key``; None when it was damaged or belongs to
    another key."""
    if not isinstance(stored, bytes) or len(stored) < CHECK_BYTES:
        return None
    check, blob = stored[:CHECK_BYTES], stored[CHECK_BYTES:]
    return blob if hashlib.sha256(key.encode() + b"\0" + blob).digest() == check else None


class ArticleCache:
    """Results by article key, in ``<folder>/article-cache.sqlite``; counts hits and misses.

    Nothing read back is trusted: each entry carries a checksum of its key and value, a bad entry
    is dropped (and recomputed) with a warning, and a cache file SQLite cannot read is moved aside
    and started afresh. A cache that cannot be written (full disk) is turned off for the run.
    """

    def __init__(self, folder: str | Path | None = None, code: str = ""):
        folder = Path(folder) if folder else config.cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self.code = code
        self.hits = 0
        self.misses = 0
        self.result_hits = 0  # corpus-stage results (get_result)
        self.result_misses = 0
        self.dropped = 0  # damaged entries dropped
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as error:
            aside = self.path.with_name(f"{CACHE_FILE}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
            log.warning("%s: cache file unreadable (%s); moved to %s and started afresh",
                        self.path, error, aside.name)
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{self.path}{suffix}")
                if part.exists():
                    os.replace(part, f"{aside}{suffix}")
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, code TEXT, blob BLOB)")
            db.execute("CREATE TABLE IF NOT EXISTS corpus_results "
                       "(key TEXT PRIMARY KEY, code TEXT, blob BLOB)")
            db.execute("DELETE FROM results WHERE code != ?", (self.code,))
            db.execute("DELETE FROM corpus_results WHERE code != ?", (self.code,))
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _failed(self, doing: str, error: Exception) -> None:
        log.warning("%s: cache %s failed (%s); this run goes on without the cache",
                    self.path, doing, error)
        self.db.close()
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE TABLE results (key TEXT PRIMARY KEY, code TEXT, blob BLOB)")
        self.db.execute("CREATE TABLE corpus_results (key TEXT PRIMARY KEY, code TEXT, blob BLOB)")

    def _drop(self, table: str, key: str) -> None:
        self.dropped += 1
        log.warning("%s: damaged cache entry %s… dropped; it is computed again", self.path, key[:12])
        try:
            self.db.execute(f"DELETE FROM {table} WHERE key = ?", (key,))
            self.db.commit()
        except sqlite3.Error as error:
            self._failed("write", error)

    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The cached blobs among ``keys`` (missing or damaged keys are absent from the answer)."""
        found: dict[str, bytes] = {}
        unique = list(dict.fromkeys(keys))
        try:
            for start in range(0, len(unique), 900):  # SQLite's limit on bound parameters is 999
                part = unique[start:start + 900]
                marks = ",".join("?" * len(part))
                found.update(self.db.execute(
                    f"SELECT key, blob FROM results WHERE key IN ({marks})", part).fetchall())
        except sqlite3.Error as error:
            self._failed("read", error)
            found = {}
        checked = {}
        for key, stored in found.items():
            blob = unsealed(key, stored)
            if blob is None or not _decodes(blob):
                self._drop("results", key)
            else:
                checked[key] = blob
        hits = sum(1 for k in keys if k in checked)
        self.hits += hits
        self.misses += len(keys) - hits
        return checked

    def put_many(self, items: Iterable[tuple[str, bytes]]) -> None:
        try:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                                ((key, self.code, sealed(key, blob)) for key, blob in items))
            self.db.commit()
        except sqlite3.Error as error:
            self._failed("write", error)

    def get_result(self, key: str):
        """A corpus stage's cached result (e.g. one comparison block's tables), or None."""
        try:
            found = self.db.execute("SELECT blob FROM corpus_results WHERE key = ?",
                                    (key,)).fetchone()
        except sqlite3.Error as error:
            self._failed("read", error)
            found = None
        value = None
        if found is not None:
            blob = unsealed(key, found[0])
            try:
                value = decode(blob) if blob is not None else None
            except Exception:  # noqa: BLE001 - any damage: recompute
                value = None
            if value is None:
                self._drop("corpus_results", key)
        self.result_hits += value is not None
        self.result_misses += value is None
        return value

    def put_result(self, key: str, value) -> None:
        try:
            self.db.execute("INSERT OR REPLACE INTO corpus_results VALUES (?, ?, ?)",
                            (key, self.code, sealed(key, encode(value))))
            self.db.commit()
        except sqlite3.Error as error:
            self._failed("write", error)

    def close(self) -> None:
        self.db.close()


def _decodes(blob: bytes) -> bool:
    """True when ``blob`` decompresses (a cheap check; the checksum already vouches for it)."""
    try:
        zlib.decompressobj().decompress(blob[:4096])
    except zlib.error:
        return False
    return True
