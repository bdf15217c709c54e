"""Sentiment: VADER per sentence, aggregated per paragraph, article, outlet and actor, with evidence.

Implementation: the authors' reference code, ``vaderSentiment`` 3.3.2 (pinned in pyproject.toml),
Hutto & Gilbert (2014), "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social
Media Text", ICWSM-14. Every sentence is scored exactly as written (VADER reads capitals and
punctuation). VADER is a sentence-level model: its compound score saturates on long texts, so an
article is never scored as one string; its sentences are scored and then aggregated. The title is
scored on its own and kept out of every body aggregate.

Stage settings (``Options.params``): ``sentiment_seed`` (bootstrap seed), ``sentiment_resamples``
(bootstrap resamples), ``sentiment_actor_types`` (entity kinds or registry types counted as
actors), ``sentiment_top_actors`` (per event, the most-mentioned actors compared across outlets).
Actors are the entities of :mod:`analysis.entities.discovery`: found in the text, the registry an override.
"""

from __future__ import annotations

import math
import zlib
from functools import lru_cache

import numpy as np

from analysis.core import schema
from analysis.core.config import SMALL_SAMPLE_ARTICLES, SMALL_SAMPLE_SENTENCES
from analysis.core.schema import ARTICLE_ID, END, START, Table, _cols, register
from analysis.core.settings import Sentiment
from analysis.core.writer import (
    Partitioned,
    iter_batches,
    read_columns,
    release_memory,
    table_columns,
)
from analysis.corpus.document import memo
from analysis.entities.discovery import discover

# Thresholds on the compound score, from VADER's README ("About the Scoring"): positive when
# compound >= 0.05, negative when compound <= -0.05, neutral in between.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
LABELS = ("positive", "neutral", "negative")
# Bootstrap: Efron & Tibshirani (1993), An Introduction to the Bootstrap, ch. 13 and 19: percentile
# intervals need on the order of 1,000 or more resamples.
BOOTSTRAP_RESAMPLES = Sentiment.sentiment_resamples  # 2000
BOOTSTRAP_SEED = Sentiment.sentiment_seed  # 2014: any fixed value is reproducible; VADER's paper
CI_LEVEL = 0.95
# Entity kinds (or registry types) whose mentions count as actors; outlets are sources, not actors.
ACTOR_TYPES = Sentiment.sentiment_actor_types  # ("person", "organisation", "place")

_SUMMARY_COLUMNS = (
    ("mean_compound", "float", "mean VADER compound score of the sentences (-1 most negative, +1 most "
     "positive)", "compound"),
    ("share_positive", "float", "share of sentences with compound >= 0.05", "0-1"),
    ("share_neutral", "float", "share of sentences with -0.05 < compound < 0.05", "0-1"),
    ("share_negative", "float", "share of sentences with compound <= -0.05", "0-1"),
    ("sd_compound", "float", "standard deviation of the sentences' compound scores (n-1); empty "
     "below 2 sentences", "compound"),
    ("min_compound", "float", "lowest sentence compound score", "compound"),
    ("max_compound", "float", "highest sentence compound score", "compound"),
)
_CI_COLUMNS = (
    ("ci_low", "float", "lower end of the 95% percentile bootstrap interval of the mean (resampling "
     "sentences, seeded); empty below 2 sentences", "compound"),
    ("ci_high", "float", "upper end of that interval", "compound"),
    ("small_sample", "bool", f"True when fewer than {SMALL_SAMPLE_SENTENCES} sentences: read the mean "
     "as a description of these sentences only"),
)

