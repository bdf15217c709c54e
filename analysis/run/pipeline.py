"""The analysis pipeline: corpus folder -> cleaned, segmented articles -> tidy tables.

Per-article stages take a :class:`~analysis.corpus.document.Document` and return rows for their tables;
corpus stages take the finished tables (e.g. distinctive words across outlets). Stages are listed
in :mod:`analysis.core.stages`; each registers its tables in :mod:`analysis.core.schema`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import shutil
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.core import schema
from analysis.core.cache import (
    ArticleCache,
    article_key,
    code_files,
    code_fingerprint,
    decode,
    run_salt,
    stage_roots,
)
from analysis.core.outputs import pid_alive
from analysis.core.progress import bar
from analysis.core.stages import ARTICLE_STAGES, CORPUS_STAGES
from analysis.core.writer import (
    FORMATS,
    TableStore,
    TableWriter,
    collect,
    csv_from_parquet,
    damage,
    file_digests,
    frame_of,
    parse_formats,
    release_memory,
    system_arrow_memory,
)
from analysis.corpus.files import regular_files
from analysis.corpus.load import RawArticle, Rejection, iter_corpus
from analysis.corpus.repeated_lines import with_repeated_lines
from analysis.corpus.resources import with_corpus_resources
from analysis.entities.registry import corpus_registry, load_registry
from analysis.run import corpus_stage
from analysis.run.article import (  # noqa: F401 - Options, Context, Result are the pipeline's API
    Context,
    Options,
    Result,
    _resolve,
    analyze_article,
    applies_english,
    load_stage_modules,
)
from analysis.run.engine import DaskEngine, LocalEngine, make_engine

log = logging.getLogger(__name__)


class _Collector:
    """Sink of :func:`_consume` that keeps every row in memory (for :func:`analyze`)."""

    def __init__(self):
        self.rows: dict[str, list[dict]] = {name: [] for name in schema.TABLES}

    def add(self, table: str, rows: list[dict]) -> None:
        self.rows.setdefault(table, []).extend(rows)

    def end_article(self) -> None:
        pass


class _ChunkedSink(_Collector):
    """Sink of :func:`_consume` that writes rows every ``chunk_size`` articles."""

    def __init__(self, writer: TableWriter, chunk_size: int):
        self.writer = writer
        self.chunk_size = chunk_size
        self.rows: dict[str, list[dict]] = {}
        self.pending = 0

    def end_article(self) -> None:
        self.pending += 1
        if self.pending >= self.chunk_size:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                self.writer.append(table, frame_of(table, rows))
        self.rows = {}
        self.pending = 0


@dataclass
class _Counts:
    articles: int = 0
    rejected: int = 0
    warnings: int = 0


def _consume(results: Iterable[tuple[RawArticle | Rejection, object]], sink,
             progress: bool = False) -> _Counts:
    """Route each article's rows to ``sink`` in corpus order; reject duplicates and failures.
    With ``progress``, a bar on stderr counts the articles (and rejected files) handed on."""
    with bar("articles", "article", progress) as shown:
        return _consume_into(results, sink, shown)


def _consume_into(results: Iterable[tuple[RawArticle | Rejection, object]], sink,
                  shown) -> _Counts:
    counts = _Counts()
    seen: dict[str, str] = {}

    def reject(item: Rejection) -> None:
        sink.add("rejected", [_rejection_row(item)])
        counts.rejected += 1

    for item, result in results:
        if isinstance(item, Rejection):
            reject(item)
        elif item.article_id in seen:
            reject(Rejection(item.source_file, f"duplicate article id '{item.article_id}' "
                                               f"(already used by {seen[item.article_id]})",
                             item.article_id))
        elif isinstance(result, Rejection):
            reject(result)
        else:
            seen[item.article_id] = item.source_file
            counts.articles += 1
            counts.warnings += len(result.get("warnings", ()))
            for table, rows in result.items():
                sink.add(table, rows)
        sink.end_article()
        shown.update(1)
    return counts


def _item_key(item: RawArticle | Rejection, salt: bytes) -> str:
    return article_key(item, salt) if isinstance(item, RawArticle) else repr(item)


def _batched(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _analyzed(items: Iterable[RawArticle | Rejection], options: Options, stages: Sequence[str],
              engine, cache: ArticleCache | None, salt: bytes, chunk_size: int, stats: dict,
              stamp) -> Iterator[tuple[RawArticle | Rejection, object]]:
    """``(item, result)`` in corpus order: cached results, the rest computed by ``engine``.

    One batch of ``chunk_size`` items is in flight while the previous one is handed on, so the
    workers are busy while this process writes.
    """
    in_flight: deque = deque()

    def finish(batch, keys, found, missing, pending):
        computed = pending.result()
        stats["computed"] += len(computed)
        stats["cached"] += sum(1 for k in keys if k is not None) - len(computed)
        if cache is not None:
            cache.put_many(zip(missing, computed))
        found.update(zip(missing, computed))
        decoded = {}
        for item, key in zip(batch, keys):
            if key is None:
                yield item, None
            else:
                if key not in decoded:
                    decoded[key] = decode(found[key])
                yield item, decoded[key]

    for batch in _batched(items, chunk_size):
        keys = [article_key(i, salt) if isinstance(i, RawArticle) else None for i in batch]
        for item, key in zip(batch, keys):
            stamp.update((key or _item_key(item, salt)).encode())
        raw_keys = [k for k in keys if k is not None]
        found = cache.get_many(raw_keys) if cache is not None else {}
        todo_by_key = {key: item for item, key in zip(batch, keys)
                       if key is not None and key not in found}
        missing, todo = list(todo_by_key), list(todo_by_key.values())
        in_flight.append((batch, keys, found, missing, engine.submit(todo, options, stages)))
        if len(in_flight) > 1:
            yield from finish(*in_flight.popleft())
    while in_flight:
        yield from finish(*in_flight.popleft())


def analyze(corpus: str | Path, options: Options | None = None,
            items: Iterable[RawArticle | Rejection] | None = None, *, jobs: int | None = 1,
            engine: str = "local", scheduler=None, chunk_size: int = 500,
            cache: bool | str | Path = False, progress: bool = False) -> Result:
    """Analyse a corpus folder into tables held in memory (nothing is written; see
    :func:`write_tables`, or :func:`analyze_to` for corpora too large for memory).

    Args:
        jobs: worker processes for the per-article work (None = all cores).
        engine: ``local`` (this machine) or ``dask`` (see :mod:`analysis.run.engine`).
        scheduler: with ``engine="dask"``, a scheduler address or ``distributed.Client``.
        chunk_size: articles per batch sent to the workers.
        cache: reuse per-article results: True for the default cache folder, or a folder.
        progress: draw progress bars on stderr (articles, comparison blocks).
    """
    options = with_corpus_resources(corpus, options or Options())
    sink = _Collector()
    with _Run(corpus, options, items, jobs, engine, scheduler, chunk_size, cache, progress) as run:
        counts = _consume(run.results(), sink, progress)
        tables = {name: frame_of(name, rows) for name, rows in sink.rows.items()}
        for spec in CORPUS_STAGES:
            tables.update(collect(corpus_stage.pieces(_resolve(spec)(tables, run.context))))
    return Result(tables, counts.articles, counts.rejected, counts.warnings,
                  run.stats["cached"], run.stats["computed"], *run.block_counts())


def analyze_to(corpus: str | Path, folder: str | Path, options: Options | None = None, *,
               jobs: int | None = None, engine: str = "local", scheduler=None,
               chunk_size: int = 500, cache: bool | str | Path = True,
               formats: tuple[str, ...] = FORMATS, progress: bool = False) -> Result:
    """Analyse a corpus, writing every table to ``folder`` chunk by chunk, in ``formats`` (CSV and
    Parquet by default; either alone on request, e.g. ``("parquet",)``).

    Memory stays flat in the corpus size: rows are written every ``chunk_size`` articles. Corpus
    stages then get a :class:`~analysis.core.writer.TableStore` that reads tables back from disk on
    demand. When ``folder`` already holds the tables of the same articles, options and code,
    nothing is recomputed or rewritten: unchanged file names, sizes and modification times show
    it without reading the corpus; otherwise a pass over the articles compares their keys. Tables
    written as Parquet only are reused for a CSV request too: their CSV files are made from the
    Parquet ones (the same bytes a run writes), nothing is recomputed.
    Arguments as in :func:`analyze`.

    Returns:
        a :class:`Result` whose ``tables`` reads the written tables lazily.
    """
    options = with_corpus_resources(corpus, options or Options())
    folder = Path(folder)
    formats = parse_formats(formats)
    with (system_arrow_memory(),
          _Run(corpus, options, None, jobs, engine, scheduler, chunk_size, cache, progress) as run):
        previous = read_run_stamp(folder)
        files_key = run.files_key()
        had = previous.get("formats") or []
        if (_formats_reusable(had, formats)
                and all((folder / f"{n}.{f}").exists() for n in schema.TABLES for f in had)
                and (previous.get("files") == files_key or previous.get("key") == run.stamp_key())):
            problem = damage(folder, previous.get("digests"))
            if problem is None:
                _add_csv(folder, previous, formats)
                counts = previous["counts"]
                return Result(_reader(folder), counts["articles"], counts["rejected"],
                              counts["warnings"], counts["articles"], 0)
            log.warning("%s: tables not reused (%s); they are written again", folder, problem)
        remove_dead_staging(folder)
        staging = folder.parent / f".{folder.name}.partial-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            counts = _write_all(run, staging, formats, chunk_size, progress)
            write_run_stamp(staging, {"key": run.stamp.hexdigest(), "files": files_key,
                                      "formats": list(formats),
                                      "counts": dataclasses.asdict(counts),
                                      "digests": file_digests(staging, skip=(RUN_STAMP,))})
            _put_in_place(staging, folder, previous)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Result(_reader(folder), counts.articles, counts.rejected, counts.warnings,
                  run.stats["cached"], run.stats["computed"], *run.block_counts())


def _formats_reusable(had: list[str], formats: tuple[str, ...]) -> bool:
    """Whether tables written in formats ``had`` serve a run asking for ``formats``: every one is
    there, or only CSV is missing and is made from the Parquet files (:func:`_add_csv`)."""
    missing = set(formats) - set(had)
    return bool(had) and (not missing or (missing == {"csv"} and "parquet" in had))


def _add_csv(folder: Path, stamp: dict, formats: tuple[str, ...]) -> None:
    """Write the CSV files of reused Parquet-only tables when CSV is asked for; the stamp is
    removed first and written again last, listing both formats and every file's checksum."""
    if "csv" not in formats or "csv" in stamp.get("formats", []):
        return
    (folder / RUN_STAMP).unlink(missing_ok=True)
    for path in sorted(folder.glob("*.parquet")):
        csv_from_parquet(folder, path.stem)
    stamp = dict(stamp, formats=list(FORMATS),
                 digests=file_digests(folder, skip=(RUN_STAMP,)))
    write_run_stamp(folder, stamp)


