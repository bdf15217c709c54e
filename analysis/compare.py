"""Cross-outlet comparison: what every outlet reports, what only one does, how a quote changes.

The corpus stage :func:`compare_pieces` runs per event (the manifest's ``event`` column; without
one the corpus is one event), a large event in blocks of consecutive articles
(:func:`comparison_blocks`), and writes ``syndication`` (near-copies, :mod:`analysis.syndication`),
``alignment`` (sentences matched across outlets, :mod:`analysis.align`), ``facts``
(:mod:`analysis.facts`), ``quote_matches`` (:mod:`analysis.quotematch`), ``summary`` (one row per
outlet, :mod:`analysis.summary`) and ``comparison_notes`` (what could not be computed and why).
Nothing is invented when an upstream table is missing: the piece is left empty and a note says so.
:func:`compare_corpus` returns the same tables whole, in memory.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pandas as pd

from analysis import comparison_tables  # noqa: F401 - registers the tables
from analysis.align import ALIGN_THRESHOLD, ALIGNMENT_COLUMNS, alignment_table
from analysis.facts import FACT_COLUMNS, facts_table
from analysis.quotematch import QUOTE_MATCH_COLUMNS, match_quotes
from analysis.summary import SUMMARY_COLUMNS, ComparisonTotals, summary_table
from analysis.syndication import SYNDICATION_COLUMNS, SYNDICATION_CONTAINMENT, syndication_table
from analysis.writer import Partitioned, collect, read_columns, table_columns

ALL_EVENTS = "all"  # event name used when the corpus has no `event` column (one event)
NOTE_COLUMNS = ["piece", "status", "message"]
# An event with more articles than this is compared in blocks of consecutive articles (publication
# date, then article id), each at most this size: alignment, syndication, facts' `n_outlets` and
# quote matching look within a block, so memory and time are bounded by the block, not by the
# event. 500 articles are about 10,000 sentences. Settable with ``params["compare_block_articles"]``
# (0 = never split).
BLOCK_ARTICLES = 500
ARTICLE_COLUMNS = ["article_id", "outlet", "title", "published", "n_words", "n_sentences", "event"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "role", "start", "end", "text"]
QUOTE_COLUMNS = ["article_id", "quote_id", "text", "speaker"]
TABLE_COLUMNS = {"alignment": ALIGNMENT_COLUMNS, "syndication": SYNDICATION_COLUMNS,
                 "facts": FACT_COLUMNS, "quote_matches": QUOTE_MATCH_COLUMNS}


def event_of(articles: pd.DataFrame) -> pd.Series:
    """Each article's event; every article is in event ``all`` when the corpus names none."""
    if "event" not in articles:
        return pd.Series(ALL_EVENTS, index=articles.index)
    events = articles["event"].fillna("").astype(str).str.strip()
    return events.where(events != "", ALL_EVENTS)


