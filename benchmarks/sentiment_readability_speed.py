"""Per-article cost of the sentiment and readability stages against the libraries called directly.

Builds distinct variants of the bundled articles (body paragraphs rotated, each with one unique
sentence added, so textstat's per-text caches never hit) and times, on the same documents:

- ``sentiment.score_article`` vs VADER's ``polarity_scores`` on every sentence;
- ``readability.measure_article`` vs textstat's nine indices on the body.

Usage: ``.venv/bin/python benchmarks/sentiment_readability_speed.py [variants per article]``
"""

from __future__ import annotations

import statistics
import sys
import time

import textstat

from analysis.core.config import RAW_DIR
from analysis.corpus.clean import CleanParagraph, CleanResult
from analysis.corpus.document import build_document
from analysis.corpus.load import iter_corpus
from analysis.entities.registry import default_registry
from analysis.measures import readability, sentiment
from analysis.run.article import Context, Options, prepare

REPEATS = 5


def variants(docs, n: int, tag: int):
    """``n`` distinct documents per seed document, distinct across runs too (``tag``), so no run
    finds another's texts in textstat's caches."""
    out = []
    for i in range(n):
        for doc in docs:
            title = [CleanParagraph(p.text, "title", "", 1) for p in doc.paragraphs if p.role == "title"]
            body = [CleanParagraph(f"{p.text} Note {i} of run {tag}.", "body", "", 1)
                    for p in doc.body_paragraphs]  # every paragraph unique, as in real corpora
            k = i % len(body)
            paragraphs = title + body[k:] + body[:k]
            out.append(build_document(f"{doc.article_id}-{i}", CleanResult(paragraphs, [], {}), {}))
    return out


def vader_direct(doc):
    analyzer = sentiment.vader()
    return [analyzer.polarity_scores(s.text) for s in doc.sentences]


def textstat_direct(doc):
    body = doc.body_text()
    return [getattr(textstat, name)(body) for name in readability.INDICES]


def main(n: int = 50) -> None:
    docs = [prepare(raw) for raw in iter_corpus(RAW_DIR / "pyongyang-summit-2024")]
    context = Context(Options(), default_registry())
    started = time.perf_counter()
    readability.ensure_cmudict()
    textstat.flesch_reading_ease("Load the pronouncing dictionary once.")
    sentiment.vader()
    print(f"one-time start-up (CMU dictionary through NLTK, VADER lexicon): "
          f"{time.perf_counter() - started:.1f} s")
    runs = (
        ("sentiment.score_article", lambda d: sentiment.score_article(d, context)),
        ("VADER on every sentence (direct)", vader_direct),
        ("readability.measure_article", lambda d: readability.measure_article(d, context)),
        ("textstat, 9 indices on the body (direct)", textstat_direct),
    )
    timings: dict[str, list[float]] = {name: [] for name, _ in runs}
    for repeat in range(REPEATS):  # interleaved, median reported: the machine is shared
        for number, (name, run) in enumerate(runs):
            docs_run = variants(docs, n, repeat * len(runs) + number)
            started = time.perf_counter()
            for doc in docs_run:
                run(doc)
            timings[name].append((time.perf_counter() - started) / len(docs_run))
    for name, values in timings.items():
        seconds = statistics.median(values)
        print(f"{name:42s} {1 / seconds:7.1f} articles/s {1000 * seconds:6.2f} ms/article "
              f"(median of {REPEATS})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