def _reader(folder: Path):
    """The tables of ``folder``: a :class:`TableStore` (Parquet) when written, else CSV."""
    if (folder / "articles.parquet").exists():
        return TableStore(folder)
    from analysis.run.tables import Tables

    return Tables(folder)


def _write_all(run: _Run, folder: Path, formats: tuple[str, ...], chunk_size: int,
               progress: bool = False) -> _Counts:
    """Every table of ``run`` into ``folder``: the articles' rows chunk by chunk, then the corpus
    stages'. Parquet is always written (the corpus stages read it back); when it was not asked
    for, its files are removed at the end."""
    counts = _write_tables(run, folder, tuple(sorted(set(formats) | {"parquet"})), chunk_size,
                           progress)
    if "parquet" not in formats:
        for path in folder.glob("*.parquet"):
            path.unlink()
    return counts


def _write_tables(run: _Run, folder: Path, formats: tuple[str, ...], chunk_size: int,
                  progress: bool) -> _Counts:
    with TableWriter(folder, formats) as writer:
        sink = _ChunkedSink(writer, chunk_size)
        counts = _consume(run.results(), sink, progress)
        sink.flush()
    apart = counts.articles >= corpus_stage.APART_MIN_ARTICLES
    if apart and isinstance(run.engine, LocalEngine):
        run.engine.close()  # the per-article workers are done: not kept beside the stages' processes
    for spec in CORPUS_STAGES:
        if apart:
            run.stage_apart(spec, folder, formats)
        else:
            corpus_stage.run_here(spec, folder, formats, run.context)
    return counts


