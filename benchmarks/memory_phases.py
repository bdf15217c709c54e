"""Peak resident memory of ``analyze_to`` phase by phase (the per-article pass, each corpus stage,
the comparison's split and each of its blocks).

Runs ``analysis.run.pipeline.analyze_to`` in this process and, at every phase boundary, reads the
kernel's high-water mark of resident memory (``VmHWM`` in ``/proc/self/status``) and resets it
(``/proc/self/clear_refs``, value 5), so each line is the true peak of its phase, not a sample.
No thread is started (a sampler thread would make the engine fork workers from a forkserver).
Linux only.

    .venv/bin/python benchmarks/memory_phases.py CORPUS OUT [--cache DIR] [--jobs N]

With ``--cache`` filled by an earlier run of the same corpus and code, the per-article results come
from the cache (a fast way to measure the corpus stages); ``--no-block-cache`` then still computes
every comparison block.
"""

from __future__ import annotations

import argparse
import functools
import inspect
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _status(field: str) -> float:
    """A ``/proc/self/status`` memory field in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Phases:
    """Peak and end resident memory per phase; each mark ends the phase running since the last."""

    def __init__(self):
        self.rows: list[dict] = []
        self.start = time.perf_counter()
        self._reset()

    @staticmethod
    def _reset() -> None:
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:  # pragma: no cover - not Linux, or not allowed
            pass

    def mark(self, name: str, **extra) -> None:
        self.rows.append({"phase": name, "peak_mb": round(_status("VmHWM"), 1),
                          "end_mb": round(_status("VmRSS"), 1),
                          "seconds": round(time.perf_counter() - self.start, 1), **extra})
        self._reset()

    def print(self) -> None:
        print(f"{'phase':<48} {'peak MB':>8} {'end MB':>8} {'s':>7}")
        for row in self.rows:
            extra = {k: v for k, v in row.items() if k not in ("phase", "peak_mb", "end_mb", "seconds")}
            print(f"{row['phase']:<48} {row['peak_mb']:>8.1f} {row['end_mb']:>8.1f} "
                  f"{row['seconds']:>7.1f} {json.dumps(extra) if extra else ''}")
        print(f"overall peak: {max(r['peak_mb'] for r in self.rows):.1f} MB")


def instrument(phases: Phases, block_cache: bool = True) -> None:
    """Wrap the pipeline's phases so each one ends with a mark."""
    from analysis.compare import stage as compare
    from analysis.core import writer
    from analysis.run import corpus_stage, pipeline

    consume = pipeline._consume

    def consumed(*args, **kwargs):
        phases.mark("(before the per-article pass)")
        counts = consume(*args, **kwargs)
        phases.mark("per-article pass")
        return counts

    pipeline._consume = consumed
    resolve = pipeline._resolve

    def resolved(spec):
        function = resolve(spec)
        name = spec.rpartition(":")[2]

        @functools.wraps(function)
        def stage(tables, context):
            phases.mark(f"(before {name})")
            produced = function(tables, context)
            if not inspect.isgenerator(produced):
                phases.mark(f"{name}")
                return produced

            def pieces():
                yield from produced
                phases.mark(f"{name}: last blocks, summary")
            return pieces()
        return stage

    pipeline._resolve = resolved
    corpus_stage._resolve = resolved
    corpus_stage.APART_MIN_ARTICLES = 2**62  # every stage in this process, where it is measured
    release = writer.release_memory

    def released():
        release()
        phases.mark("  release_memory")

    pipeline.release_memory = released
    corpus_stage.release_memory = released
    compare.release_memory = released
    partitioned = compare.Partitioned

    class Split(partitioned):
        def __init__(self, tables, name, *args, **kwargs):
            phases.mark(f"  (before splitting {name})")
            super().__init__(tables, name, *args, **kwargs)
            phases.mark(f"  split {name}")

    compare.Partitioned = Split
    block = compare._compare_block
    counter = {"n": 0}

    def compared(articles, sentences, *args, **kwargs):
        counter["n"] += 1
        phases.mark(f"  (write, cache, read before block {counter['n']})")
        found = block(articles, sentences, *args, **kwargs)
        phases.mark(f"  block {counter['n']}", articles=len(articles), sentences=len(sentences),
                    alignment=len(found["alignment"]))
        return found

    compare._compare_block = compared
    if not block_cache:
        from analysis.core.cache import ArticleCache

        ArticleCache.get_result = lambda self, key: None


def stages_only(source: Path, out: Path, one_event: bool, phases: Phases,
                apart: bool = False) -> None:
    """The corpus stages of ``analyze_to`` on a copy of an earlier run's Parquet tables
    (``apart``: each in its own process, as ``analyze_to`` runs them on a large corpus)."""
    import shutil

    import pandas as pd

    from analysis.core.stages import CORPUS_STAGES
    from analysis.core.writer import TableWriter, release_memory, system_arrow_memory
    from analysis.entities.registry import load_registry
    from analysis.run import corpus_stage, pipeline
    from analysis.run.article import Context, Options

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for path in source.glob("*.parquet"):
        shutil.copy(path, out / path.name)
    if one_event:
        articles = pd.read_parquet(out / "articles.parquet")
        articles["event"] = "one"
        with TableWriter(out, ("parquet",), complete=False) as writer:
            writer.append("articles", articles)
        del articles
    pipeline.load_stage_modules()
    if apart:
        for spec in CORPUS_STAGES:
            done = corpus_stage.run_apart(corpus_stage.StageJob(
                spec, str(out), ("parquet",), Options(), None, ""))
            phases.rows.append({"phase": f"{spec.partition(':')[2]} (own process)",
                                "peak_mb": round(done.peak_mb, 1), "end_mb": float("nan"),
                                "seconds": round(time.perf_counter() - phases.start, 1),
                                "cpu_s": round(done.cpu_seconds, 1)})
        return
    context = Context(Options(), load_registry(None))
    with system_arrow_memory():
        release_memory()
        phases.mark("(setup)")
        for spec in CORPUS_STAGES:  # as analyze_to runs them in one process (instrumented)
            corpus_stage.run_here(spec, out, ("parquet",), context)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--cache", default="", help="cache folder (default: no cache)")
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--no-block-cache", action="store_true",
                        help="compute every comparison block even when the cache holds it")
    parser.add_argument("--json", default="", help="also write the rows to this file")
    parser.add_argument("--stages-only", action="store_true",
                        help="CORPUS is a tables folder of an earlier run: copy it to OUT and run "
                             "only the corpus stages on the copy (no cache)")
    parser.add_argument("--one-event", action="store_true",
                        help="with --stages-only: every article in one event (large events are "
                             "then compared in blocks of the block limit)")
    parser.add_argument("--apart", action="store_true",
                        help="with --stages-only: each corpus stage in its own process "
                             "(analysis.run.corpus_stage.run_apart); its peak and CPU printed")
    args = parser.parse_args(argv)
    phases = Phases()
    instrument(phases, block_cache=not args.no_block_cache)
    if args.stages_only:
        stages_only(Path(args.corpus), Path(args.out), args.one_event, phases, args.apart)
        phases.mark("(end)")
        phases.print()
        return 0
    from analysis.run.pipeline import analyze_to

    result = analyze_to(args.corpus, args.out, jobs=args.jobs, cache=args.cache or False)
    phases.mark("(end)")
    phases.print()
    print(f"articles {result.n_articles}, computed {result.n_computed}, cached {result.n_cached}")
    if args.json:
        Path(args.json).write_text(json.dumps(phases.rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
