"""The entity stages of ``newsprism analyze``: entities found per article, linked across the
articles of an event into the ``entities`` and ``mentions`` tables (method in
:mod:`analysis.entities.discovery`, notes in ``docs/entities.md``).

Linking across articles: a full name is the same entity in every article (its key is the slug
of the name); a lone name ("Odell", "Governor Reinholt" in an article that never gives the full
name) is the one person of the same event whose full name ends with it, and the one
organisation whose name starts with it; when two share it, or none, it stays apart. A lone name
of unknown kind that links to nothing is dropped (it was a capitalised word, not an entity).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import numpy as np
import pandas as pd

from analysis.core import schema
from analysis.core.schema import ARTICLE_ID, END, START, Table, _cols, register
from analysis.core.settings import Sentiment
from analysis.core.writer import (
    Partitioned,
    iter_batches,
    read_columns,
    release_memory,
    table_columns,
)
from analysis.corpus.document import Document
from analysis.entities.discovery import KINDS, discover

_TYPES = ", ".join(f"`{k}`" for k in schema.SOURCE_TYPES)
MENTION_PART_ARTICLES = 5_000  # articles whose mentions are expanded per written piece
ACTOR_KINDS = ("person", "organisation")  # kinds counted as actors for actor sentiment
MEDIA_TYPES = ("news_agency", "state_media", "news_outlet")  # the media are sources, not actors
TOP_ACTORS = Sentiment.sentiment_top_actors  # 10 actors per event (analysis.core.settings)

register(Table("article_entities", "Entities found in each article (before linking across "
               "articles): the input of `entities.csv` and `mentions.csv`. English-only.", _cols(
    ARTICLE_ID,
    ("key", "str", "entity key in the article: registry id or slug of the name; a lone name that "
                   "could not be linked in the article keeps its own slug"),
    ("name", "str", "name as found (full name when the article gives it)"),
    ("kind", "str", "`person`, `organisation`, `place`, or empty when the article does not tell"),
    ("roles", "str", "`|`-separated roles, lower case (\"fire chief\")"),
    ("affiliation", "str", "organisation or place the person belongs to; empty when none"),
    ("source_type", "str", f"source type: {_TYPES}; empty for places"),
    ("aliases", "str", "`|`-separated surface forms found"),
    ("n_mentions", "int", "mentions in the article", "mentions"),
    ("origin", "str", "`discovered` or `registry`"),
    ("spans", "str", "`|`-separated `start:end` of each mention, in text order", "code points"),
    ("forms", "str", "`|`-separated text of each mention, in the order of `spans`"),
    ("sentence_ids", "str", "`|`-separated sentence of each mention, in the order of `spans`"),
)))
register(Table("entities", "People, organisations and places of the corpus, discovered in the "
               "text (or from the registry), linked across the articles of each event.", _cols(
    ("entity_id", "str", "registry id, or slug of the full name (\"marcus-odell\")"),
    ("name", "str", "canonical name: the registry's, or the fullest name found"),
    ("kind", "str", "`person`, `organisation` or `place`"),
    ("roles", "str", "`|`-separated roles found with the name, most frequent first"),
    ("affiliation", "str", "most frequent affiliation; empty when none"),
    ("source_type", "str", f"source type: {_TYPES}; empty for places"),
    ("aliases", "str", "`|`-separated surface forms, as written"),
    ("n_mentions", "int", "mentions in the corpus", "mentions"),
    ("n_articles", "int", "articles that mention it", "articles"),
    ("origin", "str", "`discovered` or `registry`"),
)))
register(Table("mentions", "Every mention of an entity of `entities.csv`. English-only.", _cols(
    ARTICLE_ID,
    ("entity_id", "str", "the entity (see `entities.csv`)"),
    START, END,
    ("text", "str", "the mention as written (a possessive ending left out)"),
    ("sentence_id", "str", "sentence holding the mention"),
)))


def entity_rows(doc: Document, context) -> dict[str, list[dict]]:
    """Article stage: ``article_entities`` rows of one document."""
    rows = []
    for e in discover(doc, context.registry, unresolved=True):
        rows.append({
            "article_id": doc.article_id, "key": e.key, "name": e.name, "kind": e.kind,
            "roles": "|".join(e.roles), "affiliation": e.affiliation,
            "source_type": e.source_type, "aliases": "|".join(e.aliases),
            "n_mentions": len(e.mentions), "origin": e.origin,
            "spans": "|".join(f"{m.start}:{m.end}" for m in e.mentions),
            "forms": "|".join(m.text for m in e.mentions),
            "sentence_ids": "|".join(m.sentence_id for m in e.mentions),
        })
    return {"article_entities": rows}


entity_rows.english_only = True

_ENTITY_COLUMNS = ["article_id", "key", "name", "kind", "roles", "affiliation", "source_type",
                   "aliases", "n_mentions", "origin"]


def _events(tables) -> dict[str, str]:
    articles = read_columns(tables, "articles", ["article_id", "event"])
    if not len(articles):
        return {}
    return dict(zip(articles["article_id"].astype(str), articles["event"].fillna("").astype(str)))


def link_keys(rows: pd.DataFrame, event_of: dict[str, str]) -> dict[tuple[str, str], str]:
    """``(event, key)`` -> entity id, for the ``article_entities`` rows of a corpus.

    A lone name is the one person of its event whose full name ends with it, else the one
    organisation whose name starts with it; a name of unknown kind linked to nothing maps to
    ``""`` (not an entity).
    """
    out: dict[tuple[str, str], str] = {}
    by_event: dict[str, list[int]] = {}  # event -> its rows' positions, events as met
    for position, event in enumerate(events_of_rows(rows, event_of)):
        by_event.setdefault(event, []).append(position)
    keys, names, kinds = (rows[column].tolist() for column in ("key", "name", "kind"))
    for event, at in by_event.items():
        people: dict[str, set[str]] = {}
        companies: dict[str, set[str]] = {}
        for i in at:
            if " " not in names[i]:
                continue
            if kinds[i] == "person":
                people.setdefault(names[i].split()[-1], set()).add(keys[i])
            elif kinds[i] == "organisation":
                companies.setdefault(names[i].split()[0], set()).add(keys[i])
        known = {keys[i] for i in at if kinds[i] != ""}
        targets: dict[str, Counter] = {}
        for (key, name, kind), n in Counter((keys[i], names[i], kinds[i]) for i in at).items():
            targets.setdefault(key, Counter())[_link_target(key, name, kind, known, people,
                                                            companies)] += n
        for key, counts in targets.items():
            out[(event, key)] = _chosen_target(counts)
    return out


def _link_target(key: str, name: str, kind: str, known: set[str],
                 people: dict[str, set[str]], companies: dict[str, set[str]]) -> str:
    """The entity id one ``article_entities`` row links to (``""`` = not an entity)."""
    if not kind and key in known and name not in people and name not in companies:
        return key  # "Wrenfield" named a place in another article
    if " " in name or kind in ("place", "organisation") and name not in companies:
        return key
    owners = people.get(name, set()) if kind in ("", "person") else set()
    firms = companies.get(name, set()) if kind in ("", "organisation") else set()
    if len(owners) == 1 and not firms:
        return next(iter(owners))
    if len(firms) == 1 and not owners:
        return next(iter(firms))
    return key if kind else ""


def _chosen_target(counts: Counter) -> str:
    """One link for a key whose rows disagree (a lone name read as a person in one article and
    of unknown kind in another): the entity most of its rows link to, ties by id; ``""`` only
    when no row links it. Independent of row and set order, so re-runs give the same tables."""
    linked = [(-n, target) for target, n in counts.items() if target]
    return min(linked)[1] if linked else ""


class _Tally:
    """Counts of values with the position of each value's first occurrence, so the most common
    value is chosen as a ``Counter`` over the rows in table order would choose it (ties: the value
    met first) whatever the order the rows are added in."""

    __slots__ = ("counts",)

    def __init__(self):
        self.counts: dict[str, list] = {}  # value -> [count, first position]

    def add(self, value: str, position) -> None:
        seen = self.counts.get(value)
        if seen is None:
            self.counts[value] = [1, position]
        else:
            seen[0] += 1
            if position < seen[1]:
                seen[1] = position

    def ranked(self) -> list[str]:
        """Values, most common first (ties: the first met)."""
        return [v for v, _ in sorted(self.counts.items(), key=lambda item: (-item[1][0], item[1][1]))]

    def most_common(self, keep=bool) -> str:
        """The most common value that ``keep`` accepts, ``""`` when none."""
        best = min(((-n, first, v) for v, (n, first) in self.counts.items() if keep(v)),
                   default=None)
        return best[2] if best else ""


class EntityTotals:
    """What the ``entities`` table says of each entity, added up part by part (an event's rows at
    a time), so the corpus's ``article_entities`` rows are never in memory at once (at 100,000
    real-shaped articles, 3.8 million rows: the whole table as Python lists took 3 GB).

    Each row comes with its position in the table, and every tie is broken by position, so the
    result does not depend on the order the parts come in: the same table as from all rows in
    table order."""

    def __init__(self):
        self._of: dict[str, dict] = {}

    def add(self, rows: pd.DataFrame, ids, positions) -> None:
        """Add ``article_entities`` rows (text columns without missing values), their linked
        entity ids (``""``: not an entity) and their positions in the table. The rows of one
        article are all in one call (an entity's articles are counted per call)."""
        columns = [rows[c].tolist() for c in ("key", "name", "kind", "roles", "affiliation",
                                               "source_type", "aliases", "n_mentions",
                                               "article_id", "origin")]
        articles: dict[str, set] = {}
        for entity_id, position, key, name, kind, roles, affiliation, source_type, aliases, \
                mentions, article_id, origin in zip(list(ids), list(positions), *columns):
            if entity_id == "":
                continue
            total = self._of.get(entity_id)
            if total is None:
                total = self._of[entity_id] = {
                    "own_name": None, "any_name": None, "kind": _Tally(), "roles": _Tally(),
                    "affiliation": _Tally(), "source_type": _Tally(), "aliases": _Tally(),
                    "n_mentions": 0, "n_articles": 0, "registry": False}
            named = (len(name), -position, name)  # the longest name, the first of equals
            if key == entity_id and (total["own_name"] is None or named > total["own_name"]):
                total["own_name"] = named
            if total["any_name"] is None or named > total["any_name"]:
                total["any_name"] = named
            if kind in KINDS:
                total["kind"].add(kind, position)
            for j, part in enumerate(roles.split("|")):
                if part:
                    total["roles"].add(part, (position, j))
            for j, part in enumerate(aliases.split("|")):
                if part:
                    total["aliases"].add(part, (position, j))
            if affiliation:
                total["affiliation"].add(affiliation, position)
            if source_type:
                total["source_type"].add(source_type, position)
            if pd.notna(mentions):
                total["n_mentions"] += mentions
            if pd.notna(article_id):
                articles.setdefault(entity_id, set()).add(article_id)
            total["registry"] = total["registry"] or origin == "registry"
        for entity_id, found in articles.items():
            self._of[entity_id]["n_articles"] += len(found)

    def table(self) -> pd.DataFrame:
        """The ``entities`` table, entities sorted by id."""
        out = []
        for entity_id in sorted(self._of):
            total = self._of[entity_id]
            types = total["source_type"]
            out.append({
                "entity_id": entity_id, "name": (total["own_name"] or total["any_name"])[2],
                "kind": total["kind"].most_common(),
                "roles": "|".join(total["roles"].ranked()),
                "affiliation": total["affiliation"].most_common(),
                "source_type": (types.most_common(lambda t: t != "unknown")
                                or types.most_common()),
                "aliases": "|".join(total["aliases"].ranked()),
                "n_mentions": int(total["n_mentions"]), "n_articles": total["n_articles"],
                "origin": "registry" if total["registry"] else "discovered",
            })
        return pd.DataFrame(out, columns=schema.TABLES["entities"].column_names)


def entity_table(rows: pd.DataFrame, ids: pd.Series) -> pd.DataFrame:
    """The ``entities`` table from ``article_entities`` rows (all of them, in table order) and
    their linked entity ids."""
    totals = EntityTotals()
    totals.add(rows, ids, range(len(rows)))
    return totals.table()


def mention_frame(rows: pd.DataFrame, ids) -> pd.DataFrame:
    """``mentions`` rows: the packed spans of ``article_entities`` rows, one row per mention
    (``start`` and ``end`` in code points); rows whose id in ``ids`` is ``""`` are left out.

    Built column by column (not as a dict per mention), so a part of the corpus holds a few
    lists, not one object per mention."""
    columns: dict[str, list] = {c: [] for c in schema.TABLES["mentions"].column_names}
    for article_id, entity_id, spans, forms, sentence_ids in zip(
            rows["article_id"].tolist(), list(ids), rows["spans"].tolist(), rows["forms"].tolist(),
            rows["sentence_ids"].tolist()):
        if not entity_id:
            continue
        for span, form, sentence_id in zip(str(spans).split("|"), str(forms).split("|"),
                                           str(sentence_ids).split("|")):
            start, _, end = span.partition(":")
            columns["article_id"].append(article_id)
            columns["entity_id"].append(entity_id)
            columns["start"].append(int(start))
            columns["end"].append(int(end))
            columns["text"].append(form)
            columns["sentence_id"].append(sentence_id)
    if not columns["article_id"]:
        return pd.DataFrame(columns=list(columns))
    return pd.DataFrame(columns)


def linked_ids(rows: pd.DataFrame, event_of: dict[str, str],
               links: dict[tuple[str, str], str] | None = None) -> pd.Series:
    """The corpus entity id of each ``article_entities`` row (``""`` = not an entity).

    ``links``: :func:`link_keys` of the whole corpus, when ``rows`` are only a part of it."""
    if links is None:
        links = link_keys(rows, event_of)
    return pd.Series([links.get((e, k), "") for e, k in zip(events_of_rows(rows, event_of),
                                                            rows["key"].tolist())],
                     index=rows.index, dtype=str)


def events_of_rows(rows: pd.DataFrame, event_of: dict[str, str]) -> list[str]:
    """The event of each row's ``article_id`` (``""`` when the ``articles`` table lacks it).

    Looked up row by row in the dict: ``Series.map(dict)`` first turns the whole dict (every
    article of the corpus) into a Series, a cost per call that grew with the corpus for each
    event's rows (at 100,000 articles, most of the outlet summaries' time)."""
    return [event_of.get(a if isinstance(a, str) else str(a), "") if not _missing(a) else ""
            for a in rows["article_id"].tolist()]


def _missing(value) -> bool:
    return not isinstance(value, str) and bool(pd.isna(value))


_MENTION_COLUMNS = ["article_id", "key", "spans", "forms", "sentence_ids"]


def _texts(rows: pd.DataFrame, columns) -> pd.DataFrame:
    """``rows`` with ``columns`` as text, a missing value as ``""`` (a new frame; the strings
    themselves are shared, not copied)."""
    return rows.assign(**{column: rows[column].fillna("").astype(str) for column in columns})


def mention_parts(tables, order: list[str], event_of: dict[str, str],
                  links: dict[tuple[str, str], str],
                  size: int = MENTION_PART_ARTICLES) -> Iterator[pd.DataFrame]:
    """The ``mentions`` table in parts of ``size`` articles (``order``: the article ids in
    ``article_entities`` order), one part per piece written; rows keep the table's order within
    a part. Only the part's packed spans, forms and sentence ids are in memory at once (read
    with :class:`analysis.core.writer.Partitioned` when there are several parts, with one read of
    those columns when the corpus is one part)."""
    if len(order) <= size:
        rows = _texts(read_columns(tables, "article_entities", _MENTION_COLUMNS),
                      _MENTION_COLUMNS[1:])
        yield mention_frame(rows, linked_ids(rows, event_of, links))
        return
    part_of = {article_id: k // size for k, article_id in enumerate(order)}
    with Partitioned(tables, "article_entities", part_of, _MENTION_COLUMNS) as parts:
        for part in range(-(-len(order) // size)):
            rows = _texts(parts[part], _MENTION_COLUMNS[1:])
            yield mention_frame(rows, linked_ids(rows, event_of, links))


def link_entities(tables, context) -> Iterator[tuple[str, pd.DataFrame]]:
    """Corpus stage: ``entities`` and ``mentions`` from the ``article_entities`` rows."""
    columns = schema.TABLES["article_entities"].column_names
    if set(table_columns(tables, "article_entities") or ()) < set(columns):
        yield "entities", pd.DataFrame(columns=schema.TABLES["entities"].column_names)
        yield "mentions", pd.DataFrame(columns=schema.TABLES["mentions"].column_names)
        return
    event_of = _events(tables)
    links: dict[tuple[str, str], str] = {}
    totals = EntityTotals()
    part_of = _event_parts(event_of)
    with Partitioned(tables, "article_entities", part_of, _ENTITY_COLUMNS,
                     positions=True) as parts:
        for part in range(part_of.n_parts):
            rows = _texts(parts[part], [c for c in _ENTITY_COLUMNS
                                        if c not in ("article_id", "n_mentions")])
            if not len(rows):
                continue
            found = link_keys(rows, event_of)  # linking never crosses an event
            links.update(found)
            totals.add(rows, linked_ids(rows, event_of, found), rows[Partitioned.ROW_POSITION])
    yield "entities", totals.table()
    del totals
    order = read_columns(tables, "article_entities", ["article_id"])["article_id"].unique().tolist()
    release_memory()  # the linking's rows are freed: not kept resident under the mentions
    for frame in mention_parts(tables, order, event_of, links, MENTION_PART_ARTICLES):
        yield "mentions", frame


def top_actors(tables, n: int = TOP_ACTORS, kinds=ACTOR_KINDS) -> dict | None:
    """``(article_id, entity_id)`` -> name for the ``n`` most-mentioned entities of ``kinds`` in
    each event (ties: by name), in the articles that mention them; None when the corpus has no
    ``article_entities`` table (a run without the entity stage).

    The rows are read event by event (linking never crosses an event), twice: once for each
    entity's kind (its most common kind over the corpus, ties: the kind met first in the table)
    and media type, once to rank the event's entities; memory holds one event's rows, not the
    corpus's (at 10,000 real-shaped articles the whole table cost ~190 MB)."""
    columns = ["article_id", "key", "name", "kind", "n_mentions"]
    if set(table_columns(tables, "article_entities") or ()) < set(columns):
        return None
    event_of = _events(tables)
    part_of = _event_parts(event_of)
    kinds_seen: dict[str, _Tally] = {}  # entity -> its kinds, with rows and first position
    media: set[str] = set()
    events: list[tuple[int, list]] = []  # (first position, [(article_id, entity_id), name]...)
    with Partitioned(tables, "article_entities", part_of, columns + ["source_type"],
                     positions=True) as parts:
        for k in range(part_of.n_parts):
            rows = _linked_rows(parts[k], event_of)
            typed = rows[rows["kind"] != ""]
            for entity, kind, position in zip(typed["entity_id"].tolist(), typed["kind"].tolist(),
                                              typed[Partitioned.ROW_POSITION].tolist()):
                kinds_seen.setdefault(entity, _Tally()).add(kind, position)  # ties: table order
            media.update(typed.loc[typed["source_type"].isin(MEDIA_TYPES), "entity_id"])
        kind_of = {entity: seen.most_common() for entity, seen in kinds_seen.items()}
        for k in range(part_of.n_parts):
            rows = _linked_rows(parts[k], event_of)
            rows = rows[np.array([kind_of.get(e) in kinds and e not in media
                                  for e in rows["entity_id"].tolist()], dtype=bool)]
            if len(rows):
                events.append((int(rows[Partitioned.ROW_POSITION].min()), _ranked(rows, n)))
    out: dict[tuple[str, str], str] = {}
    for _, chosen in sorted(events, key=lambda event: event[0]):  # events as the table meets them
        out.update(chosen)
    return out


def _event_parts(event_of: dict[str, str]) -> _EventParts:
    """Article id -> a part number per event (events numbered in sorted order; the empty event,
    which also takes articles the ``articles`` table lacks, is a part too)."""
    number = {event: k for k, event in enumerate(sorted(set(event_of.values()) | {""}))}
    return _EventParts({article: number[event] for article, event in event_of.items()},
                       number[""], len(number))


class _EventParts(dict):
    """Article id -> event part number; an article the ``articles`` table lacks is in the part of
    the empty event (``Series.map`` uses ``__missing__``)."""

    def __init__(self, parts: dict, missing: int, n_parts: int):
        super().__init__(parts)
        self.missing = missing
        self.n_parts = n_parts  # parts are numbered 0 .. n_parts - 1

    def __missing__(self, key) -> int:
        return self.missing


def _linked_rows(rows: pd.DataFrame, event_of: dict[str, str]) -> pd.DataFrame:
    """``article_entities`` rows (of one event) with their corpus ``entity_id``; rows that are
    no entity dropped."""
    for column in ("key", "name", "kind", "source_type"):
        rows[column] = rows[column].fillna("").astype(str)
    rows = rows.assign(entity_id=linked_ids(rows, event_of).values)
    return rows[rows["entity_id"] != ""]


def _ranked(rows: pd.DataFrame, n: int) -> list[tuple[tuple[str, str], str]]:
    """``((article_id, entity_id), name)`` of one event's rows whose entity is among its ``n``
    most-mentioned (ties: by name; an entity's name is its longest form), in row order."""
    ids, articles = rows["entity_id"].tolist(), rows["article_id"].tolist()
    totals: dict[str, int] = {}
    names: dict[str, str] = {}  # the first of the longest forms
    for entity_id, mentions, name in zip(ids, rows["n_mentions"].tolist(), rows["name"].tolist()):
        totals[entity_id] = totals.get(entity_id, 0) + (0 if pd.isna(mentions) else mentions)
        if len(name) > len(names.get(entity_id, "")) or entity_id not in names:
            names[entity_id] = name
    ranked = set(sorted(sorted(totals), key=lambda e: (-totals[e], names[e]))[:n])
    return [((article_id, entity_id), names[entity_id])
            for article_id, entity_id in zip(articles, ids) if entity_id in ranked]


def sentence_number(sentence_id: str) -> int:
    return int(sentence_id.rpartition(":s")[2] or 0)


def canonical_names(tables, wanted: set | None = None) -> dict[tuple[str, str], str]:
    """``(article_id, text as written)`` -> canonical entity name, from ``mentions`` and
    ``entities``: "Odell" in an article is "Marcus Odell" when the event links it (for counting a
    source once, see :func:`distinct_sources`). ``wanted``: only these ``(article_id, text)``
    pairs (the mentions are read in batches, so only what is kept grows with the corpus)."""
    if table_columns(tables, "mentions") is None or table_columns(tables, "entities") is None:
        return {}
    name_of = entity_names(tables)
    out: dict[tuple[str, str], str] = {}
    for batch in iter_batches(tables, "mentions", ["article_id", "entity_id", "text"]):
        out.update(names_of_mentions(batch, name_of, wanted))
    return out


def entity_names(tables) -> dict[str, str]:
    """Entity id -> canonical name, from the ``entities`` table."""
    names = read_columns(tables, "entities", ["entity_id", "name"])
    return dict(zip(names["entity_id"].tolist(), names["name"].tolist()))


def names_of_mentions(mentions: pd.DataFrame, name_of: dict[str, str],
                      wanted: set | None = None) -> dict[tuple[str, str], str]:
    """``(article_id, text)`` -> canonical name for ``mentions`` rows (``article_id``,
    ``entity_id``, ``text``) of a known entity; ``wanted``: only these pairs."""
    out: dict[tuple[str, str], str] = {}
    for a, e, t in zip(mentions["article_id"].tolist(), mentions["entity_id"].tolist(),
                       mentions["text"].tolist()):
        if e in name_of and (wanted is None or (a, t) in wanted):
            out[(a, t)] = name_of[e]
    return out


def distinct_sources(sources: pd.DataFrame, outlet_of: dict[str, str],
                     canonical: dict | None = None) -> pd.DataFrame:
    """Distinct sources per outlet from per-article ``sources`` rows: a source cited in several
    articles of an outlet counts once, with source-type shares.

    Args:
        sources: rows with ``article_id``, ``source`` and ``source_type``.
        outlet_of: article id -> outlet.
        canonical: ``(article_id, source)`` or ``source`` -> canonical name (e.g. "Odell" ->
            "Marcus Odell"; :func:`canonical_names`), to count a person once whatever the
            article called them.

    Returns:
        one row per outlet and source type: ``outlet``, ``source_type``, ``n_sources`` (distinct
        sources of that type), ``share`` (of the outlet's distinct sources, 0-1), ``n_total``.
    """
    canonical = canonical or {}
    frame = sources.assign(
        outlet=sources["article_id"].map(outlet_of).fillna("(unknown)"),
        entity=[canonical.get((a, s), canonical.get(s, s))
                for a, s in zip(sources["article_id"], sources["source"])])
    first = frame.drop_duplicates(["outlet", "entity"])
    totals = first.groupby("outlet")["entity"].nunique()
    counts = first.groupby(["outlet", "source_type"])["entity"].nunique().reset_index(
        name="n_sources")
    counts["n_total"] = counts["outlet"].map(totals)
    counts["share"] = counts["n_sources"] / counts["n_total"]
    return counts[["outlet", "source_type", "n_sources", "share", "n_total"]]


def actor_gap(tables, shown: int = 0, min_sentences: int = 1) -> str:
    """Why a corpus has no actor sentiment to show, in words; ``""`` when ``shown`` rows exist.

    Args:
        shown: rows left to show (after the report's ``min_sentences`` filter).
    """
    if shown:
        return ""
    articles = read_columns(tables, "articles", ["article_id", "english"])
    if not len(articles) or not articles["english"].fillna(False).astype(bool).any():
        return "No English article in this corpus: actors are found in English text only."
    if set(table_columns(tables, "article_entities") or ()) >= {"kind", "source_type"}:
        rows = read_columns(tables, "article_entities", ["kind", "source_type"])
        actors = rows["kind"].isin(ACTOR_KINDS) & ~rows["source_type"].isin(MEDIA_TYPES)
        if not actors.any():
            return ("No person or organisation was found in the articles (a person needs a full "
                    "name or a role, an organisation a word such as Department or Inc.; a "
                    "corpus's entities.csv can name them: see docs/entities.md).")
    outlets = read_columns(tables, "sentiment_actor_outlets", ["n_sentences"]) if (
        table_columns(tables, "sentiment_actor_outlets") is not None) else pd.DataFrame()
    if not len(outlets):
        return "People and organisations were found, but none in a body sentence of an article."
    return (f"No actor is named in {min_sentences} or more body sentences; lower "
            f"min_actor_sentences to show fewer.")