def _put_in_place(staging: Path, folder: Path, previous: dict) -> None:
    """Move the finished tables of ``staging`` into ``folder``: the old stamp goes first and the
    new one last, so a stamp always describes complete tables. Of the old files, only the ones
    the previous stamp lists (written by newsprism) are replaced or removed."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / RUN_STAMP).unlink(missing_ok=True)
    written = sorted(p.name for p in staging.iterdir() if p.is_file() and p.name != RUN_STAMP)
    for name in written:
        os.replace(staging / name, folder / name)
    old = previous.get("digests") if isinstance(previous.get("digests"), dict) else {}
    for name in set(old) - set(written):
        (folder / name).unlink(missing_ok=True)
    os.replace(staging / RUN_STAMP, folder / RUN_STAMP)


def remove_dead_staging(folder: Path) -> None:
    """Remove the staging folders a killed run left beside ``folder`` (their process is gone)."""
    for path in folder.parent.glob(f".{folder.name}.partial-*"):
        pid = path.name.rpartition("-")[2]
        if pid.isdigit() and int(pid) != os.getpid() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


RUN_STAMP = "_run.json"  # beside the tables: the key of the run that wrote them


def read_run_stamp(folder: Path) -> dict:
    try:
        return json.loads((folder / RUN_STAMP).read_text())
    except (OSError, ValueError):
        return {}


def write_run_stamp(folder: Path, stamp: dict) -> None:
    (folder / RUN_STAMP).write_text(json.dumps(stamp))


class _Run:
    """One analysis run: its stages, context, code fingerprint, engine and cache."""

    def __init__(self, corpus, options, items, jobs, engine, scheduler, chunk_size, cache,
                 progress=False):
        load_stage_modules()
        own = corpus_registry(corpus) if not options.registry else None
        options = dataclasses.replace(options, registry=str(own)) if own else options
        self.corpus, self.options, self.items = corpus, options, items
        self.stages = list(ARTICLE_STAGES)
        self.context = Context(options, load_registry(options.registry or None))
        self.code = code_fingerprint(code_files() + stage_roots(self.stages + list(CORPUS_STAGES)))
        self.salt = run_salt(self.code, options, self.stages)
        self.chunk_size = max(1, chunk_size)
        self.engine = make_engine(engine, jobs, scheduler)
        if isinstance(self.engine, DaskEngine):
            self.engine.check_code(self.code)
        folder = None if cache is True else cache
        self.cache = ArticleCache(folder, self.code) if cache else None
        self.context.cache = self.cache
        self.context.progress = progress
        self.stats = {"cached": 0, "computed": 0}

    def _items(self):
        """The corpus items, with the repeated-line evidence attached (two passes: the corpus
        is read again, or a list of items walked twice; a one-pass iterable goes as it is)."""
        if self.items is not None:
            if isinstance(self.items, list | tuple):
                return with_repeated_lines(lambda: self.items)
            return self.items
        return with_repeated_lines(lambda: iter_corpus(self.corpus, columns=self.options.columns))

    def stamp_key(self) -> str:
        """Key of the whole run (items, code, options, stages), from a pass over the corpus."""
        digest = self.new_stamp()
        for item in self._items():
            digest.update(_item_key(item, self.salt).encode())
        return digest.hexdigest()

    def files_key(self) -> str:
        """Quick key of the run: names, sizes and modification times of the corpus files (no
        reading), with the code, options and stages. Any write to a file changes its mtime."""
        digest = self.new_stamp()
        for path in map(str, regular_files(Path(self.corpus))):
            stat = os.stat(path)
            digest.update(os.fsencode(path) + f"\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        return digest.hexdigest()

    def block_counts(self) -> tuple[int, int]:
        """Corpus-stage results (comparison blocks) ``(from the cache, computed)`` so far."""
        if self.cache is None:
            return 0, 0
        return self.cache.result_hits, self.cache.result_misses

    def stage_apart(self, spec: str, folder: Path, formats: tuple[str, ...]) -> None:
        """Run the corpus stage ``spec`` in its own process (:func:`corpus_stage.run_apart`);
        its comparison blocks are counted with this run's."""
        release_memory()  # this process only waits meanwhile: what it freed is handed back
        job = corpus_stage.StageJob(spec, str(folder), formats, self.options,
                                    str(self.cache.path.parent) if self.cache else None,
                                    self.code, self.context.progress,
                                    getattr(self.engine, "jobs", 1))
        done = corpus_stage.run_apart(job)
        if self.cache is not None:
            self.cache.result_hits += done.blocks_cached
            self.cache.result_misses += done.blocks_computed

    def new_stamp(self):
        return hashlib.sha256(self.salt + repr(list(CORPUS_STAGES)).encode())

    def results(self) -> Iterator[tuple[RawArticle | Rejection, object]]:
        """``(item, result)`` in corpus order; ``self.stamp`` hashes every item's key on the way."""
        self.stamp = self.new_stamp()
        return _analyzed(self._items(), self.options, self.stages, self.engine, self.cache,
                         self.salt, self.chunk_size, self.stats, self.stamp)

    def __enter__(self) -> _Run:
        return self

    def __exit__(self, kind, *exc) -> None:
        self.engine.close(abort=kind is not None)  # a failed run leaves no worker running
        if self.cache is not None:
            self.cache.close()


def _rejection_row(item: Rejection) -> dict:
    return {"source_file": item.source_file, "reason": item.reason, "article_id": item.article_id}


def write_tables(tables: dict[str, pd.DataFrame], folder: str | Path) -> Path:
    """Write every table as ``<name>.csv`` (UTF-8, with header) and ``<name>.parquet`` into
    ``folder``, typed as in the schema (the same bytes as :func:`analyze_to` writes). Only the
    tables given are written: a table left out stays absent, and readers say so."""
    folder = Path(folder)
    with TableWriter(folder, complete=False) as writer:
        for name, frame in tables.items():
            writer.append(name, frame)
    return folder
