"""One corpus stage of :func:`analysis.run.pipeline.analyze_to`: in this process, or in a fresh one.

A corpus stage reads the tables already written to the run's folder and appends its own. Run in
the analysing process, each stage starts from what the per-article pass and the stages before it
left resident (pages freed but pinned by a few live objects, Arrow's pool), so the process's peak
is that residue plus the largest stage, and the residue grows with the corpus. Run in a fresh
interpreter (not a fork: ``fork`` is refused where threads are alive), every stage starts from the
same base at any corpus size, for the cost of one interpreter start and the stage's imports
(1.1-1.4 s of CPU for an empty stage on a quiet machine, about 5 s at load 8; docs/scale.md).
Small corpora stay in this process (:data:`APART_MIN_ARTICLES`).

In the stage's process Arrow allocates with the C library's ``malloc``
(``ARROW_DEFAULT_MEMORY_POOL=system``, read once at Arrow's first use, so given to the process at
its start): the Parquet reader's pages then go back to the system when freed.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.core.writer import TableStore, TableWriter, release_memory
from analysis.run.article import _resolve

if TYPE_CHECKING:
    from analysis.run.article import Options

log = logging.getLogger(__name__)

APART_MIN_ARTICLES = 1000  # corpora of at least this many articles run each corpus stage in its
#                            own process (below it, the interpreter starts cost more than the
#                            memory they save; see docs/scale.md "Memory: each corpus stage ...")
ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"


class StageFailed(RuntimeError):
    """A corpus stage's process ended without a result (killed, e.g. out of memory)."""


def peak_mb() -> float:
    """This process's peak resident memory so far, MB (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not Unix
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(frozen=True)
class StageJob:
    """What a stage's process needs to rebuild the run's context and write its tables."""

    spec: str  # "module:function"
    folder: str  # the run's (staging) folder of tables
    formats: tuple[str, ...]
    options: Options
    cache_folder: str | None  # the run's cache folder (None: no cache)
    code: str  # the run's code fingerprint (the cache's key)
    progress: bool = False
    jobs: int = 1  # processes the stage may use (the comparison's blocks run on that many)


def run_here(spec: str, folder: Path, formats: tuple[str, ...], context) -> None:
    """Run the corpus stage ``spec`` in this process on the tables of ``folder``, appending its
    tables there."""
    release_memory()  # what the previous step freed is not kept resident
    tables = TableStore(folder)  # fresh: nothing a previous stage read stays in memory
    with TableWriter(folder, formats, complete=False) as writer:
        for name, frame in pieces(_resolve(spec)(tables, context)):
            writer.append(name, frame)
    del tables


def pieces(produced) -> Iterator:
    """A corpus stage's output as ``(table, rows)`` pieces: from a dict of whole tables, or as
    the stage yields them (a stage that streams, e.g. :func:`analysis.compare.stage.compare_pieces`)."""
    return iter(produced.items()) if isinstance(produced, Mapping) else iter(produced)


def _child(job: StageJob) -> tuple[int, int]:
    """In the stage's process: the run's context rebuilt, the stage run; returns the comparison
    blocks ``(from the cache, computed)`` this stage counted."""

    from analysis.core.cache import ArticleCache
    from analysis.entities.registry import load_registry
    from analysis.run.article import Context, load_stage_modules

    load_stage_modules()  # every table registered in the schema, as in the analysing process
    context = Context(job.options, load_registry(job.options.registry or None))
    context.progress = job.progress
    context.jobs = job.jobs
    cache = ArticleCache(job.cache_folder, job.code) if job.cache_folder is not None else None
    context.cache = cache
    try:
        run_here(job.spec, Path(job.folder), job.formats, context)
        return (cache.result_hits, cache.result_misses) if cache is not None else (0, 0)
    finally:
        if cache is not None:
            cache.close()


@dataclass(frozen=True)
class Done:
    """What a stage's own process reports back."""

    blocks_cached: int  # comparison blocks from the cache
    blocks_computed: int  # ... and computed (both 0 without a cache)
    peak_mb: float  # the process's peak resident memory
    cpu_seconds: float  # the process's CPU time, interpreter start and imports included


def run_apart(job: StageJob) -> Done:
    """Run ``job``'s stage in a fresh Python process and wait for it.

    The process is a new interpreter (``python -c``, this process's ``sys.path``), not a
    ``multiprocessing`` one: nothing of this process is inherited, and the caller's main module
    is not imported again (a script without ``if __name__ == "__main__"`` works as in one
    process). An error in the stage is raised here as the stage raised it, with a note naming the
    stage and the stage's traceback; a process that ends without a result (killed) raises
    :class:`StageFailed` naming the stage.
    """
    env = dict(os.environ)
    env.setdefault(ARROW_POOL_VARIABLE, "system")
    with tempfile.TemporaryDirectory(prefix="newsprism-stage-") as scratch:
        answer = Path(scratch) / "answer.pickle"
        code = ("import sys; sys.path[:0] = sys.argv[2:]; "
                "from analysis.run.corpus_stage import child_main; child_main(sys.argv[1])")
        process = subprocess.run([sys.executable, "-c", code, str(answer), *sys.path],
                                 input=pickle.dumps(job), env=env, check=False)
        if not answer.exists():
            raise StageFailed(f"corpus stage {job.spec}: its process ended without finishing "
                              f"(exit status {process.returncode}; killed, e.g. for lack of "
                              "memory?)")
        ok, value, trace, peak, cpu = pickle.loads(answer.read_bytes())
    log.debug("corpus stage %s in its own process: %.1f s of CPU, peak %.0f MB", job.spec, cpu,
              peak)
    if ok:
        cached, computed = value
        return Done(cached, computed, peak, cpu)
    value.add_note(f"(in the corpus stage {job.spec}, run in its own process:)\n{trace}")
    raise value


def child_main(answer: str) -> None:
    """The stage's process: the job from stdin; ``(ok, value, traceback, peak MB, CPU s)``
    pickled to ``answer``: the stage's counts, or the exception it raised."""
    from analysis.core.processes import die_with_parent

    die_with_parent()
    job = pickle.loads(sys.stdin.buffer.read())
    try:
        result: tuple = (True, _child(job), "")
    except Exception as error:  # handed to the analysing process, which raises it
        trace = traceback.format_exc()
        try:
            pickle.loads(pickle.dumps(error))
        except Exception:  # an exception that cannot be pickled goes as its text
            error = RuntimeError(f"{type(error).__name__}: {error}")
        result = (False, error, trace)
    Path(answer).write_bytes(pickle.dumps(result + (peak_mb(), time.process_time())))
