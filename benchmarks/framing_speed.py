"""Throughput of the framing stages (frames, naming by voice, hedges) and of log-odds across outlets.

Measures on the PolNeAR dev split in /work/shared/dev-data (84 news articles, 7 outlets) when it is
there, else on the bundled seeds; prints articles/s per stage and the distinctive-word table's size.
Run: .venv/bin/python benchmarks/framing_speed.py
"""

import time
from pathlib import Path

from analysis.corpus.load import Rejection, iter_corpus
from analysis.entities.registry import load_registry
from analysis.measures.distinctive_terms import terms_from_tables
from analysis.measures.framing import frame_article
from analysis.measures.hedging import find_hedges
from analysis.measures.naming import name_concepts
from analysis.run.article import Context, Options, foundation_rows, prepare

DEV = Path("/work/shared/dev-data/polnear-dev.jsonl")
SEEDS = Path(__file__).resolve().parents[1] / "data" / "raw" / "pyongyang-summit-2024"
DEV_COLUMNS = {"article_id": "doc_id", "outlet": "publisher", "published": "publication_date",
               "text": "text", "title": "title"}


def main() -> None:
    import pandas as pd

    corpus, columns = (DEV, DEV_COLUMNS) if DEV.exists() else (SEEDS, {})
    docs, seen, raws = [], set(), {}
    for item in iter_corpus(corpus, columns=columns):
        if isinstance(item, Rejection) or item.article_id in seen:
            continue
        doc = prepare(item)
        if isinstance(doc, Rejection):
            continue
        seen.add(item.article_id)
        docs.append(doc)
        raws[doc.article_id] = item
    context = Context(Options(), load_registry())
    n_sentences = sum(len(d.sentences) for d in docs)
    print(f"corpus: {corpus.name}: {len(docs)} articles, {n_sentences} sentences")
    for stage in (frame_article, name_concepts, find_hedges):
        start = time.perf_counter()
        rows = sum(len(r) for d in docs for r in stage(d, context).values())
        took = time.perf_counter() - start
        print(f"{stage.__name__:14s} {len(docs) / took:8.1f} articles/s  {n_sentences / took:9.0f} "
              f"sentences/s  ({rows} rows, {took:.2f} s)")
    tables = {"sentences": [], "articles": []}
    for d in docs:
        base = foundation_rows(d, raws[d.article_id])
        tables["sentences"] += base["sentences"]
        tables["articles"] += base["articles"]
    sentences, articles = pd.DataFrame(tables["sentences"]), pd.DataFrame(tables["articles"])
    start = time.perf_counter()
    terms = terms_from_tables(sentences, articles)
    took = time.perf_counter() - start
    print(f"log-odds       {articles['outlet'].nunique()} outlets, {len(terms)} term rows in {took:.2f} s")


if __name__ == "__main__":
    main()
