"""Syndication: articles that are (near-)copies of one story, e.g. a wire text republished.

Two articles of an event are compared by their body text (headlines excluded, so a new headline
does not hide a copy) as sets of word 5-gram shingles. ``containment`` is the share of the shorter
body's shingles found in the other (Broder 1997, "On the resemblance and containment of
documents"); a pair at or above :data:`SYNDICATION_CONTAINMENT` is a copy pair.

Copy pairs make *stories* (:func:`find_stories`): the earliest-published article of a group of
connected copies is the story's original (ties: an article of a news agency, known from the
registry's outlet subtypes, then article id) and every article holding at least the threshold of
it (or of which it holds that much) is a copy. A wire story is a star: one text and its reprints.
An article joined to the group only through another copy (a copy of a copy that kept too little of
the original) starts a story of its own among the rest. Each story counts as one source when the
comparison asks who else reports something, and once in the outlets' measures (the original's
outlet); its copies are listed apart (``stories`` table).
"""

from __future__ import annotations

import re
from array import array
from collections import defaultdict
from functools import cmp_to_key
from itertools import combinations

import numpy as np
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
# Registry outlet subtypes that mark a news agency (analysis/resources/entities.csv): on a tie in
# publication time the agency's copy is the original.
AGENCY_SUBTYPES = frozenset({"news_agency"})

SYNDICATION_COLUMNS = ["event", "article_id_a", "outlet_a", "title_a", "article_id_b", "outlet_b",
                       "title_b", "shared_shingles", "containment", "resemblance", "syndicated",
                       "source_id"]
STORY_COLUMNS = ["event", "story_id", "article_id", "outlet", "title", "published", "role",
                 "containment", "n_copies", "n_outlets"]
