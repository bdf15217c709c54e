"""Cross-outlet comparison: what every outlet reports, what only one does, how a quote changes.

The corpus stage :func:`compare_corpus` runs per event (the manifest's ``event`` column; without
one the corpus is one event) and writes ``syndication`` (near-copies, :mod:`analysis.syndication`),
``alignment`` (sentences matched across outlets, :mod:`analysis.align`), ``facts``
(:mod:`analysis.facts`), ``quote_matches`` (:mod:`analysis.quotematch`), ``summary`` (one row per
outlet, :mod:`analysis.summary`) and ``comparison_notes`` (what could not be computed and why).
Nothing is invented when an upstream table is missing: the piece is left empty and a note says so.
"""

from __future__ import annotations

import pandas as pd

from analysis import comparison_tables  # noqa: F401 - registers the tables
from analysis.align import ALIGN_THRESHOLD, ALIGNMENT_COLUMNS, alignment_table
from analysis.facts import FACT_COLUMNS, facts_table
from analysis.quotematch import QUOTE_MATCH_COLUMNS, match_quotes
from analysis.summary import SUMMARY_COLUMNS, summary_table
from analysis.syndication import SYNDICATION_COLUMNS, SYNDICATION_CONTAINMENT, syndication_table

ALL_EVENTS = "all"  # event name used when the corpus has no `event` column (one event)
NOTE_COLUMNS = ["piece", "status", "message"]


def event_of(articles: pd.DataFrame) -> pd.Series:
    """Each article's event; every article is in event ``all`` when the corpus names none."""
    if "event" not in articles:
        return pd.Series(ALL_EVENTS, index=articles.index)
    events = articles["event"].fillna("").astype(str).str.strip()
    return events.where(events != "", ALL_EVENTS)


def _usable(tables: dict, name: str, needed: tuple[str, ...]) -> pd.DataFrame | None:
    frame = tables.get(name)
    if frame is None or not set(needed) <= set(frame.columns):
        return None
    return frame


def compare_corpus(tables: dict[str, pd.DataFrame], context) -> dict[str, pd.DataFrame]:
    """Corpus stage: the comparison tables of every event, plus notes on what was missing."""
    params = getattr(getattr(context, "options", None), "params", {}) or {}
    threshold = float(params.get("align_threshold", ALIGN_THRESHOLD))
    syndication_threshold = float(params.get("syndication_threshold", SYNDICATION_CONTAINMENT))
    registry = getattr(context, "registry", None)
    articles = tables["articles"].copy()
    articles["event"] = event_of(articles)
    outlet_of = dict(zip(articles["article_id"], articles["outlet"].fillna("")))
    sentences = tables["sentences"].merge(articles[["article_id", "outlet", "event"]],
                                          on="article_id")
    sentences["outlet"] = sentences["outlet"].fillna("")
    quotes = _usable(tables, "quotes", ("article_id", "quote_id", "text", "speaker"))
    notes = []
    out = {"alignment": [], "syndication": [], "facts": [], "quote_matches": []}
    for event, event_articles in articles.groupby("event", sort=True):
        event_sentences = sentences[sentences["event"] == event]
        syndication, source_of = syndication_table(event_articles, event_sentences, event,
                                                   syndication_threshold)
        out["syndication"].append(syndication)
        out["alignment"].append(alignment_table(event_sentences, source_of, event, threshold))
        out["facts"].append(facts_table(event_sentences, registry, event))
        if quotes is not None:
            event_quotes = quotes[quotes["article_id"].isin(event_articles["article_id"])]
            out["quote_matches"].append(match_quotes(event_quotes, outlet_of, event))
        if len(event_articles) < 2:
            notes.append(("alignment", "partial", f"event {event!r} has one article: nothing to "
                          "compare it with; all its sentences are listed as unique"))
    columns = {"alignment": ALIGNMENT_COLUMNS, "syndication": SYNDICATION_COLUMNS,
               "facts": FACT_COLUMNS, "quote_matches": QUOTE_MATCH_COLUMNS}
    result = {name: _concat(frames, columns[name]) for name, frames in out.items()}
    if registry is None:
        notes.append(("facts", "partial", "no entity registry: only numbers, dates and "
                      "capitalised names were found"))
    if quotes is None:
        notes.append(("quote_matches", "missing", "no `quotes` table with article_id, quote_id, "
                      "text, speaker (analysis.attribution not run): quotes were not matched"))
    summary, summary_notes = summary_table(tables, result, articles)
    result["summary"] = summary
    notes += summary_notes
    notes.append(("alignment", "ok", f"threshold {threshold}, {len(articles)} article(s) in "
                  f"{articles['event'].nunique()} event(s)"))
    result["comparison_notes"] = pd.DataFrame(notes, columns=NOTE_COLUMNS)
    return result


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


__all__ = ["compare_corpus", "event_of", "SUMMARY_COLUMNS"]
