"""Writing tables chunk by chunk: CSV and Parquet side by side, typed from the schema.

A table's columns get their types from :mod:`analysis.core.schema` (``int`` -> nullable integer,
``float``, ``bool`` -> nullable boolean, ``str`` / ``date`` -> text), so every chunk is formatted
the same way: a table written in one piece or in a thousand chunks gives the same bytes in CSV and
the same values in Parquet. Columns a stage adds without registering them keep the type pyarrow
infers from the first chunk that holds them (text when that chunk has only empty values).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import hashlib
import pickle
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.core import schema

FORMATS = ("csv", "parquet")  # what a run writes unless asked otherwise (both)


def parse_formats(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """``"parquet,csv"`` (or a sequence) as a tuple in :data:`FORMATS` order; unknown names and an
    empty list are refused with ValueError."""
    names = value.split(",") if isinstance(value, str) else list(value)
    names = [n.strip().lower() for n in names if n.strip()]
    unknown = sorted(set(names) - set(FORMATS))
    if unknown or not names:
        raise ValueError(f"--formats: {', '.join(unknown) or 'nothing'} is not a table format "
                         f"(choose from {', '.join(FORMATS)}, comma-separated)")
    return tuple(f for f in FORMATS if f in names)
ARROW_TYPES = {"str": pa.string(), "date": pa.string(), "int": pa.int64(), "float": pa.float64(),
               "bool": pa.bool_()}
PANDAS_TYPES = {"int": "Int64", "float": "float64", "bool": "boolean"}


def frame_of(name: str, rows: list[dict]) -> pd.DataFrame:
    """Rows as a DataFrame with the registered columns first, in schema order, then any others."""
    table = schema.TABLES.get(name)
    columns = table.column_names if table else None
    frame = pd.DataFrame(rows, columns=columns) if rows or columns else pd.DataFrame()
    if table and rows:
        extra = [c for c in frame.columns if c not in columns]
        frame = frame[columns + extra]
    return frame


def typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with registered columns cast to their schema types (for writing)."""
    table = schema.TABLES.get(name)
    if table is None:
        return frame
    frame = frame.copy()
    for column in table.columns:
        kind = PANDAS_TYPES.get(column.dtype)
        if column.name in frame.columns:
            if kind:
                try:
                    frame[column.name] = frame[column.name].astype(kind)
                except (TypeError, ValueError) as error:
                    raise ValueError(f"table {name}: column {column.name} is registered as "
                                     f"{column.dtype} in analysis/core/schema.py but holds values "
                                     f"that are not ({error})") from None
            elif frame[column.name].dtype == object:
                frame[column.name] = frame[column.name].map(_as_text)
    return frame


def _as_text(value):
    return value if value is None or isinstance(value, str) or value != value else str(value)


def arrow_schema(name: str, frame: pd.DataFrame) -> pa.Schema:
    """Parquet schema of a table: registered types, inferred types for other columns."""
    table = schema.TABLES.get(name)
    registered = {c.name: ARROW_TYPES.get(c.dtype, pa.string()) for c in table.columns} if table else {}
    inferred = pa.Schema.from_pandas(frame, preserve_index=False)
    fields = []
    for column in frame.columns:
        kind = registered.get(column) or inferred.field(column).type
        fields.append(pa.field(column, pa.string() if pa.types.is_null(kind) else kind))
    return pa.schema(fields)