register(Table("sentiment_sentences", "VADER scores of every sentence (title included, role `title`), "
               "scored exactly as written. English-only.", _cols(
    ARTICLE_ID,
    ("sentence_id", "str", "sentence (see `sentences.csv`)"),
    START, END,
    ("text", "str", "the sentence, verbatim: the text VADER scored"),
    ("compound", "float", "VADER compound score: normalised sum of valences, -1 most negative, "
     "+1 most positive", "compound"),
    ("pos", "float", "VADER share of the sentence's tokens rated positive", "0-1"),
    ("neu", "float", "VADER share rated neutral", "0-1"),
    ("neg", "float", "VADER share rated negative", "0-1"),
    ("label", "str", "`positive` (compound >= 0.05), `negative` (<= -0.05) or `neutral` (VADER README)"),
    ("role", "str", "`title` or `body`; only body sentences enter the aggregates"),
    ("paragraph_id", "str", "paragraph holding the sentence"),
)))
register(Table("sentiment_paragraphs", "Sentence sentiment aggregated per body paragraph. English-only.",
               _cols(
    ARTICLE_ID,
    ("paragraph_id", "str", "paragraph (see `paragraphs.csv`)"),
    ("n_sentences", "int", "body sentences in the paragraph", "sentences"),
    *_SUMMARY_COLUMNS,
)))
register(Table("sentiment_articles", "Sentence sentiment aggregated per article (body only; the title "
               "apart). Never one VADER score of the whole text. English-only.", _cols(
    ARTICLE_ID,
    ("n_sentences", "int", "body sentences scored", "sentences"),
    *_SUMMARY_COLUMNS,
    *_CI_COLUMNS,
    ("title_compound", "float", "compound score of the title on its own; empty without a title",
     "compound"),
    ("title_label", "str", "label of the title; empty without a title"),
    ("most_positive_sentence_id", "str", "evidence: the body sentence with the highest compound"),
    ("most_negative_sentence_id", "str", "evidence: the body sentence with the lowest compound"),
)))
register(Table("sentiment_actors", "Sentiment of the body sentences that mention an actor (an "
               "entity found in the article, registry aliases included), per article. "
               "English-only.", _cols(
    ARTICLE_ID,
    ("actor", "str", "entity key in the article (`article_entities.key`): registry id or slug"),
    ("n_sentences", "int", "body sentences mentioning the actor (a sentence counts once)", "sentences"),
    ("mean_compound", "float", "mean compound score of those sentences", "compound"),
    ("name", "str", "the actor's canonical name"),
    ("type", "str", "registry type (person, organisation, outlet, place), else the entity's kind"),
    *_SUMMARY_COLUMNS[1:],
    ("aliases", "str", "surface forms found, `|`-separated"),
    ("sentence_ids", "str", "evidence: the sentences, `|`-separated, in text order"),
)))
register(Table("sentiment_outlets", "Sentiment per outlet: each article weighs the same (mean of "
               "article means). English-only.", _cols(
    ("outlet", "str", "outlet; `(unknown)` when the article names none"),
    ("n_articles", "int", "articles with scored sentences", "articles"),
    ("n_sentences", "int", "body sentences scored", "sentences"),
    ("mean_compound", "float", "mean of the articles' mean compound scores", "compound"),
    ("share_positive", "float", "mean of the articles' shares of positive sentences", "0-1"),
    ("share_neutral", "float", "mean of the articles' shares of neutral sentences", "0-1"),
    ("share_negative", "float", "mean of the articles' shares of negative sentences", "0-1"),
    ("sd_article_means", "float", "spread between articles: SD of the article means (n-1); empty "
     "for one article", "compound"),
    ("sd_sentences", "float", "spread of all the outlet's sentence scores (n-1)", "compound"),
    ("ci_low", "float", "lower end of the 95% two-stage bootstrap interval (articles, then sentences "
     "within them, seeded)", "compound"),
    ("ci_high", "float", "upper end of that interval", "compound"),
    ("small_sample", "bool", f"True when fewer than {SMALL_SAMPLE_ARTICLES} articles or "
     f"{SMALL_SAMPLE_SENTENCES} sentences"),
)))
register(Table("sentiment_actor_outlets", "Actor-targeted sentiment per outlet, for the most-"
               "mentioned people and organisations of each event (setting `sentiment_top_actors`): "
               "each article weighs the same. English-only.", _cols(
    ("outlet", "str", "outlet; `(unknown)` when the article names none"),
    ("actor", "str", "entity_id in `entities.csv`"),
    ("name", "str", "the actor's canonical name"),
    ("n_articles", "int", "articles mentioning the actor", "articles"),
    ("n_sentences", "int", "body sentences mentioning the actor", "sentences"),
    ("mean_compound", "float", "mean of the per-article means", "compound"),
    ("share_positive", "float", "mean of the per-article shares of positive sentences", "0-1"),
    ("share_neutral", "float", "mean of the per-article shares of neutral sentences", "0-1"),
    ("share_negative", "float", "mean of the per-article shares of negative sentences", "0-1"),
    ("most_positive_sentence_id", "str", "evidence: the highest-scoring sentence naming the actor"),
    ("most_negative_sentence_id", "str", "evidence: the lowest-scoring sentence naming the actor"),
)))


