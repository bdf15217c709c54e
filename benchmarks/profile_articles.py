"""Where the per-article work spends its time: cProfile of cleaning and every article stage.

Usage: ``.venv/bin/python benchmarks/profile_articles.py CORPUS [N] [--out stats.pstats]``

Warms every stage on the first article (lexicons, models), then profiles ``prepare`` and every
stage of ``analysis.core.stages.ARTICLE_STAGES`` on the first ``N`` articles (default 150). Prints
the own time of each module of ``analysis`` and of each library (builtins such as ``re`` methods
counted apart as ``other:~``), then the functions with the most own time.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.core.stages import ARTICLE_STAGES  # noqa: E402
from analysis.corpus.load import RawArticle, iter_corpus  # noqa: E402
from analysis.entities.registry import load_registry  # noqa: E402
from analysis.run.article import prepare  # noqa: E402
from analysis.run.pipeline import Context, Options, _resolve  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("n", nargs="?", type=int, default=150)
    parser.add_argument("--out", default="", help="also write the pstats file here")
    args = parser.parse_args(argv)
    context = Context(Options(), load_registry(None))
    stages = [_resolve(spec) for spec in ARTICLE_STAGES]

    def raws():
        return [r for r in iter_corpus(args.corpus) if isinstance(r, RawArticle)][:args.n]

    doc = prepare(raws()[0], context.registry)
    for stage in stages:
        stage(doc, context)
    articles = raws()
    profile = cProfile.Profile()
    profile.enable()
    for raw in articles:
        doc = prepare(raw, context.registry)
        if hasattr(doc, "sentences"):
            for stage in stages:
                stage(doc, context)
    profile.disable()
    if args.out:
        profile.dump_stats(args.out)
    stats = pstats.Stats(profile)
    by: collections.Counter = collections.Counter()
    for (path, _, _), (_, _, own, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "/analysis/" in path:
            key = path.split("/analysis/")[1]
        elif "site-packages/" in path:
            key = "lib:" + path.split("site-packages/")[1].split("/")[0]
        else:
            key = "other:" + path.rsplit("/", 1)[-1]
        by[key] += own
    total = sum(by.values())
    print(f"{len(articles)} articles, {total:.2f} s own time in all (under the profiler)")
    for key, own in by.most_common(40):
        print(f"{own:8.2f} {100 * own / total:5.1f}%  {key}")
    stats.sort_stats("tottime").print_stats(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
