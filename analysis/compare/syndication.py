"""Syndication: articles that are (near-)copies of one story, e.g. a wire text republished.

Two articles of an event are compared by their body text (headlines excluded, so a new headline
does not hide a copy) as sets of word 5-gram shingles. ``containment`` is the share of the shorter
body's shingles found in the other (Broder 1997, "On the resemblance and containment of
documents"); a pair at or above :data:`SYNDICATION_CONTAINMENT` is syndicated. Syndicated articles
form groups (connected pairs); each group counts as one source when the comparison asks who else
reports something.
"""

from __future__ import annotations

import re
from collections import defaultdict
from itertools import combinations

import pandas as pd

from analysis.core.settings import Compare

SHINGLE_WORDS = 5  # Broder (1997) uses word shingles; 5 words rarely repeat by chance in news
# Share of the shorter body's shingles found in the other. Wire copies trimmed or lightly edited
# by the republisher keep well above half their 5-grams; independent reports of one event share
# a few percent (0.01 on the two seeds).
SYNDICATION_CONTAINMENT = Compare.syndication_threshold  # 0.5
# Pairs below this containment are independent reports sharing stock phrases: they are not listed
# (listing every pair that shares one 5-gram grows with the square of an event's size).
SYNDICATION_REPORT_FLOOR = 0.2
COMMON_SHINGLE_ARTICLES = 50  # shingles in more articles than this are boilerplate: ignored

SYNDICATION_COLUMNS = ["event", "article_id_a", "outlet_a", "title_a", "article_id_b", "outlet_b",
                       "title_b", "shared_shingles", "containment", "resemblance", "syndicated",
                       "source_id"]
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The set of ``size``-word sequences of ``text`` (lower-cased words, punctuation dropped)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[k:k + size]) for k in range(len(words) - size + 1)}


def compare_bodies(bodies: dict[str, str]) -> list[dict]:
    """Pairs of articles sharing at least one shingle, with containment and resemblance (0-1).

    ``containment`` = shared / shingles of the smaller set; ``resemblance`` = Jaccard index.
    Higher = closer to a copy.
    """
    sets = {aid: shingles(text) for aid, text in bodies.items()}
    index: dict[tuple, list[str]] = defaultdict(list)
    for aid, found in sets.items():
        for shingle in found:
            index[shingle].append(aid)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) <= COMMON_SHINGLE_ARTICLES:
            for a, b in combinations(sorted(holders), 2):
                shared[(a, b)] += 1
    rows = []
    for (a, b), n in sorted(shared.items()):
        smaller = min(len(sets[a]), len(sets[b]))
        union = len(sets[a]) + len(sets[b]) - n
        rows.append({"article_id_a": a, "article_id_b": b, "shared_shingles": n,
                     "containment": round(n / smaller, 4) if smaller else 0.0,
                     "resemblance": round(n / union, 4) if union else 0.0})
    return rows


def source_groups(article_ids: list[str], syndicated_pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Article id -> source id: syndicated copies share the id of their group's first article."""
    parent = {aid: aid for aid in article_ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in syndicated_pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {aid: root(aid) for aid in article_ids}


def syndication_table(articles: pd.DataFrame, sentences: pd.DataFrame, event: str,
                      threshold: float = SYNDICATION_CONTAINMENT) -> tuple[pd.DataFrame, dict]:
    """Syndication rows of one event (pairs at or above :data:`SYNDICATION_REPORT_FLOOR`
    containment, or ``threshold`` when lower) and the article -> source id map.

    Args:
        articles: the event's articles (``article_id``, ``outlet``, ``title``).
        sentences: their sentences (``article_id``, ``role``, ``text``); body sentences are used.
        event: copied into every row.
        threshold: containment (0-1) at which a pair is syndicated.
    """
    body = sentences[sentences["role"] == "body"]
    bodies = body.groupby("article_id", sort=True)["text"].apply(" ".join).to_dict()
    rows = [r for r in compare_bodies(bodies) if r["containment"] >= min(threshold, SYNDICATION_REPORT_FLOOR)]
    pairs = [(r["article_id_a"], r["article_id_b"]) for r in rows if r["containment"] >= threshold]
    source_of = source_groups(sorted(articles["article_id"]), pairs)
    meta = articles.set_index("article_id")
    for row in rows:
        row["event"] = event
        row["syndicated"] = row["containment"] >= threshold
        row["source_id"] = source_of[row["article_id_a"]] if row["syndicated"] else ""
        for side in ("a", "b"):
            aid = row[f"article_id_{side}"]
            row[f"outlet_{side}"] = meta.at[aid, "outlet"] if "outlet" in meta else ""
            row[f"title_{side}"] = meta.at[aid, "title"] if "title" in meta else ""
    return pd.DataFrame(rows, columns=SYNDICATION_COLUMNS), source_of