@lru_cache(maxsize=1)
def vader():
    """The one VADER analyser of the process (loading the lexicon takes ~0.1 s)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def polarity_scores(doc, text: str) -> dict:
    """VADER's scores of ``text``, computed once per document and text.

    The sentiment stage and the voice split score many of the same strings (a sentence all in one
    voice is its own piece), and VADER gives the same scores for the same string. The scores are
    shared: read them, never change them.
    """
    scores = memo(doc, "vader_scores", dict)
    found = scores.get(text)
    if found is None:
        found = scores[text] = vader().polarity_scores(text)
    return found


def label_of(compound: float) -> str:
    """``positive`` / ``neutral`` / ``negative`` by the ±0.05 thresholds of VADER's README."""
    if compound >= POSITIVE_THRESHOLD:
        return "positive"
    if compound <= NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def summarise(compounds: list[float]) -> dict:
    """Mean, label shares, SD (n-1), min and max of compound scores; NaN where undefined.

    Unit: VADER compound (-1 most negative to +1 most positive); shares 0-1.
    """
    n = len(compounds)
    if not n:
        nan = math.nan
        return {"mean_compound": nan, "share_positive": nan, "share_neutral": nan,
                "share_negative": nan, "sd_compound": nan, "min_compound": nan, "max_compound": nan}
    mean = math.fsum(compounds) / n
    positive = sum(1 for c in compounds if c >= POSITIVE_THRESHOLD)
    negative = sum(1 for c in compounds if c <= NEGATIVE_THRESHOLD)
    sd = math.sqrt(math.fsum((c - mean) ** 2 for c in compounds) / (n - 1)) if n > 1 else math.nan
    return {"mean_compound": mean, "share_positive": positive / n,
            "share_neutral": (n - positive - negative) / n, "share_negative": negative / n,
            "sd_compound": sd, "min_compound": min(compounds), "max_compound": max(compounds)}


def seed_for(base_seed: int, key: str) -> np.random.Generator:
    """A random generator seeded by ``base_seed`` and a text key (an article id, an outlet), so an
    interval does not depend on the order or the process in which articles are analysed."""
    return np.random.default_rng([int(base_seed), zlib.crc32(key.encode("utf-8"))])


def bootstrap_means(values, rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES):
    """Means of ``resamples`` resamples (with replacement) of ``values``: an array of that length."""
    values = np.asarray(values, dtype=float)
    # int32 indices: drawn 2.6 times faster than numpy's default int64
    picks = rng.integers(0, len(values), size=(resamples, len(values)), dtype=np.int32)
    return values[picks].mean(axis=1)


def percentile_interval(means, level: float = CI_LEVEL) -> tuple[float, float]:
    """The percentile interval of bootstrap means (Efron & Tibshirani 1993, ch. 13), with the
    linear interpolation of ``numpy.percentile``'s default, ~10 times faster on small arrays."""
    ordered = np.sort(means)
    last = len(ordered) - 1
    ends = []
    for q in ((1 - level) / 2, (1 + level) / 2):
        position = q * last
        below = int(position)
        above = min(below + 1, last)
        ends.append(float(ordered[below] + (ordered[above] - ordered[below]) * (position - below)))
    return ends[0], ends[1]