ORIGINAL, COPY = "original", "copy"
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """The set of ``size``-word sequences of ``text`` (lower-cased words, punctuation dropped)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {tuple(words)} if words else set()
    return {tuple(words[k:k + size]) for k in range(len(words) - size + 1)}


def compare_bodies(bodies: dict[str, str], floor: float = 0.0) -> list[dict]:
    """Pairs of articles sharing at least one shingle, with containment and resemblance (0-1),
    in order of article ids; with ``floor``, only the pairs whose (rounded) containment reaches it.

    ``containment`` = shared / shingles of the smaller set; ``resemblance`` = Jaccard index.
    Higher = closer to a copy. Shingles shared by more than :data:`COMMON_SHINGLE_ARTICLES`
    articles are not counted.

    Memory: each distinct shingle is held once (as one string: its words joined by spaces, which
    no word contains), an article's shingles as numbers; shared shingles are counted per pair of
    article numbers, and a row is made only for a pair that reaches ``floor``.
    """
    names = sorted(bodies)  # numbers in id order: pairs (a < b) come out in id order
    ids: dict[str, int] = {}
    sizes: list[int] = []
    shingle_of, article_of = array("q"), array("q")
    for number, aid in enumerate(names):
        found = {ids.setdefault(" ".join(shingle), len(ids)) for shingle in shingles(bodies[aid])}
        sizes.append(len(found))
        shingle_of.extend(found)
        article_of.extend([number] * len(found))
    del ids
    shingle = np.frombuffer(shingle_of, dtype=np.int64)
    article = np.frombuffer(article_of, dtype=np.int64)
    order = np.lexsort((article, shingle))  # holders of a shingle together, in id order
    article = article[order]
    starts = np.flatnonzero(np.r_[True, shingle[order][1:] != shingle[order][:-1]]) if len(
        order) else np.array([], dtype=np.int64)
    counts = np.diff(np.r_[starts, len(order)])
    n = len(names)
    shared: dict[int, int] = defaultdict(int)
    for start, count in zip(starts.tolist(), counts.tolist()):
        if 1 < count <= COMMON_SHINGLE_ARTICLES:
            for a, b in combinations(article[start:start + count].tolist(), 2):
                shared[a * n + b] += 1
    rows = []
    for code in sorted(shared):
        a, b = divmod(code, n)
        shared_n = shared[code]
        smaller = min(sizes[a], sizes[b])
        containment = round(shared_n / smaller, 4) if smaller else 0.0
        if containment < floor:
            continue
        union = sizes[a] + sizes[b] - shared_n
        rows.append({"article_id_a": names[a], "article_id_b": names[b],
                     "shared_shingles": shared_n, "containment": containment,
                     "resemblance": round(shared_n / union, 4) if union else 0.0})
    return rows


def source_groups(article_ids: list[str], syndicated_pairs: list[tuple[str, str]]) -> dict[str, str]:
    """Article id -> group id: the connected components of the copy pairs (union-find), each
    named by its smallest article id."""
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


def is_agency(outlet, registry) -> bool:
    """True when the registry knows ``outlet`` as an outlet of an :data:`AGENCY_SUBTYPES` subtype."""
    if registry is None or not isinstance(outlet, str) or not outlet.strip():
        return False
    entity = registry.lookup(outlet)
    return entity is not None and entity.type == "outlet" and entity.subtype in AGENCY_SUBTYPES


def _moment(value) -> tuple[pd.Timestamp | None, bool]:
    """A ``published`` value as (UTC timestamp, has a time of day); (None, False) when unreadable.

    A value without a time ("2024-06-19") has no time of day; a naive time is read as UTC."""
    text = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()
    if not text:
        return None, False
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError):
        return None, False
    if pd.isna(stamp):
        return None, False
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return stamp, bool(re.search(r"\d[T ]\d{1,2}:\d\d", text))


def publication_order(articles: pd.DataFrame, registry=None) -> list[str]:
    """Article ids, earliest published first.

    Two articles are compared at the precision both have: by time when both give one, else by
    day (``2024-06-19`` and ``2024-06-19T08:15`` tie). Undated articles come last. Ties go to a news
    agency's article (:func:`is_agency`), then to the smaller article id.
    """
    info = {}
    for row in articles.itertuples(index=False):
        stamp, timed = _moment(getattr(row, "published", ""))
        info[row.article_id] = (stamp, timed, not is_agency(getattr(row, "outlet", ""), registry))

    def compare(a: str, b: str) -> int:
        (sa, ta, na), (sb, tb, nb) = info[a], info[b]
        if (sa is None) != (sb is None):
            return -1 if sb is None else 1
        if sa is not None:
            left, right = (sa, sb) if ta and tb else (sa.normalize(), sb.normalize())
            if left != right:
                return -1 if left < right else 1
        if na != nb:
            return -1 if nb else 1
        return (a > b) - (a < b)

    return sorted(info, key=cmp_to_key(compare))


def story_members(order: list[str], containment: dict[frozenset, float],
                  threshold: float = SYNDICATION_CONTAINMENT) -> dict[str, tuple[str, float]]:
    """Article id -> (story id, containment with the story's original) for one group of connected
    copies, ``order`` earliest first.

    The earliest article is the original; every later article whose pair with it reaches
    ``threshold`` is its copy. The articles left start the next story the same way. A story of one
    article is not a story (left out).
    """
    members: dict[str, tuple[str, float]] = {}
    left = list(order)
    while left:
        original, rest = left[0], left[1:]
        copies = [a for a in rest if containment.get(frozenset((original, a)), 0.0) >= threshold]
        if copies:
            members[original] = (original, 1.0)
            members.update({a: (original, containment[frozenset((original, a))]) for a in copies})
        left = [a for a in rest if a not in members]
    return members


def find_stories(articles: pd.DataFrame, rows: list[dict], event: str,
                 threshold: float = SYNDICATION_CONTAINMENT, registry=None) -> pd.DataFrame:
    """The ``stories`` rows of one event: one row per article of a story of two or more articles.

    Args:
        articles: the event's articles (``article_id`` and, when known, ``outlet``, ``title``,
            ``published``).
        rows: the article pairs of :func:`compare_bodies` (``containment`` 0-1).
        event: copied into every row.
        threshold: containment at which a pair is a copy pair.
        registry: entity registry, to know news agencies (ties in publication time); optional.
    """
    containment = {frozenset((r["article_id_a"], r["article_id_b"])): r["containment"] for r in rows}
    pairs = [tuple(k) for k, v in containment.items() if v >= threshold]
    ids = sorted(articles["article_id"])
    group_of = source_groups(ids, pairs)
    order = publication_order(articles, registry)
    grouped: dict[str, list[str]] = defaultdict(list)
    for aid in order:
        grouped[group_of[aid]].append(aid)
    members: dict[str, tuple[str, float]] = {}
    for group in grouped.values():
        if len(group) > 1:
            members.update(story_members(group, containment, threshold))
    meta = _fields(articles)
    out = []
    for aid in order:
        if aid not in members:
            continue
        story, share = members[aid]
        out.append({"event": event, "story_id": story, "article_id": aid,
                    "outlet": meta["outlet"].get(aid, ""), "title": meta["title"].get(aid, ""),
                    "published": meta["published"].get(aid, ""),
                    "role": ORIGINAL if aid == story else COPY, "containment": share})
    stories = pd.DataFrame(out, columns=STORY_COLUMNS)
    if len(stories):
        by_story = stories.groupby("story_id")
        stories["n_copies"] = by_story["article_id"].transform("size") - 1
        stories["n_outlets"] = by_story["outlet"].transform("nunique")
        # stories in order of their original's publication, each original first, then its copies
        # in publication order (``out`` is already in publication order)
        rank = {aid: k for k, aid in enumerate(order)}
        stories = stories.assign(_story=stories["story_id"].map(rank),
                                 _copy=stories["role"] == COPY).sort_values(
            ["_story", "_copy"], kind="stable").drop(columns=["_story", "_copy"]).reset_index(drop=True)
    return stories


def _fields(articles: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Article id -> outlet, title and published, as text ('' when missing): dictionaries, since
    looking values up in a frame row by row took 10 s of 41 s under cProfile on 300 synthetic
    articles."""
    out = {}
    for column in ("outlet", "title", "published"):
        values = (articles[column].astype(object).where(articles[column].notna(), "").astype(str)
                  if column in articles else pd.Series("", index=articles.index))
        out[column] = dict(zip(articles["article_id"], values))
    return out


