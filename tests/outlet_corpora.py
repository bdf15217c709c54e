"""Synthetic corpora with 2, 10 or 50 outlets on one event, for the report layout tests.

Articles come from ``benchmarks/generate_corpus.py`` (deterministic from the seed); only outlets
and the event are reassigned, so each outlet has ``per_outlet`` English articles on the summit.
Outlet names are realistic words (never ids), built as place x paper kind.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

from benchmarks.generate_corpus import make_article

PLACES = ("Harbor", "Capital", "Northern", "Pacific", "Metro", "Valley", "Lakeside", "Coastal",
          "Mountain", "River")
KINDS = ("Times", "Post", "Herald", "Wire", "Ledger")
FIELDS = ("source_file", "article_id", "outlet", "title", "author", "published", "language", "event")


def outlet_names(n: int) -> list[str]:
    """``n`` distinct outlet names (at most 50), the same for the same ``n``."""
    names = [f"{place} {kind}" for kind, place in itertools.product(KINDS, PLACES)]
    if n > len(names):
        raise ValueError(f"at most {len(names)} outlets")
    return names[:n]


def summit_articles(seed: int = 3):
    """English articles of the generator's summit event, in index order, endlessly."""
    for index in itertools.count():
        article = make_article(seed, index)
        if article["event"] == "summit" and article["language"] == "en":
            yield article


def build_outlet_corpus(folder: Path, n_outlets: int, per_outlet: int = 2,
                        with_event: bool = True) -> Path:
    """A corpus folder (``.txt`` files and ``manifest.csv``) with ``n_outlets`` outlets;
    ``with_event=False`` leaves the ``event`` column out of the manifest."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fields = FIELDS if with_event else FIELDS[:-1]
    source = summit_articles()
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fields, extrasaction="ignore")
        writer.writeheader()
        for outlet in outlet_names(n_outlets):
            for _ in range(per_outlet):
                article = dict(next(source), outlet=outlet)
                name = f"{article['article_id']}.txt"
                (folder / name).write_text(article["text"] + "\n", encoding="utf-8")
                writer.writerow(dict(article, source_file=name))
    return folder