def bootstrap_ci(values, rng: np.random.Generator, resamples: int = BOOTSTRAP_RESAMPLES,
                 level: float = CI_LEVEL) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values``; NaN below 2 values.

    Unit: that of ``values`` (here VADER compound). Resamples sentences with replacement.
    """
    if len(values) < 2:
        return math.nan, math.nan
    return percentile_interval(bootstrap_means(values, rng, resamples), level)


OUTER_ROWS = 128  # resamples of the two-stage bootstrap whose outer means are gathered at a time


def cluster_bootstrap_ci(groups: list, rng: np.random.Generator,
                         resamples: int = BOOTSTRAP_RESAMPLES,
                         level: float = CI_LEVEL) -> tuple[float, float]:
    """Two-stage bootstrap interval of the mean of group means (Davison & Hinkley 1997, §3.8):
    resample the groups (articles), then the values (sentences) within each; NaN when the groups
    hold fewer than 2 values in all."""
    groups = [np.asarray(g, dtype=float) for g in groups if len(g)]
    if sum(len(g) for g in groups) < 2:
        return math.nan, math.nan
    # Filled in place, not stacked from a list, and the outer draws made and gathered OUTER_ROWS
    # resamples at a time: one (articles x resamples) array is held, the inner means (at 100,000
    # articles, 12,500 per outlet: 200 MB; the whole (resamples x articles) draws were 200 MB
    # more). Numpy's generator gives the same numbers drawn in row blocks as in one call, and in
    # int32 as in int64 (tests/measures/test_sentiment.py), so the values are those of one draw.
    inner = np.empty((len(groups), resamples))  # (groups, resamples)
    for k, group in enumerate(groups):
        inner[k] = bootstrap_means(group, rng, resamples)
    outer = np.empty(resamples)
    for start in range(0, resamples, OUTER_ROWS):
        rows = np.arange(start, min(start + OUTER_ROWS, resamples))
        chosen = rng.integers(0, len(groups), size=(len(rows), len(groups)), dtype=np.int32)
        outer[rows] = inner[chosen, rows[:, None]].mean(axis=1)
    return percentile_interval(outer, level)


def score_sentences(doc) -> list[dict]:
    """One ``sentiment_sentences`` row per sentence of ``doc`` (title and body), in text order."""
    aid = doc.article_id
    rows = []
    for s in doc.sentences:
        scores = polarity_scores(doc, s.text)
        compound = scores["compound"]
        rows.append({"article_id": aid, "sentence_id": s.sentence_id, "start": s.start,
                     "end": s.end, "text": s.text, "compound": compound, "pos": scores["pos"],
                     "neu": scores["neu"], "neg": scores["neg"], "label": label_of(compound),
                     "role": s.role, "paragraph_id": s.paragraph_id})
    return rows


def paragraph_rows(aid: str, body: list[dict]) -> list[dict]:
    """``sentiment_paragraphs`` rows from the body sentence rows."""
    by_paragraph: dict[str, list[float]] = {}
    for row in body:
        by_paragraph.setdefault(row["paragraph_id"], []).append(row["compound"])
    return [{"article_id": aid, "paragraph_id": pid, "n_sentences": len(values), **summarise(values)}
            for pid, values in by_paragraph.items()]


def article_row(aid: str, body: list[dict], title: list[dict], rng: np.random.Generator,
                resamples: int) -> dict:
    """The ``sentiment_articles`` row: body aggregates with interval and evidence, title apart."""
    compounds = [row["compound"] for row in body]
    low, high = bootstrap_ci(compounds, rng, resamples)
    top = max(body, key=lambda r: r["compound"]) if body else None
    bottom = min(body, key=lambda r: r["compound"]) if body else None
    return {
        "article_id": aid, "n_sentences": len(compounds), **summarise(compounds),
        "ci_low": low, "ci_high": high, "small_sample": len(compounds) < SMALL_SAMPLE_SENTENCES,
        "title_compound": title[0]["compound"] if title else math.nan,
        "title_label": title[0]["label"] if title else "",
        "most_positive_sentence_id": top["sentence_id"] if top else "",
        "most_negative_sentence_id": bottom["sentence_id"] if bottom else "",
    }


def actor_rows(aid: str, body: list[dict], entities, actor_types=ACTOR_TYPES) -> list[dict]:
    """``sentiment_actors`` rows: per actor, the body sentences that mention it.

    Args:
        entities: the article's entities (:func:`analysis.entities.discovery.discover`).
    """
    row_of = {row["sentence_id"]: row for row in body}
    found: dict[str, dict] = {}
    for entity in entities:
        kind = entity.registry_type or entity.kind
        if kind not in actor_types:
            continue
        for mention in entity.mentions:
            row = row_of.get(mention.sentence_id)
            if row is None:
                continue
            entry = found.setdefault(entity.key, {
                "name": entity.name, "type": kind, "aliases": [], "rows": []})
            if mention.text not in entry["aliases"]:
                entry["aliases"].append(mention.text)
            if not entry["rows"] or entry["rows"][-1] is not row:
                entry["rows"].append(row)
    out = []
    for actor, entry in found.items():
        summary = summarise([r["compound"] for r in entry["rows"]])
        out.append({"article_id": aid, "actor": actor, "n_sentences": len(entry["rows"]),
                    "mean_compound": summary.pop("mean_compound"), "name": entry["name"],
                    "type": entry["type"], **summary, "aliases": "|".join(entry["aliases"]),
                    "sentence_ids": "|".join(r["sentence_id"] for r in entry["rows"])})
    return out


def score_article(doc, context) -> dict[str, list[dict]]:
    """Article stage: sentence scores, paragraph, article and actor aggregates for one document."""
    params = context.options.params
    sentences = score_sentences(doc)
    body = [r for r in sentences if r["role"] == "body"]
    title = [r for r in sentences if r["role"] == "title"]
    rng = seed_for(params.get("sentiment_seed", BOOTSTRAP_SEED), doc.article_id)
    resamples = int(params.get("sentiment_resamples", BOOTSTRAP_RESAMPLES))
    actor_types = tuple(params.get("sentiment_actor_types", ACTOR_TYPES))
    return {
        "sentiment_sentences": sentences,
        "sentiment_paragraphs": paragraph_rows(doc.article_id, body),
        "sentiment_articles": [article_row(doc.article_id, body, title, rng, resamples)],
        "sentiment_actors": actor_rows(doc.article_id, body, discover(doc, context.registry),
                                       actor_types),
    }


score_article.english_only = True


# --- corpus stage: outlets -----------------------------------------------------------------------


def _outlets(tables) -> dict[str, str]:
    articles = read_columns(tables, "articles", ["article_id", "outlet"])
    if not len(articles):
        return {}
    outlets = articles["outlet"].fillna("").astype(str).replace("", "(unknown)")
    return dict(zip(articles["article_id"].astype(str), outlets))


def body_compounds(tables, size: int = 16_384) -> dict[str, np.ndarray]:
    """Article id -> compound scores of its body sentences, in text order; the
    ``sentiment_sentences`` table is read batch by batch (only numbers are kept)."""
    parts: dict[str, list[np.ndarray]] = {}
    for batch in iter_batches(tables, "sentiment_sentences", ["article_id", "role", "compound"], size):
        body = batch[batch["role"] == "body"]
        for article_id, values in body.groupby("article_id", sort=False)["compound"]:
            parts.setdefault(article_id, []).append(values.to_numpy(float))
    return {a: v[0] if len(v) == 1 else np.concatenate(v) for a, v in parts.items()}


def outlet_rows(by_article: dict, article_table, outlet_of: dict, seed: int, resamples: int) -> list[dict]:
    """``sentiment_outlets`` rows: mean of article means, two-stage bootstrap interval.

    Args:
        by_article: article id -> body sentence compounds (:func:`body_compounds`).
        article_table: the ``sentiment_articles`` table.
    """
    rows = []
    frame = article_table.assign(outlet=article_table["article_id"].map(outlet_of))
    for outlet, group in frame.groupby("outlet", sort=True):
        groups = [by_article[a] for a in group["article_id"] if a in by_article]
        pooled = np.concatenate(groups) if groups else np.array([])
        low, high = cluster_bootstrap_ci(groups, seed_for(seed, outlet), resamples)
        n_articles, n_sentences = len(groups), int(group["n_sentences"].sum())
        rows.append({
            "outlet": outlet, "n_articles": n_articles, "n_sentences": n_sentences,
            "mean_compound": group["mean_compound"].mean(),
            "share_positive": group["share_positive"].mean(),
            "share_neutral": group["share_neutral"].mean(),
            "share_negative": group["share_negative"].mean(),
            "sd_article_means": group["mean_compound"].std(ddof=1) if n_articles > 1 else math.nan,
            "sd_sentences": float(np.std(pooled, ddof=1)) if len(pooled) > 1 else math.nan,
            "ci_low": low, "ci_high": high,
            "small_sample": n_articles < SMALL_SAMPLE_ARTICLES or n_sentences < SMALL_SAMPLE_SENTENCES,
        })
    return rows


ACTOR_COLUMNS = ["article_id", "actor", "name", "n_sentences", "mean_compound", "share_positive",
                 "share_neutral", "share_negative", "sentence_ids"]
# articles whose actor rows and sentence scores are in memory at once: 500, so a part holds no
# more at 10,000 articles than the whole table at 1,000 (with 2,000, twice as much)
ACTOR_PART_ARTICLES = 500


def actor_outlet_rows(tables, outlet_of: dict, order: list[str], chosen: dict | None = None
                      ) -> list[dict]:
    """``sentiment_actor_outlets`` rows: per outlet and actor, article-weighted means, evidence.

    ``chosen`` (:func:`analysis.entities.tables.top_actors`): ``(article_id, entity_id)`` -> name
    of the actors to keep, their sentences read from the ``mentions`` table (names linked across
    the event); None keeps every actor of ``sentiment_actors`` as it is.

    The ``sentiment_actors`` and ``sentiment_sentences`` tables are read in parts of
    ``ACTOR_PART_ARTICLES`` articles (``order``: the article ids in table order), so memory holds
    one part's sentence scores plus a few numbers per outlet, actor and article.
    """
    import pandas as pd


    part_of = {article_id: k // ACTOR_PART_ARTICLES for k, article_id in enumerate(order)}
    totals: dict[tuple[str, str], dict] = {}
    source = ("sentiment_actors", ACTOR_COLUMNS) if chosen is None else (
        "mentions", ["article_id", "entity_id", "sentence_id"])
    with Partitioned(tables, source[0], part_of, source[1]) as actors, \
            Partitioned(tables, "sentiment_sentences", part_of,
                        ["article_id", "sentence_id", "compound", "role"]) as sentences:
        for part in range(-(-len(order) // ACTOR_PART_ARTICLES)):
            rows = actors[part]
            if not len(rows):
                continue
            scores = sentences[part]
            compound = dict(zip(scores["sentence_id"].tolist(), scores["compound"].tolist()))
            if chosen is not None:
                rows = actor_rows_from_mentions(rows, scores, chosen)
            for row in rows.itertuples(index=False):
                outlet = outlet_of.get(row.article_id)
                if outlet is None:
                    continue
                total = totals.setdefault((outlet, row.actor), {
                    "name": row.name, "n_sentences": 0, "values": [], "best": None,
                    "worst": None})
                total["n_sentences"] += int(row.n_sentences)
                total["values"].append((row.mean_compound, row.share_positive, row.share_neutral,
                                        row.share_negative))
                for sentence_id in (i for i in str(row.sentence_ids).split("|") if i):
                    value = compound[sentence_id]
                    if total["best"] is None or value > total["best"][0]:
                        total["best"] = (value, sentence_id)
                    if total["worst"] is None or value < total["worst"][0]:
                        total["worst"] = (value, sentence_id)
    out = []
    for (outlet, actor), total in sorted(totals.items()):
        means = pd.DataFrame(total["values"], columns=["mean_compound", "share_positive",
                                                       "share_neutral", "share_negative"],
                             dtype=float).mean()
        out.append({
            "outlet": outlet, "actor": actor, "name": total["name"],
            "n_articles": len(total["values"]), "n_sentences": total["n_sentences"],
            **{column: means[column] for column in means.index},
            "most_positive_sentence_id": total["best"][1] if total["best"] else "",
            "most_negative_sentence_id": total["worst"][1] if total["worst"] else "",
        })
    return out


def summarise_outlets(tables, context) -> dict:
    """Corpus stage: ``sentiment_outlets`` and ``sentiment_actor_outlets`` from the article tables."""
    import pandas as pd

    from analysis.entities.tables import TOP_ACTORS, top_actors

    params = context.options.params
    seed = params.get("sentiment_seed", BOOTSTRAP_SEED)
    resamples = int(params.get("sentiment_resamples", BOOTSTRAP_RESAMPLES))
    outlet_of = _outlets(tables)
    articles = tables.get("sentiment_articles")  # absent when no article was analysed
    if articles is None:
        articles = pd.DataFrame(columns=schema.TABLES["sentiment_articles"].column_names)
    actors = set(table_columns(tables, "sentiment_actors") or ()) >= set(ACTOR_COLUMNS)
    chosen = top_actors(tables, int(params.get("sentiment_top_actors", TOP_ACTORS)))
    chosen = chosen if chosen is None or table_columns(tables, "mentions") is not None else None
    out = {"sentiment_outlets": pd.DataFrame(
        outlet_rows(body_compounds(tables), articles, outlet_of, seed, resamples)
        if len(articles) else [], columns=schema.TABLES["sentiment_outlets"].column_names)}
    release_memory()  # the bootstrap's arrays are freed: not kept resident under the next part
    out["sentiment_actor_outlets"] = pd.DataFrame(
        actor_outlet_rows(tables, outlet_of, list(articles["article_id"]), chosen)
        if actors else [], columns=schema.TABLES["sentiment_actor_outlets"].column_names)
    return out


def actor_rows_from_mentions(mentions, sentences, chosen: dict):
    """Per article and chosen actor, the body sentences that mention it and their scores: the
    rows of ``sentiment_actors`` for linked entities (a lone "Okafor" in an article counts for
    Helen Okafor when the event links it).

    Args:
        mentions: ``mentions`` rows (``article_id``, ``entity_id``, ``sentence_id``).
        sentences: ``sentiment_sentences`` rows (``sentence_id``, ``compound``, ``role``).
        chosen: ``(article_id, entity_id)`` -> name (:func:`analysis.entities.tables.top_actors`).
    """
    import pandas as pd

    from analysis.entities.tables import sentence_number

    body = sentences[sentences["role"] == "body"]
    compound = dict(zip(body["sentence_id"].tolist(), body["compound"].tolist()))
    found: dict[tuple[str, str], list[str]] = {}
    for article_id, entity_id, sentence_id in zip(mentions["article_id"].tolist(),
                                                  mentions["entity_id"].tolist(),
                                                  mentions["sentence_id"].tolist()):
        if (article_id, entity_id) in chosen and sentence_id in compound:
            ids = found.setdefault((article_id, entity_id), [])
            if sentence_id not in ids:
                ids.append(sentence_id)
    out = []
    for (article_id, entity_id), ids in found.items():
        summary = summarise([compound[i] for i in ids])
        out.append({"article_id": article_id, "actor": entity_id,
                    "name": chosen[(article_id, entity_id)], "n_sentences": len(ids),
                    **{k: summary[k] for k in ACTOR_COLUMNS if k in summary},
                    "sentence_ids": "|".join(sorted(ids, key=sentence_number))})
    return pd.DataFrame(out, columns=ACTOR_COLUMNS)
