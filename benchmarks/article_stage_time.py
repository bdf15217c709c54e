"""Per-article time of the analysis stages, for the cost of a new stage (entity discovery).

Cleans and segments every article of the corpora first (not timed), then times every stage of
``analysis.core.stages.ARTICLE_STAGES`` on every document, best of ``--repeat`` passes, each pass on
fresh documents (nothing memoised from a previous pass). Run it on this tree and on an older one
(``PYTHONPATH=<old tree>``) to compare::

    .venv/bin/python benchmarks/article_stage_time.py data/raw/pyongyang-summit-2024 /tmp/gen300
"""

from __future__ import annotations

import argparse
import time


def documents(folders: list[str]) -> list:
    from analysis.corpus.load import RawArticle, iter_corpus
    from analysis.run.article import prepare

    out = []
    for folder in folders:
        for item in iter_corpus(folder):
            if isinstance(item, RawArticle):
                doc = prepare(item)
                if not isinstance(doc, Exception) and hasattr(doc, "sentences"):
                    out.append(doc)
    return out


def time_stages(folders: list[str], repeat: int,
                clock=time.perf_counter) -> tuple[int, float, dict[str, float]]:
    """(articles, best total seconds, best seconds per stage) over ``repeat`` passes, timed by
    ``clock`` (wall clock by default; ``time.process_time`` for CPU time)."""
    from analysis.core.stages import ARTICLE_STAGES
    from analysis.entities.registry import load_registry
    from analysis.run.pipeline import Context, Options, _resolve

    context = Context(Options(), load_registry(None))
    stages = {spec: _resolve(spec) for spec in ARTICLE_STAGES}
    warm = documents(folders)[:1]
    for stage in stages.values():  # load lexicons, gazetteer and models outside the timing
        for doc in warm:
            stage(doc, context)
    best_total, best_stage, n = float("inf"), {}, 0
    for _ in range(repeat):
        docs = documents(folders)
        n = len(docs)
        spent = dict.fromkeys(stages, 0.0)
        for doc in docs:
            for spec, stage in stages.items():
                start = clock()
                stage(doc, context)
                spent[spec] += clock() - start
        total = sum(spent.values())
        if total < best_total:
            best_total, best_stage = total, spent
    return n, best_total, best_stage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", help="corpus folders")
    parser.add_argument("--repeat", type=int, default=3, help="passes; the best is reported")
    parser.add_argument("--cpu", action="store_true",
                        help="CPU time of this process (time.process_time), not wall clock")
    args = parser.parse_args(argv)
    clock = time.process_time if args.cpu else time.perf_counter
    n, total, per_stage = time_stages(args.folders, args.repeat, clock)
    print(f"{n} articles: {1000 * total / n:.2f} ms per article (all article stages)")
    for spec, seconds in per_stage.items():
        print(f"  {spec:45s} {1000 * seconds / n:8.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
