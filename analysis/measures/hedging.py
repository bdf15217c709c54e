"""Hedging and certainty markers: how sure the text sounds, per article per 1,000 words.

Markers are data (``analysis/resources/hedging_markers.csv``: ``marker, category, cue, source``;
cue syntax of :mod:`analysis.core.patterns`). ``hedge`` markers distance the writer from a claim
(reportedly, allegedly, according to, is likely to, may, unclear); ``certainty`` markers (boosters:
clearly, certainly, confirmed) press it. Lists after Hyland (1998), *Hedging in Scientific Research
Articles*, and Wikipedia's Manual of Style words to watch (MOS:ALLEGED, MOS:CLAIM). Each hit keeps
its sentence and the voice it sits in (a hedge inside a quotation is the source's, not the outlet's).
"""

from __future__ import annotations

import csv
from functools import lru_cache

import pandas as pd

from analysis.core.patterns import CueSet, cue_set, find_cues_each
from analysis.core.schema import ARTICLE_ID, END, START, Table, _cols, register
from analysis.measures.framing import density

register(Table("hedges", "Hedging and certainty markers, one row per match, with the sentence.", _cols(
    ARTICLE_ID,
    ("hedge_id", "str", "`<article_id>:h<n>`, n from 0 in text order"),
    ("sentence_id", "str", "sentence holding the marker"),
    ("marker", "str", "marker name from the markers file"),
    ("category", "str", "`hedge` (distances the claim) or `certainty` (presses it)"),
    ("match", "str", "the matched text, verbatim"),
    START, END,
    ("role", "str", "`title` or `body`"),
    ("voice", "str", "`own`, `quoted` or `reported`: whose hedge it is"),
    ("sentence", "str", "the sentence, verbatim"),
)))


@lru_cache(maxsize=8)
def read_markers(path: str | None = None) -> tuple[tuple[str, str, str], ...]:
    """``(marker, category, cue)`` rows of the markers file (default: the shipped one)."""
    with open(path or _default_path(), encoding="utf-8", newline="") as handle:
        return tuple((r["marker"], r["category"], r["cue"]) for r in csv.DictReader(handle)
                     if r.get("cue"))


@lru_cache(maxsize=8)
def marker_cues(markers: tuple) -> CueSet:
    """The markers' cues compiled once per markers list (see :func:`analysis.core.patterns.cue_set`)."""
    return cue_set(tuple((m, cue, False) for m, _, cue in markers))


def _default_path() -> str:
    from analysis.core.config import resource

    return str(resource("hedging_markers.csv"))


def hedge_rows(doc, markers, spans) -> list[dict]:
    """``hedges`` rows for one document, given its voice spans."""
    from analysis.measures.voice_lookup import VoiceLookup

    lookup = VoiceLookup(spans)
    category = {m: c for m, c, _ in markers}
    cues = marker_cues(tuple(markers))
    rows = []
    sentences = doc.sentences
    found = find_cues_each([s.text for s in sentences], cues, [s.start for s in sentences])
    for sentence, hits in zip(sentences, found):
        for hit in hits:
            rows.append({"article_id": doc.article_id, "sentence_id": sentence.sentence_id,
                         "marker": hit.key, "category": category[hit.key], "match": hit.match,
                         "start": hit.start, "end": hit.end, "role": sentence.role,
                         "voice": lookup.voice(hit.start, hit.end), "sentence": sentence.text})
    for n, row in enumerate(rows):
        row["hedge_id"] = f"{doc.article_id}:h{n}"
    return rows


def find_hedges(doc, context) -> dict[str, list[dict]]:
    """Stage: the ``hedges`` rows of one article (``options.params["hedging_markers"]``: another
    markers file)."""
    from analysis.attribution.voice import voice_spans

    params = context.options.params if context else {}
    markers = read_markers(params.get("hedging_markers") or None)
    return {"hedges": hedge_rows(doc, markers, voice_spans(doc, context))}


find_hedges.english_only = True


def hedge_rates(hedges: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Markers per article and category in the body, and per 1,000 body words (higher = more
    hedged / more certain), split by voice: ``all`` and ``own`` (the outlet's own words)."""
    body = hedges[hedges["role"] == "body"]
    rows = []
    for article in articles.itertuples():
        mine = body[body["article_id"] == article.article_id]
        for category in ("hedge", "certainty"):
            cat = mine[mine["category"] == category]
            own = cat[cat["voice"] == "own"]
            rows.append({"article_id": article.article_id, "outlet": article.outlet,
                         "category": category, "markers": len(cat),
                         "per_1000_words": density(len(cat), int(article.n_words)),
                         "own_voice": len(own),
                         "own_per_1000_words": density(len(own), int(article.n_words)),
                         "n_words": int(article.n_words)})
    return pd.DataFrame(rows)
