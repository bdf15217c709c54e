"""Scale benchmark of ``newsprism analyze``: throughput, memory, cores, cache, and the library floor.

Prints, in one run, on synthetic corpora (``generate_corpus.py``, written to a temporary folder):

- articles per second of a cold run at 1,000 and 10,000 articles (100,000 with ``--full``), all
  cores, empty cache, CSV + Parquet written;
- peak memory of each run: the analysing process alone, and all its processes together;
- the speed-up of the per-article stage from 1 core to all cores;
- the warm re-run time (nothing changed; same output folder, and a fresh one), and the time to add
  10 articles to the 10,000 (at random dates, and dated after all others);
- the floor: VADER on every sentence, every reported textstat index on every article and paragraph,
  ftfy's mojibake repair on every article, called directly in a loop on the same text, and the
  ratio per-article analysis / floor on one core.

Every measurement runs in a child process, so imports and memory of one do not leak into the next.

    .venv/bin/python benchmarks/analyze_scale.py                       # 1,000 and 10,000 articles
    .venv/bin/python benchmarks/analyze_scale.py --full                # and 100,000
    .venv/bin/python benchmarks/analyze_scale.py --reference-stages    # with stand-in VADER/textstat stages
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate_corpus import write_folder  # noqa: E402

SAMPLE_SECONDS = 0.5  # sampling interval of the process tree (memory, CPU). At 0.1 s the
#                       sampler itself took 17% of a core at 100,000 articles (reading every
#                       process's smaps), slowing the run it measured. A peak shorter than
#                       0.5 s can be missed (as one shorter than 0.1 s could before)
ADDED = 10  # articles added to the largest corpus for the incremental run


# --- child side -------------------------------------------------------------------------------


def _use_reference_stages() -> None:
    from analysis.run import pipeline

    pipeline.ARTICLE_STAGES = list(pipeline.ARTICLE_STAGES) + [
        "benchmarks.library_calls:reference_stage"]


def child_analyze(task: dict) -> dict:
    """One ``analyze_to`` run; seconds inside the process (imports excluded) and counts."""
    from analysis.run.pipeline import analyze_to

    start = time.perf_counter()
    result = analyze_to(task["corpus"], task["out"], jobs=task["jobs"], cache=task["cache"],
                        chunk_size=task.get("chunk_size", 500))
    return {"seconds": time.perf_counter() - start, "articles": result.n_articles,
            "computed": result.n_computed, "cached": result.n_cached,
            "blocks_cached": result.n_blocks_cached, "blocks_computed": result.n_blocks_computed}


def child_articles(task: dict) -> dict:
    """The per-article stage alone (clean, segment, every article stage) on ``jobs`` processes:
    raw articles are loaded first and the pool is started before the clock starts."""
    from analysis.corpus.load import RawArticle, iter_corpus
    from analysis.run import pipeline
    from analysis.run.engine import LocalEngine, analyze_batch
    from analysis.run.pipeline import Options

    pipeline.load_stage_modules()
    raws = [i for i in iter_corpus(task["corpus"]) if isinstance(i, RawArticle)]
    options, stages = Options(), list(pipeline.ARTICLE_STAGES)
    engine = LocalEngine(task["jobs"])
    start = time.perf_counter()
    analyze_batch(raws[:1], options, stages)  # imports and lexicons, here and (forked) in workers
    if task["jobs"] > 1:
        pool = engine.start([spec.partition(":")[0] for spec in stages])
        for future in [pool.submit(analyze_batch, raws[i:i + 1], options, stages)
                       for i in range(task["jobs"] * 2)]:
            future.result()
    startup = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    size = task.get("chunk_size", 500)
    pending = [engine.submit(raws[i:i + size], options, stages) for i in range(0, len(raws), size)]
    n = sum(len(p.result()) for p in pending)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    engine.close()  # workers are reaped: their CPU time is now in RUSAGE_CHILDREN
    import resource

    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "cpu": cpu, "articles": n, "startup": startup,
            "cpu_with_workers": cpu + workers.ru_utime + workers.ru_stime}


def child_floor(task: dict) -> dict:
    """The libraries alone on the texts the analysis saw (from its tables), one core.

    ``task["calls"]``: ``"issue"`` (default) makes the floor's calls of issue 8 (VADER on every
    sentence, every textstat index on every article and paragraph, ftfy on every article);
    ``"pipeline"`` makes every library call the pipeline makes per article
    (:func:`benchmarks.library_calls.pipeline_calls`: also VADER on the voice pieces that are not
    sentences, the readability stage's textstat counts, lingua where the manifest has no language).
    """
    import pandas as pd

    from benchmarks import library_calls

    tables = Path(task["tables"])
    articles = pd.read_parquet(tables / "articles.parquet")
    english = set(articles.loc[articles.english, "article_id"])
    sentences = pd.read_parquet(tables / "sentences.parquet")
    if (tables / "sentiment_sentences.parquet").exists():  # the sentences the stage scores
        sentences = pd.read_parquet(tables / "sentiment_sentences.parquet")
    elif "role" in sentences:
        sentences = sentences[sentences.role == "body"]
    paragraphs = pd.read_parquet(tables / "paragraphs.parquet")
    paragraphs = paragraphs[paragraphs.role == "body"]
    by_article_s = sentences.groupby("article_id").text.apply(list).to_dict()
    by_article_p = paragraphs.groupby("article_id").text.apply(list).to_dict()
    corpus = Path(task["corpus"])
    if corpus.is_file():  # an export (the real-text corpus): the texts are its rows
        from analysis.corpus.load import RawArticle, iter_corpus

        raw = {r.article_id: r.text for r in iter_corpus(corpus) if isinstance(r, RawArticle)}
    else:
        raw = {row.article_id: (corpus / row.source_file).read_text(encoding="utf-8")
               for row in articles.itertuples()}
    indices = library_calls.readability_indices()
    library_calls.textstat_offline()
    library_calls.vader()
    every_call = task.get("calls") == "pipeline"
    extra = library_calls.pipeline_inputs(tables, corpus, by_article_s) if every_call else {}
    if any(language is not None for _, language in extra.values()):
        from analysis.corpus.language import _detector

        _detector()  # lingua's models load once per process, before the clock as VADER's do
    start, cpu = time.perf_counter(), time.process_time()
    checksum = 0.0
    for article_id in articles.article_id:
        if every_call:
            checksum += len(library_calls.repair(raw[article_id]))
            paras = by_article_p.get(article_id, [])
            pieces, language_text = extra.get(article_id, ([], None))
            checksum += library_calls.pipeline_calls(
                by_article_s.get(article_id, []),
                "\n\n".join(paras) if article_id in english else None, paras, pieces, language_text)
            continue
        if article_id in english:
            paras = by_article_p.get(article_id, [])
            checksum += library_calls.score_text(by_article_s.get(article_id, []), "\n\n".join(paras),
                                                 paras, indices)
        checksum += len(library_calls.repair(raw[article_id]))
    return {"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
            "articles": len(articles), "indices": list(indices), "checksum": checksum,
            "sentences": int(sentences.article_id.isin(english).sum()),
            "paragraphs": int(paragraphs.article_id.isin(english).sum()),
            "pieces": sum(len(p) for p, _ in extra.values()),
            "identified": sum(language is not None for _, language in extra.values())}


def burn(n: int) -> int:
    """Pure CPU work, for the machine's own ceiling on speed-up."""
    total = 0
    for i in range(n):
        total += i
    return total


def child_ceiling(task: dict) -> dict:
    """Speed-up of pure CPU work on ``jobs`` processes now: what the machine allows, given the
    other processes running on it (the engine's speed-up cannot exceed it)."""
    from concurrent.futures import ProcessPoolExecutor

    jobs, n = task["jobs"], task.get("n", 10_000_000)
    start = time.perf_counter()
    for _ in range(jobs):
        burn(n)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(burn, [1] * jobs))
        start = time.perf_counter()
        list(pool.map(burn, [n] * jobs))
        parallel = time.perf_counter() - start
    return {"seconds": parallel, "speedup": serial / parallel}