def story_of(stories: pd.DataFrame) -> dict[str, str]:
    """Article id -> story id for the articles of ``stories`` (others are their own story)."""
    return dict(zip(stories["article_id"], stories["story_id"]))


def copy_ids(stories: pd.DataFrame) -> set[str]:
    """The articles that are later copies of a story (role ``copy``)."""
    return set(stories.loc[stories["role"] == COPY, "article_id"])


def story_list(stories: pd.DataFrame) -> pd.DataFrame:
    """One row per story, for a report: the original's ``story_id``, ``event``, ``outlet``,
    ``title`` and ``published``, ``n_copies``, ``copies`` (``outlet (published)`` of each copy in
    publication order, ``; ``-joined) and ``min_containment`` (the least share any copy keeps of
    the original, 0-1). Stories in order of their original's publication."""
    columns = ["story_id", "event", "outlet", "title", "published", "n_copies", "copies",
               "min_containment"]
    if stories.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for story, group in stories.groupby("story_id", sort=False):
        original = group[group["role"] == ORIGINAL].iloc[0]
        copies = group[group["role"] == COPY]
        rows.append({"story_id": story, "event": original["event"], "outlet": original["outlet"],
                     "title": original["title"], "published": original["published"],
                     "n_copies": len(copies),
                     "copies": "; ".join(f"{o} ({p})" if p else str(o) for o, p in
                                         zip(copies["outlet"], copies["published"].fillna(""))),
                     "min_containment": float(copies["containment"].min())})
    return pd.DataFrame(rows, columns=columns)


def republished_by(stories: pd.DataFrame) -> dict[str, str]:
    """Story id (= its original's article id) -> the outlets of its copies, ``; ``-joined."""
    copies = stories[stories["role"] == COPY]
    return {story: "; ".join(sorted(set(group["outlet"].fillna("").astype(str)) - {""}))
            for story, group in copies.groupby("story_id", sort=True)}


def syndication_table(articles: pd.DataFrame, sentences: pd.DataFrame, event: str,
                      threshold: float = SYNDICATION_CONTAINMENT, registry=None
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Syndication pairs of one event (pairs at or above :data:`SYNDICATION_REPORT_FLOOR`
    containment, or ``threshold`` when lower) and its stories (:func:`find_stories`).

    Args:
        articles: the event's articles (``article_id``, ``outlet``, ``title``, ``published``).
        sentences: their sentences (``article_id``, ``role``, ``text``); body sentences are used.
        event: copied into every row.
        threshold: containment (0-1) at which a pair is a copy pair.
        registry: entity registry, to know news agencies; optional.

    Returns:
        ``(pairs, stories)``. A pair is ``syndicated`` when both articles are in one story
        (``source_id`` = the story id, its original's article id).
    """
    body = sentences[sentences["role"] == "body"]
    bodies = body.groupby("article_id", sort=True)["text"].apply(" ".join).to_dict()
    rows = compare_bodies(bodies, floor=min(threshold, SYNDICATION_REPORT_FLOOR))
    stories = find_stories(articles, rows, event, threshold, registry)
    source_of = story_of(stories)
    meta = _fields(articles)
    for row in rows:
        a, b = row["article_id_a"], row["article_id_b"]
        row["event"] = event
        row["syndicated"] = a in source_of and source_of.get(a) == source_of.get(b)
        row["source_id"] = source_of[a] if row["syndicated"] else ""
        for side in ("a", "b"):
            aid = row[f"article_id_{side}"]
            row[f"outlet_{side}"] = meta["outlet"].get(aid, "")
            row[f"title_{side}"] = meta["title"].get(aid, "")
    return pd.DataFrame(rows, columns=SYNDICATION_COLUMNS), stories