class TableWriter:
    """Append chunks of rows to ``<folder>/<table>.csv`` and ``<folder>/<table>.parquet``.

    Use as a context manager. With ``complete``, closing also writes every registered table that
    got no rows (header only), so a run always leaves the full set of tables.
    """

    def __init__(self, folder: str | Path, formats: tuple[str, ...] = FORMATS, complete: bool = True):
        self.folder = Path(folder)
        self.complete = complete
        self.folder.mkdir(parents=True, exist_ok=True)
        self.formats = formats
        self._csv: dict[str, object] = {}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._schemas: dict[str, pa.Schema] = {}

    def append(self, name: str, frame: pd.DataFrame) -> None:
        """Write one chunk of a table (a DataFrame, e.g. from :func:`frame_of`)."""
        frame = typed(name, frame)
        if name not in self._schemas:
            self._schemas[name] = arrow_schema(name, frame)
            self._open(name)
        elif list(frame.columns) != self._schemas[name].names:
            new = [c for c in frame.columns if c not in self._schemas[name].names]
            if new:
                raise ValueError(f"table {name}: column(s) {', '.join(new)} first appear after "
                                 "the first chunk; register them in analysis.core.schema")
            frame = frame.reindex(columns=self._schemas[name].names)
        if "csv" in self.formats:
            frame.to_csv(self._csv[name], header=False, index=False)
        if "parquet" in self.formats and len(frame):
            batch = pa.Table.from_pandas(frame, schema=self._schemas[name], preserve_index=False)
            self._parquet[name].write_table(batch)

    def _open(self, name: str) -> None:
        names = self._schemas[name].names
        if "csv" in self.formats:
            handle = open(self.folder / f"{name}.csv", "w", encoding="utf-8", newline="")
            pd.DataFrame(columns=names).to_csv(handle, index=False)
            self._csv[name] = handle
        if "parquet" in self.formats:
            self._parquet[name] = pq.ParquetWriter(self.folder / f"{name}.parquet",
                                                   self._schemas[name])

    def close_table(self, name: str) -> None:
        """Finish one table's files (so they can be read while other tables are still open)."""
        if name not in self._schemas:
            self.append(name, frame_of(name, []))
        handle = self._csv.pop(name, None)
        if handle is not None:
            handle.close()
        writer = self._parquet.pop(name, None)
        if writer is not None:
            writer.close()

    def close(self) -> None:
        for name in (list(schema.TABLES) if self.complete else []) + list(self._schemas):
            self.close_table(name)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def csv_from_parquet(folder: str | Path, name: str) -> Path:
    """Write ``<name>.csv`` from ``<name>.parquet`` of a folder :class:`TableWriter` wrote (the same
    bytes the writer gives), for a run asked for CSV where an earlier one wrote Parquet only."""
    folder = Path(folder)
    target, partial = folder / f"{name}.csv", folder / f".{name}.csv.partial"
    with open(partial, "w", encoding="utf-8", newline="") as handle:
        write_csv_of_parquet(folder / f"{name}.parquet", name, handle)
    partial.replace(target)
    return target


def write_csv_of_parquet(path: str | Path, name: str, handle, size: int = 65_536) -> None:
    """Table ``name``'s Parquet file at ``path`` as CSV text into ``handle``, batch by batch, typed
    and formatted as :class:`TableWriter` formats its CSV (so the text is the same)."""
    parquet = pq.ParquetFile(path)
    pd.DataFrame(columns=parquet.schema_arrow.names).to_csv(handle, index=False)
    for batch in parquet.iter_batches(size):
        typed(name, batch.to_pandas()).to_csv(handle, header=False, index=False)


def file_digests(folder: str | Path, skip: tuple[str, ...] = ()) -> dict[str, dict]:
    """``{file name: {"bytes", "sha256"[, "rows"]}}`` of the files of a tables folder (rows from
    each Parquet footer), for a stamp written after them; hidden files and ``skip`` left out."""
    digests = {}
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.name in skip or path.name.startswith("."):
            continue
        with open(path, "rb") as handle:
            entry = {"bytes": path.stat().st_size,
                     "sha256": hashlib.file_digest(handle, "sha256").hexdigest()}
        if path.suffix == ".parquet":
            entry["rows"] = pq.ParquetFile(path).metadata.num_rows
        digests[path.name] = entry
    return digests


def damage(folder: str | Path, recorded: dict) -> str | None:
    """What is wrong with a tables folder against the digests its stamp recorded (a file missing,
    of another size, another checksum or row count), or None when every file is as written."""
    if not isinstance(recorded, dict) or not recorded:
        return "no checksums recorded"
    folder = Path(folder)
    for name, entry in sorted(recorded.items()):
        path = folder / name
        try:
            size = path.stat().st_size
            if size != entry.get("bytes"):
                return f"{name}: {size} bytes, {entry.get('bytes')} written"
            with open(path, "rb") as handle:
                if hashlib.file_digest(handle, "sha256").hexdigest() != entry.get("sha256"):
                    return f"{name}: checksum differs from the one written"
            if "rows" in entry and pq.ParquetFile(path).metadata.num_rows != entry["rows"]:
                return f"{name}: row count differs from the one written"
        except OSError as error:
            return f"{name}: {error.strerror or error}"
        except (pa.ArrowException, ValueError) as error:
            return f"{name}: unreadable ({error})"
    return None


def read_table(folder: str | Path, name: str) -> pd.DataFrame:
    """A table written by :class:`TableWriter`, from its Parquet file (types kept)."""
    return pd.read_parquet(Path(folder) / f"{name}.parquet")