def comparison_blocks(articles: pd.DataFrame, max_articles: int = BLOCK_ARTICLES) -> pd.Series:
    """Each article's comparison block (0, 1, ...): its event, or a part of a large event.

    Events are numbered in name order. An event of more than ``max_articles`` articles is cut, in
    order of publication date (undated last) then article id, into the fewest blocks of at most
    ``max_articles`` articles, of near-equal size. ``max_articles`` <= 0 never cuts.

    Args:
        articles: ``article_id``, ``event`` and, when known, ``published``.

    Returns:
        Block numbers indexed like ``articles``.
    """
    blocks = pd.Series(0, index=articles.index, dtype=int)
    published = (articles["published"].fillna("").astype(str) if "published" in articles
                 else pd.Series("", index=articles.index))
    next_block = 0
    for _, event in articles.groupby("event", sort=True):
        order = pd.DataFrame({"undated": published[event.index] == "",
                              "published": published[event.index],
                              "article_id": event["article_id"].astype(str)}).sort_values(
            ["undated", "published", "article_id"], kind="stable").index
        n_blocks = 1 if max_articles <= 0 else max(1, -(-len(order) // max_articles))
        size, extra = divmod(len(order), n_blocks)
        begin = 0
        for k in range(n_blocks):
            end = begin + size + (k < extra)
            blocks[order[begin:end]] = next_block + k
            begin = end
        next_block += n_blocks
    return blocks


def _usable_columns(tables, name: str, needed: list[str]) -> bool:
    return set(needed) <= set(table_columns(tables, name) or ())


def compare_corpus(tables: dict[str, pd.DataFrame], context) -> dict[str, pd.DataFrame]:
    """Corpus stage, in memory: every comparison table (see :func:`compare_pieces`) whole."""
    return {name: frame[TABLE_COLUMNS[name]] if name in TABLE_COLUMNS else frame
            for name, frame in collect(compare_pieces(tables, context)).items()}


def compare_pieces(tables, context) -> Iterator[tuple[str, pd.DataFrame]]:
    """Corpus stage: ``(table, rows)`` pieces of the comparison tables, block by block.

    Sentences and quotes are read once and split by block (:class:`~analysis.writer.Partitioned`),
    so one block is in memory at a time; the summary adds up per-outlet totals block by block.
    Every table is yielded at least once (possibly empty); ``summary`` and ``comparison_notes``
    come last.
    """
    params = getattr(getattr(context, "options", None), "params", {}) or {}
    threshold = float(params.get("align_threshold", ALIGN_THRESHOLD))
    syndication_threshold = float(params.get("syndication_threshold", SYNDICATION_CONTAINMENT))
    max_articles = int(params.get("compare_block_articles", BLOCK_ARTICLES))
    registry = getattr(context, "registry", None)
    columns = [c for c in ARTICLE_COLUMNS if c in (table_columns(tables, "articles") or ())]
    articles = read_columns(tables, "articles", columns)
    articles["event"] = event_of(articles)
    articles["block"] = comparison_blocks(articles, max_articles)
    outlet_of = dict(zip(articles["article_id"], articles["outlet"].fillna("")))
    block_of = dict(zip(articles["article_id"], articles["block"]))
    quotes_ok = _usable_columns(tables, "quotes", QUOTE_COLUMNS)
    notes, totals = [], ComparisonTotals()
    with contextlib.ExitStack() as stack:
        sentences_of = stack.enter_context(Partitioned(tables, "sentences", block_of, SENTENCE_COLUMNS))
        quotes_of = (stack.enter_context(Partitioned(tables, "quotes", block_of, QUOTE_COLUMNS))
                     if quotes_ok else None)
        for event, event_articles in articles.groupby("event", sort=True):
            n_blocks = event_articles["block"].nunique()
            if n_blocks > 1:
                notes.append(("alignment", "partial", f"event {event!r} has {len(event_articles):,} "
                              f"articles: compared in {n_blocks} blocks of at most {max_articles} "
                              "consecutive articles (publication order); pairs in different blocks "
                              "are not compared, and facts' n_outlets counts within a block"))
            if len(event_articles) < 2:
                notes.append(("alignment", "partial", f"event {event!r} has one article: nothing to "
                              "compare it with; all its sentences are listed as unique"))
            for block, block_articles in event_articles.groupby("block", sort=True):
                found = _compare_block(block_articles, sentences_of[block], quotes_of, block,
                                       outlet_of, event, threshold, syndication_threshold, registry)
                totals.add(found.pop("_sentences"), found["alignment"], found["facts"],
                           found.get("quote_matches"), found["syndication"], outlet_of)
                yield from found.items()
    for name, columns in TABLE_COLUMNS.items():  # every table at least once, typed by the writer
        yield name, pd.DataFrame(columns=columns)
    if registry is None:
        notes.append(("facts", "partial", "no entity registry: only numbers, dates and "
                      "capitalised names were found"))
    if not quotes_ok:
        notes.append(("quote_matches", "missing", "no `quotes` table with article_id, quote_id, "
                      "text, speaker (analysis.attribution not run): quotes were not matched"))
    summary, summary_notes = summary_table(tables, totals, articles)
    notes += summary_notes
    notes.append(("alignment", "ok", f"threshold {threshold}, {len(articles)} article(s) in "
                  f"{articles['event'].nunique()} event(s), {articles['block'].nunique()} "
                  "comparison block(s)"))
    yield "summary", summary
    yield "comparison_notes", pd.DataFrame(notes, columns=NOTE_COLUMNS)


def _compare_block(articles, sentences, quotes_of, block, outlet_of, event, threshold,
                   syndication_threshold, registry) -> dict[str, pd.DataFrame]:
    """The comparison tables of one block, plus its sentences (with outlet) as ``_sentences``."""
    sentences = sentences.assign(outlet=sentences["article_id"].map(outlet_of).fillna(""),
                                 event=event)
    syndication, source_of = syndication_table(articles, sentences, event, syndication_threshold)
    found = {"syndication": syndication,
             "alignment": alignment_table(sentences, source_of, event, threshold),
             "facts": facts_table(sentences, registry, event)}
    if quotes_of is not None:
        found["quote_matches"] = match_quotes(quotes_of[block], outlet_of, event)
    found["_sentences"] = sentences
    return found


__all__ = ["compare_corpus", "compare_pieces", "comparison_blocks", "event_of", "SUMMARY_COLUMNS"]
