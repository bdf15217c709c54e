"""Where the per-article work runs: in this process, in a pool of processes, or on a Dask cluster.

Every engine offers ``submit(raws, options, stages) -> Pending`` whose ``result()`` is the list of
encoded results (:func:`analysis.core.cache.encode`) in the order of ``raws``, so all engines give the
same tables. Work is sent in batches of articles; a worker process builds its context (entity
registry, stage modules) once and reuses it for every batch.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from analysis.core.cache import encode
from analysis.core.processes import die_with_parent

CALIBRATION_ARTICLES = 4  # analysed here first: the first warms this process, the rest are timed
POOL_WORTH_SECONDS = 1.0  # less serial work than this stays in-process (measured: a forked pool
#                           starts in ~0.1 s, a forkserver pool in 2-10 s with stage imports)
TASKS_PER_WORKER = 4  # batches per worker and submission, so a slow batch does not idle the others

_CONTEXTS: dict[str, object] = {}


def default_jobs() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def context_for(options):
    """The analysis context for ``options``, built once per process."""
    from analysis.entities.registry import load_registry
    from analysis.run.article import Context

    key = repr(options)
    if key not in _CONTEXTS:
        _CONTEXTS[key] = Context(options, load_registry(options.registry or None))
    return _CONTEXTS[key]


def analyze_batch(raws: Sequence, options, stages: Sequence[str]) -> list[bytes]:
    """Encoded results of a batch of raw articles (runs in a worker, or here)."""
    from analysis.run.article import analyze_article

    context = context_for(options)
    return [encode(analyze_article(raw, context, stages)) for raw in raws]


class Pending:
    """A submitted batch; ``result()`` waits for it and returns the encoded results in order."""

    def __init__(self, wait: Callable[[], list[bytes]]):
        self._wait = wait

    def result(self) -> list[bytes]:
        return self._wait()


def _split(items: Sequence, parts: int) -> list[Sequence]:
    size = max(1, math.ceil(len(items) / parts))
    return [items[i:i + size] for i in range(0, len(items), size)]


def start_method() -> str:
    """``fork`` when safe (Linux, no other Python thread): workers inherit this process's imported
    modules and warmed lexicons for free; else ``forkserver`` (a clean server process)."""
    return "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "forkserver"


class LocalEngine:
    """This machine: up to ``jobs`` worker processes.

    The first articles are analysed in this process, which warms it (imports, lexicons) and
    measures the cost of an article; workers start only when the work left is worth it, and, when
    forked, inherit the warm state.
    """

    name = "local"

    def __init__(self, jobs: int | None = None):
        self.jobs = max(1, jobs or default_jobs())
        self._pool: ProcessPoolExecutor | None = None
        self._seconds_per_article: float | None = None

    def start(self, preload: Sequence[str] = ()) -> ProcessPoolExecutor:
        """The worker pool (started on first use)."""
        if self._pool is None:
            context = multiprocessing.get_context(start_method())
            if context.get_start_method() == "forkserver":
                context.set_forkserver_preload(["analysis.run.pipeline", *preload])
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=context,
                                             initializer=die_with_parent)
        return self._pool

    def submit(self, raws: Sequence, options, stages: Sequence[str]) -> Pending:
        if self.jobs == 1:
            return Pending(lambda: analyze_batch(raws, options, stages))
        done: list[bytes] = []
        if self._pool is None and self._seconds_per_article is None:
            head, raws = raws[:CALIBRATION_ARTICLES], raws[CALIBRATION_ARTICLES:]
            done = analyze_batch(head[:1], options, stages)  # imports, lexicons: not timed
            start = time.perf_counter()
            done += analyze_batch(head[1:], options, stages)
            if len(head) > 1:
                self._seconds_per_article = (time.perf_counter() - start) / (len(head) - 1)
        if self._pool is None and (self._seconds_per_article or 0) * len(raws) < POOL_WORTH_SECONDS:
            return Pending(lambda: done + analyze_batch(raws, options, stages))
        pool = self.start([spec.partition(":")[0] for spec in stages])
        futures = [pool.submit(analyze_batch, part, options, stages)
                   for part in _split(raws, self.jobs * TASKS_PER_WORKER)]
        return Pending(lambda: done + [blob for f in futures for blob in f.result()])

    def close(self, abort: bool = False) -> None:
        """Stop the workers: after their work, or (``abort``: the run failed or was
        interrupted) at once, killing them."""
        if self._pool is not None:
            if abort:
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.kill()
                self._pool.shutdown(wait=True, cancel_futures=True)
            else:
                self._pool.shutdown()
            self._pool = None


class DaskEngine:
    """A Dask cluster: each batch becomes a ``dask.bag`` mapped partition by partition.

    Args:
        scheduler: a scheduler address (``tcp://host:8786``), a ``distributed.Client``, or None
            for a ``LocalCluster`` of ``jobs`` single-threaded worker processes.
        jobs: workers of the local cluster (default: all cores).
    """

    name = "dask"

    def __init__(self, scheduler=None, jobs: int | None = None):
        from distributed import Client, LocalCluster

        self._cluster = None
        self._own_client = True
        if isinstance(scheduler, Client):
            self.client, self._own_client = scheduler, False
        elif scheduler:
            self.client = Client(scheduler)
        else:
            logging.getLogger("distributed").setLevel(logging.WARNING)  # no start/stop chatter
            self._cluster = LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1,
                                         processes=True, dashboard_address=None)
            self.client = Client(self._cluster)

    def check_code(self, code: str) -> None:
        """Refuse to run when the workers' newsprism code differs from this process's."""
        from analysis.core.cache import code_fingerprint

        found = self.client.run(code_fingerprint)
        different = sorted(worker for worker, value in found.items() if value != code)
        if different:
            raise RuntimeError(f"Dask workers {', '.join(different)} run different newsprism code "
                               "(install the same version on every worker)")

    def _partitions(self) -> int:
        workers = self.client.scheduler_info().get("workers", {})
        threads = sum(w.get("nthreads", 1) for w in workers.values()) or 1
        return threads * TASKS_PER_WORKER

    def submit(self, raws: Sequence, options, stages: Sequence[str]) -> Pending:
        import dask.bag as db

        if not raws:
            return Pending(list)
        bag = db.from_sequence(list(raws), npartitions=min(len(raws), self._partitions()))
        future = self.client.compute(bag.map_partitions(analyze_batch, options, list(stages)))
        return Pending(future.result)

    def close(self, abort: bool = False) -> None:
        if self._own_client:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(engine: str = "local", jobs: int | None = None, scheduler=None):
    """An engine by name: ``local`` or ``dask``."""
    if engine == "local":
        return LocalEngine(jobs)
    if engine == "dask":
        try:
            import distributed  # noqa: F401  - an optional extra
        except ImportError as error:
            raise ValueError("engine 'dask' needs the dask extra: pip install 'newsprism[dask]'") from error
        return DaskEngine(scheduler, jobs)
    raise ValueError(f"unknown engine {engine!r} (use local or dask)")