class TableStore(Mapping):
    """The tables of a folder written by :class:`TableWriter`, read from Parquet on first use.

    Corpus stages receive one in :func:`analysis.run.pipeline.analyze_to`; to stay bounded in memory
    they can read a large table in pieces with :meth:`batches` (see :func:`iter_batches`).
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            if not (self.folder / f"{name}.parquet").exists():
                raise KeyError(name)
            self._frames[name] = read_table(self.folder, name)
        return self._frames[name]

    def __iter__(self) -> Iterator[str]:
        names = {p.stem for p in self.folder.glob("*.parquet")} | set(self._frames)
        return iter(sorted(names))

    def __len__(self) -> int:
        return len(list(iter(self)))

    def update(self, frames: Mapping[str, pd.DataFrame]) -> None:
        """Replace tables by frames in memory (a corpus stage's output, for the stages after it)."""
        self._frames.update(frames)

    def forget(self) -> None:
        """Drop every table held in memory (they are read from disk again when next asked)."""
        self._frames.clear()

    def columns(self, name: str) -> list[str]:
        """The column names of table ``name`` (from the Parquet footer; nothing else is read)."""
        if name in self._frames:
            return list(self._frames[name].columns)
        path = self.folder / f"{name}.parquet"
        if not path.exists():
            raise KeyError(name)
        return list(pq.ParquetFile(path).schema_arrow.names)

    def batches(self, name: str, columns: list[str] | None = None,
                size: int = 65_536) -> Iterator[pd.DataFrame]:
        """The table ``name`` in pieces of at most ``size`` rows, read from disk."""
        if name in self._frames:
            yield from _slices(self._frames[name], columns, size)
            return
        for batch in pq.ParquetFile(self.folder / f"{name}.parquet").iter_batches(size, columns=columns):
            yield batch.to_pandas()

    def __repr__(self) -> str:
        return f"TableStore({str(self.folder)!r})"


def _slices(frame: pd.DataFrame, columns, size: int) -> Iterator[pd.DataFrame]:
    frame = frame[columns] if columns else frame
    for start in range(0, len(frame), size):
        yield frame.iloc[start:start + size]


def iter_batches(tables: Mapping[str, pd.DataFrame], name: str, columns: list[str] | None = None,
                 size: int = 65_536) -> Iterator[pd.DataFrame]:
    """Pieces of a table from a :class:`TableStore` (read from disk) or a plain dict of frames.

    For corpus stages that must stay bounded in memory on large corpora: count or aggregate piece
    by piece instead of loading e.g. every sentence of the corpus at once.
    """
    if isinstance(tables, TableStore):
        yield from tables.batches(name, columns, size)
    else:
        yield from _slices(tables[name], columns, size)


def collect(pieces) -> dict[str, pd.DataFrame]:
    """``(table, rows)`` pieces (a streaming corpus stage's output) as whole tables, in the order
    the tables first appear; a table whose pieces are all empty keeps its first piece."""
    frames: dict[str, list[pd.DataFrame]] = {}
    for name, frame in pieces:
        frames.setdefault(name, []).append(frame)
    joined = {}
    for name, parts in frames.items():
        kept = [f for f in parts if len(f)]
        joined[name] = pd.concat(kept, ignore_index=True) if kept else parts[0]
    return joined


def table_columns(tables: Mapping[str, pd.DataFrame], name: str) -> list[str] | None:
    """Column names of a table in a :class:`TableStore` or a dict of frames; None when absent."""
    try:
        return tables.columns(name) if isinstance(tables, TableStore) else list(tables[name].columns)
    except KeyError:
        return None


def read_columns(tables: Mapping[str, pd.DataFrame], name: str, columns: list[str]) -> pd.DataFrame:
    """Some columns of a whole table (a copy); from a :class:`TableStore`, only those are read.

    Columns the table lacks are left out (the caller checks for what it must have).
    """
    present = table_columns(tables, name)
    if present is None:
        raise KeyError(name)
    columns = [c for c in columns if c in present]
    if isinstance(tables, TableStore) and name not in tables._frames:
        return pd.read_parquet(tables.folder / f"{name}.parquet", columns=columns)
    return tables[name][columns].copy()


def looked_up(ids: pd.Series, mapping: Mapping, default=None) -> list:
    """``mapping[id]`` for each of ``ids`` (``default`` where it has none; a mapping with
    ``__missing__`` answers for itself), looked up one by one: the cost is that of ``ids``.
    ``Series.map(dict)`` first turns the whole dict into a Series at every call, which made a
    loop over batches or blocks cost (batches x corpus) when the dict holds every article."""
    if getattr(type(mapping), "__missing__", None) is not None:
        return [mapping[i] for i in ids.tolist()]
    get = mapping.get
    return [get(i, default) for i in ids.tolist()]


def outside(ids: pd.Series, members) -> np.ndarray:
    """Boolean mask: which of ``ids`` are not in the set ``members`` (the cost is that of ``ids``;
    ``Series.isin`` on text converts all of ``members`` at every call)."""
    return np.fromiter((i not in members for i in ids.tolist()), dtype=bool, count=len(ids))


class Partitioned:
    """The rows of one table split into parts by their article, one part in memory at a time.

    ``part_of`` maps an article id to a part number; rows of other articles are dropped. From a
    :class:`TableStore` the table is read once in batches and each part spilled to a temporary
    file beside the tables (so memory holds one batch, then one part); from a dict of frames
    (already in memory) the parts are plain groups. Rows keep the table's order within a part;
    with ``positions``, a column ``ROW_POSITION`` holds each row's 0-based position in the whole
    table (to order rows of different parts as the table does).
    Use as a context manager (the temporary files are removed on exit).
    """

    ROW_POSITION = "_position"

    def __init__(self, tables: Mapping[str, pd.DataFrame], name: str, part_of: Mapping[str, int],
                 columns: list[str], size: int = 65_536, positions: bool = False):
        self._dir: Path | None = None
        self._groups: dict[int, pd.DataFrame] = {}
        self._empty = pd.DataFrame(columns=columns + ([self.ROW_POSITION] if positions else []))
        if not isinstance(tables, TableStore):
            frame = tables[name][columns]
            if positions:
                frame = frame.assign(**{self.ROW_POSITION: np.arange(len(frame), dtype=np.int64)})
            keys = _part_numbers(frame["article_id"], part_of)
            frame, keys = frame[keys >= 0], keys[keys >= 0]
            self._empty = frame.iloc[:0]
            self._groups = {int(k): g.reset_index(drop=True)
                            for k, g in frame.groupby(keys, sort=False)}
            return
        self._dir = Path(tempfile.mkdtemp(prefix=f".parts-{name}-", dir=tables.folder))
        seen = 0
        for batch in tables.batches(name, columns, size):
            if positions:
                batch[self.ROW_POSITION] = np.arange(seen, seen + len(batch), dtype=np.int64)
            seen += len(batch)
            keys = _part_numbers(batch["article_id"], part_of)
            self._empty = batch.iloc[:0]
            batch, keys = batch[keys >= 0], keys[keys >= 0]
            for key, piece in batch.groupby(keys, sort=False):
                with open(self._dir / f"{int(key)}.pkl", "ab") as handle:
                    pickle.dump(piece, handle, protocol=pickle.HIGHEST_PROTOCOL)

    def __getitem__(self, key: int) -> pd.DataFrame:
        """The rows of part ``key`` (an empty frame with the columns when it has none)."""
        if self._dir is None:
            return self._groups.get(key, self._empty)
        path = self._dir / f"{key}.pkl"
        if not path.exists():
            return self._empty
        pieces = []
        with open(path, "rb") as handle:
            while True:
                try:
                    pieces.append(pickle.load(handle))
                except EOFError:
                    break
        return pd.concat(pieces, ignore_index=True)

    def close(self) -> None:
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def __enter__(self) -> Partitioned:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _part_numbers(ids: pd.Series, part_of: Mapping[str, int]) -> np.ndarray:
    """The part of each id, -1 for none (int64)."""
    parts = looked_up(ids, part_of)
    return np.fromiter((-1 if k is None else k for k in parts), dtype=np.int64, count=len(parts))


@contextlib.contextmanager
def system_arrow_memory() -> Iterator[None]:
    """Within the block, Arrow allocates with the C library's ``malloc`` instead of its default
    pool (mimalloc or jemalloc), which keeps freed memory mapped: a large run reads and writes
    Parquet in many batches, and that retained memory would show as resident. The previous pool
    is restored on exit (buffers remember the pool that made them)."""
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def release_memory() -> None:
    """Hand freed memory back to the operating system (after a large piece of work is done):
    collect garbage, release Arrow's unused pool memory, and ``malloc_trim`` the C heap where
    the C library has it (glibc). Nothing in use is touched; only the resident size drops."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:  # pragma: no cover - no C library to load (not on Linux / macOS)
        return None


_LIBC = _libc()

