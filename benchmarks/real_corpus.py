"""Real-shaped corpora for the scale benchmark: real news paragraphs, recombined, at any size.

The paragraphs come from the PolNeAR train split in ``../shared/dev-data/polnear-train.jsonl`` (US
election news, 840 articles, about 17,000 paragraphs), read at run time. The corpus is never
committed and no text of it goes into the repository: write it to a temporary folder.

How an article is made (article ``i`` depends only on ``(seed, i)``, so the export of 10,010
articles is the one of 10,000 plus ten more, as the cache benchmark needs):

- its **event** is ``i // EVENT_ARTICLES``: events of 250 articles, as in
  a multi-month export where each story is covered for a few days (the number of events grows with
  the corpus, so comparison blocks stay the size of a real event);
- each event has ``EVENT_SOURCES`` source articles; every paragraph of an article comes with
  probability ``SHARED`` from one of them (shared wording, quotes and wire copy within an event), else
  from any article of the split;
- a log-normal number of paragraphs (median 12, as the synthetic generator), the title of its
  first source article, one of the synthetic generator's outlets, and a date within its event's days.

    python benchmarks/real_corpus.py /tmp/real-10k.jsonl --n 10000 --seed 11
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.generate_corpus import OUTLETS  # noqa: E402

SOURCE = ROOT.parent / "shared" / "dev-data" / "polnear-train.jsonl"
EVENT_ARTICLES = 250  # articles per event
EVENT_SOURCES = 8  # source articles an event's articles share paragraphs from
SHARED = 0.3  # share of an article's paragraphs drawn from its event's sources
MEDIAN_PARAGRAPHS, SD_LOG_PARAGRAPHS = 12, 0.5
EVENT_DAYS = 4  # an event's articles are dated within this many days
FIRST_DATE = datetime.date(2021, 1, 1)  # events start within three years of it
NEWEST_DATE = "2030-01-01"  # after every generated date


class MissingSource(Exception):
    """The development data is not there (``../shared`` absent): nothing real to recombine."""


@functools.lru_cache(maxsize=2)
def paragraphs(source: str | Path = SOURCE) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(title, paragraphs)`` of every distinct article of ``source`` (one line per annotator
    there: the first line of each doc_id is kept)."""
    path = Path(source)
    if not path.exists():
        raise MissingSource(f"{path} not found: the real-text corpus recombines the PolNeAR train "
                            "split of ../shared/dev-data, which this checkout does not have")
    seen, docs = set(), []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if doc["doc_id"] in seen:
                continue
            seen.add(doc["doc_id"])
            paras = tuple(p.strip() for p in doc["text"].split("\n") if p.strip())
            if paras:
                docs.append((doc.get("title") or "", paras))
    return tuple(docs)


def make_article(seed: int, index: int, source: str | Path = SOURCE) -> dict:
    """One recombined article: ``{article_id, outlet, event, title, author, published, text}``."""
    docs = paragraphs(source)
    event = index // EVENT_ARTICLES
    event_rng = random.Random(f"{seed}:event:{event}")
    sources = [event_rng.randrange(len(docs)) for _ in range(EVENT_SOURCES)]
    first_day = event_rng.randrange(0, 365 * 3)
    rng = random.Random(f"{seed}:article:{index}")
    lead = docs[rng.choice(sources)]
    n = max(2, min(80, round(rng.lognormvariate(0, SD_LOG_PARAGRAPHS) * MEDIAN_PARAGRAPHS)))
    body = []
    for _ in range(n):
        pool = docs[rng.choice(sources)] if rng.random() < SHARED else docs[rng.randrange(len(docs))]
        body.append(rng.choice(pool[1]))
    published = FIRST_DATE + datetime.timedelta(days=first_day + rng.randrange(EVENT_DAYS))
    return {
        "article_id": f"real-{seed}-{index:07d}", "outlet": rng.choice(OUTLETS),
        "event": f"event-{event:05d}", "title": lead[0] or body[0][:80], "author": "",
        "published": published.isoformat(),
        "text": "\n\n".join(body),
    }


def write_export(path: str | Path, n: int, seed: int = 0, newest: int = 0,
                 source: str | Path = SOURCE) -> Path:
    """A JSONL export of ``n`` recombined articles (then ``newest`` more dated after all others).

    Raises:
        MissingSource: when ``source`` is not there.
    """
    paragraphs(source)  # fail before creating anything
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for index in range(n + newest):
            article = make_article(seed, index, source)
            if index >= n:
                article["published"] = NEWEST_DATE
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="the JSONL file to write")
    parser.add_argument("--n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--source", default=str(SOURCE), help="PolNeAR-format JSONL to recombine")
    args = parser.parse_args(argv)
    try:
        write_export(args.out, args.n, args.seed, source=args.source)
    except MissingSource as error:
        print(f"skipped: {error}", file=sys.stderr)
        return 0
    print(f"{args.n} articles -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