CHILD_TASKS = {"analyze": child_analyze, "articles": child_articles, "floor": child_floor,
               "ceiling": child_ceiling}


def run_child(task: dict) -> dict:
    import resource

    if task.get("reference_stages"):
        _use_reference_stages()
    answer = CHILD_TASKS[task["kind"]](task)
    me, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    answer["self_rss_mb"] = me.ru_maxrss / 1024
    answer["children_rss_mb"] = children.ru_maxrss / 1024
    answer["cpu_seconds"] = me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime
    return answer


# --- parent side ------------------------------------------------------------------------------


def measure(task: dict) -> dict:
    """Run ``task`` in a child process; add the peak memory of its whole process tree."""
    import psutil

    process = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(task)],
                               stdout=subprocess.PIPE, cwd=ROOT)
    watched = psutil.Process(process.pid)
    peak = 0
    cpu: dict[int, float] = {}  # pid -> its own CPU seconds when last seen
    while process.poll() is None:
        total = 0
        try:
            for p in [watched] + watched.children(recursive=True):
                with p.oneshot():
                    total += p.memory_full_info().pss  # forked workers share pages: PSS counts them once
                    times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            pass
        peak = max(peak, total)
        time.sleep(SAMPLE_SECONDS)
    output = process.stdout.read().decode()
    if process.returncode:
        raise RuntimeError(f"child {task['kind']} failed ({process.returncode}): {output}")
    answer = json.loads(output.strip().splitlines()[-1])
    answer["tree_rss_mb"] = peak / 2**20
    # every process of the tree, the comparison's forkserver workers too (no process waits for
    # them, so the child's own rusage misses them); each process's last interval is missed
    answer["tree_cpu_seconds"] = sum(cpu.values())
    return answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also 100,000 articles")
    parser.add_argument("--sizes", default="", help="comma-separated sizes instead of 1000,10000")
    parser.add_argument("--speedup-n", type=int, default=2000,
                        help="articles for the 1-core vs all-cores comparison (default 2000)")
    parser.add_argument("--floor-n", type=int, default=1000,
                        help="articles for the floor comparison (default 1000)")
    parser.add_argument("--jobs", type=int, default=None, help="all cores = this (default: all)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--text", choices=("synthetic", "real"), default="synthetic",
                        help="synthetic: templated articles (generate_corpus.py, a folder of .txt); "
                             "real: real news paragraphs recombined (real_corpus.py, one JSONL "
                             "export; needs ../shared/dev-data)")
    parser.add_argument("--workdir", default="", help="keep corpora and outputs here (default: temp)")
    parser.add_argument("--reference-stages", action="store_true",
                        help="add stand-in stages making the floor's VADER/textstat calls")
    parser.add_argument("--parts", default="cold,warm,speedup,floor",
                        help="which measurements to make (default: all four)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_child(json.loads(args.child))))
        return 0

    from analysis.run.engine import default_jobs
    from analysis.run.pipeline import ARTICLE_STAGES, load_stage_modules

    load_stage_modules()
    jobs = args.jobs or default_jobs()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [1000, 10000]
    if args.full:
        sizes.append(100_000)
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="newsprism-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    common = {"reference_stages": args.reference_stages}
    stages = list(ARTICLE_STAGES) + (["(reference stage)"] if args.reference_stages else [])
    print(f"newsprism scale benchmark: {jobs} core(s), {os.cpu_count()} CPUs seen; "
          f"article stages: {', '.join(stages) or 'none (foundation only)'}")
    print(f"text: {args.text}")
    print(f"work folder: {work}; load average before: {os.getloadavg()[0]:.1f} "
          "(other processes on these cores slow every figure below)")

    if args.text == "real":
        from benchmarks import real_corpus

        try:
            real_corpus.paragraphs()
        except real_corpus.MissingSource as error:
            print(f"skipped: {error}")
            return 0

    def corpus(n: int, added: int = 0, newest: int = 0) -> Path:
        """The corpus of ``n`` articles (+ ``added`` more, or + ``newest`` dated after all)."""
        suffix = f"-plus{added}" if added else f"-newest{newest}" if newest else ""
        if args.text == "real":  # one name for every export: an article's cache key holds it
            path = work / f"real-{n}{suffix}" / "export.jsonl"
            if not path.exists():
                real_corpus.write_export(path.with_suffix(".partial"), n + added, args.seed,
                                         newest=newest).rename(path)
            return path
        folder = work / f"corpus-{n}{suffix}"
        if not (folder / "manifest.csv").exists():
            write_folder(folder, n + added, args.seed, newest=newest)
        return folder

    parts = set(args.parts.split(","))
    bench = Bench(work, jobs, common, corpus, args.seed)
    if "cold" in parts:
        cold = bench.cold(sizes)
        if "warm" in parts:
            bench.warm(sizes[-1], cold[sizes[-1]]["seconds"])
    one = bench.speedup(args.speedup_n) if "speedup" in parts else None
    if "floor" in parts:
        bench.floor(args.floor_n, one if args.floor_n == args.speedup_n else None)
        if not any(("sentiment" in s or "readab" in s) for s in stages) and not args.reference_stages:
            print("note: no VADER or textstat stage is listed in analysis/core/stages.py, so the analysis "
                  "does not make the floor's calls yet: this ratio is not the figure of merit until "
                  "they are (or run with --reference-stages).")
    return 0


def largest(run: dict) -> float:
    """Peak MB of the largest process of a run: the analyser, a worker, or a corpus stage's own
    process (``ru_maxrss`` of the children is the largest of them)."""
    return max(run["self_rss_mb"], run["children_rss_mb"])


class Bench:
    """The four measurements, each printing its figures."""

    def __init__(self, work: Path, jobs: int, common: dict, corpus, seed: int):
        self.work, self.jobs, self.common, self.corpus, self.seed = work, jobs, common, corpus, seed

    def run(self, corpus: Path, out: Path, cache) -> dict:
        return measure({"kind": "analyze", "corpus": str(corpus), "out": str(out),
                        "cache": str(cache) if cache else False, "jobs": self.jobs, **self.common})

    def cold(self, sizes: list[int]) -> dict:
        print("\n== cold runs (empty cache, all cores, CSV + Parquet)")
        print(f"{'articles':>9} {'seconds':>8} {'art/s':>7} {'CPU s':>7} {'CPU s, all':>10} "
              f"{'peak MB (analyser)':>19} {'peak MB (all, PSS)':>19} {'largest child':>14}")
        cold = {}
        for n in sizes:
            out, cache = self.work / f"out-{n}", self.work / f"cache-{n}"
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            cold[n] = self.run(self.corpus(n), out, cache)
            r = cold[n]
            print(f"{n:>9,} {r['seconds']:>8.1f} {n / r['seconds']:>7.0f} {r['cpu_seconds']:>7.1f} "
                  f"{r['tree_cpu_seconds']:>10.1f} {r['self_rss_mb']:>19.0f} "
                  f"{r['tree_rss_mb']:>19.0f} {r['children_rss_mb']:>14.0f}")
        small, large = sizes[0], sizes[-1]
        if len(sizes) > 1:
            print(f"peak memory {large:,} / {small:,}: analyser "
                  f"{cold[large]['self_rss_mb'] / cold[small]['self_rss_mb']:.2f}, all processes "
                  f"{cold[large]['tree_rss_mb'] / cold[small]['tree_rss_mb']:.2f}, largest process "
                  f"{largest(cold[large]) / largest(cold[small]):.2f}  (goal <= 1.2)")
        return cold

    def warm(self, large: int, cold_s: float) -> None:
        print(f"\n== warm re-runs of {large:,} articles (cache filled by the cold run)")
        cache = self.work / f"cache-{large}"
        same = self.run(self.corpus(large), self.work / f"out-{large}", cache)
        fresh_out = self.work / f"out-{large}-fresh"
        shutil.rmtree(fresh_out, ignore_errors=True)
        fresh = self.run(self.corpus(large), fresh_out, cache)
        added = self.run(self.corpus(large, added=ADDED), self.work / f"out-{large}-plus", cache)
        appended = self.run(self.corpus(large, newest=ADDED), self.work / f"out-{large}-newest",
                            cache)
        print(f"cold run:                          {cold_s:8.2f} s")
        print(f"warm, same output folder:          {same['seconds']:8.2f} s  "
              f"(files unchanged: nothing read or written) "
              f"({cold_s / same['seconds']:.0f}x faster; goal >= 20x)")
        print(f"warm, fresh output folder:         {fresh['seconds']:8.2f} s  "
              f"({cold_s / fresh['seconds']:.1f}x faster; cache hits {fresh['cached']:,} articles, "
              f"{fresh['blocks_cached']} comparison blocks; tables rewritten)")
        print(f"{ADDED} articles added to {large:,}:     {added['seconds']:8.2f} s  "
              f"({cold_s / added['seconds']:.1f}x faster; computed {added['computed']} articles, "
              f"{added['blocks_computed']} comparison blocks; from the cache {added['cached']:,} "
              f"articles, {added['blocks_cached']} blocks)")
        print(f"{ADDED} newest articles appended:      {appended['seconds']:8.2f} s  "
              f"({cold_s / appended['seconds']:.1f}x faster; computed {appended['computed']} articles, "
              f"{appended['blocks_computed']} comparison blocks; from the cache "
              f"{appended['cached']:,} articles, {appended['blocks_cached']} blocks)")

    def speedup(self, n: int) -> dict:
        print(f"\n== per-article stage, 1 core vs {self.jobs} ({n:,} articles, pool started first)")
        base = {"kind": "articles", "corpus": str(self.corpus(n)), **self.common}
        one = measure(dict(base, jobs=1))
        many = measure(dict(base, jobs=self.jobs))
        print(f"1 core:   {one['seconds']:7.2f} s  {n / one['seconds']:6.0f} art/s  "
              f"(CPU {one['cpu']:.2f} s; load average now {os.getloadavg()[0]:.1f})")
        print(f"{self.jobs} cores: {many['seconds']:7.2f} s  {n / many['seconds']:6.0f} art/s  "
              f"(pool start-up {many['startup']:.2f} s, not counted)")
        print(f"CPU seconds: 1 core {one['cpu_with_workers']:.2f}, {self.jobs} cores "
              f"{many['cpu_with_workers']:.2f} (the parallel run's extra work: "
              f"{many['cpu_with_workers'] / one['cpu_with_workers'] - 1:+.0%})")
        ceiling = measure({"kind": "ceiling", "jobs": self.jobs})["speedup"]
        print(f"speed-up: {one['seconds'] / many['seconds']:.2f}  (goal >= 1.8 on 2 cores; "
              f"pure CPU work on {self.jobs} processes gets {ceiling:.2f} on this machine now)")
        return one

    def floor(self, n: int, one: dict | None) -> None:
        print(f"\n== floor: the libraries alone on the same text ({n:,} articles, 1 core)")
        floor_corpus = self.corpus(n)
        floor_out = self.work / f"out-{n}"
        if not (floor_out / "articles.parquet").exists():
            self.run(floor_corpus, floor_out, cache=False)
        floor = measure({"kind": "floor", "corpus": str(floor_corpus), "tables": str(floor_out),
                         **self.common})
        every = measure({"kind": "floor", "calls": "pipeline", "corpus": str(floor_corpus),
                         "tables": str(floor_out), **self.common})
        per_article = one or measure({"kind": "articles", "corpus": str(floor_corpus), "jobs": 1,
                                      **self.common})
        print(f"floor: {floor['seconds']:.2f} s  (VADER on {floor['sentences']:,} sentences; "
              f"{len(floor['indices'])} textstat indices on every article and its "
              f"{floor['paragraphs']:,} paragraphs; ftfy on {floor['articles']:,} articles)")
        print(f"every library call of the pipeline: {every['seconds']:.2f} s  (the floor's VADER "
              f"and ftfy calls, the readability stage's textstat calls, VADER on "
              f"{every['pieces']:,} voice pieces that are not sentences, lingua on "
              f"{every['identified']:,} articles without a manifest language)")
        print(f"per-article analysis on 1 core: {per_article['seconds']:.2f} s  "
              f"(CPU {per_article['cpu']:.2f} s; floor CPU {floor['cpu']:.2f} s; every-call CPU "
              f"{every['cpu']:.2f} s)")
        print(f"ratio (1) analysis / floor (issue 8's definition): "
              f"{per_article['seconds'] / floor['seconds']:.2f} wall clock, "
              f"{per_article['cpu'] / floor['cpu']:.2f} CPU time  (goal <= 1.5)")
        print(f"ratio (2) analysis / every library call the pipeline makes: "
              f"{per_article['seconds'] / every['seconds']:.2f} wall clock, "
              f"{per_article['cpu'] / every['cpu']:.2f} CPU time  (the time outside libraries)")


if __name__ == "__main__":
    raise SystemExit(main())
