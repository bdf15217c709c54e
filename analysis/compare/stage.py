"""Cross-outlet comparison: what every outlet reports, what only one does, how a quote changes.

The corpus stage :func:`compare_pieces` runs per event (the manifest's ``event`` column; without
one the corpus is one event), a large event in blocks of consecutive articles
(:func:`comparison_blocks`), and writes ``syndication`` (near-copies) and ``stories`` (a story
and its copies, the earliest the original; :mod:`analysis.compare.syndication`), ``alignment``
(sentences matched across outlets, :mod:`analysis.compare.align`), ``facts``
(:mod:`analysis.compare.facts`), ``quote_matches`` (:mod:`analysis.compare.quote_matching`),
``summary`` (one row per outlet, :mod:`analysis.compare.summary`) and ``comparison_notes`` (what
could not be computed and why).
Nothing is invented when an upstream table is missing: the piece is left empty and a note says so.
:func:`compare_corpus` returns the same tables whole, in memory.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import json
import logging
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

import pandas as pd

from analysis.compare import tables as _tables  # noqa: F401 - registers the tables
from analysis.compare.align import (
    ALIGN_THRESHOLD,
    ALIGNMENT_COLUMNS,
    BlockAlignment,
    align_sentences,
)
from analysis.compare.facts import FACT_COLUMNS, facts_table
from analysis.compare.quote_matching import QUOTE_MATCH_COLUMNS, match_quotes
from analysis.compare.summary import SUMMARY_COLUMNS, ComparisonTotals, summary_table
from analysis.compare.syndication import (
    STORY_COLUMNS,
    SYNDICATION_COLUMNS,
    SYNDICATION_CONTAINMENT,
    copy_ids,
    republished_by,
    story_of,
    syndication_table,
)
from analysis.core.progress import bar
from analysis.core.settings import Compare
from analysis.core.writer import (
    Partitioned,
    collect,
    looked_up,
    read_columns,
    release_memory,
    table_columns,
)

log = logging.getLogger(__name__)

ALL_EVENTS = "all"  # event name used when the corpus has no `event` column (one event)
NOTE_COLUMNS = ["piece", "status", "message"]
# An event with more articles than this is compared in blocks of consecutive articles (publication
# date, then article id), each at most this size: alignment, syndication, facts' `n_outlets` and
# quote matching look within a block, so memory and time are bounded by the block, not by the
# event. 500 articles are about 10,000 sentences. Settable with ``params["compare_block_articles"]``
# (0 = never split).
BLOCK_ARTICLES = Compare.compare_block_articles  # 500
PIECE_ROWS = 20_000  # rows per piece handed to the writer
# rows of sentences (and quotes) read at a time while splitting them by block: a fixed number, so
# the split holds as much at 1,000 articles (21,000 sentences) as at 100,000 (with 65,536, the
# default batch, the split held three times more at 10,000 articles than at 1,000)
SPLIT_ROWS = 8_192
RELEASE_SENTENCES = 2_000  # after a block this large, freed memory is handed back to the system
ARTICLE_COLUMNS = ["article_id", "outlet", "title", "published", "n_words", "n_sentences", "event",
                   "language"]
SENTENCE_COLUMNS = ["article_id", "sentence_id", "role", "start", "end", "text"]
QUOTE_COLUMNS = ["article_id", "quote_id", "text", "speaker"]
TABLE_COLUMNS = {"alignment": ALIGNMENT_COLUMNS, "syndication": SYNDICATION_COLUMNS,
                 "stories": STORY_COLUMNS, "facts": FACT_COLUMNS,
                 "quote_matches": QUOTE_MATCH_COLUMNS}


def event_of(articles: pd.DataFrame) -> pd.Series:
    """Each article's event; every article is in event ``all`` when the corpus names none."""
    if "event" not in articles:
        return pd.Series(ALL_EVENTS, index=articles.index)
    events = articles["event"].fillna("").astype(str).str.strip()
    return events.where(events != "", ALL_EVENTS)


def comparison_blocks(articles: pd.DataFrame, max_articles: int = BLOCK_ARTICLES) -> pd.Series:
    """Each article's comparison block (0, 1, ...): its event, or a part of a large event.

    Events are numbered in name order. An event of more than ``max_articles`` articles is cut, in
    order of publication date (undated last) then article id, into blocks of consecutive articles
    of at most ``max_articles`` (see :func:`block_starts`): where it is cut depends on the articles
    around the cut, not on how many articles come before, so adding articles to a large event
    changes the blocks they land in and keeps the others (whose cached results are reused).
    ``max_articles`` <= 0 never cuts.

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
            ["undated", "published", "article_id"], kind="stable")
        starts = (block_starts(order["article_id"].tolist(), max_articles)
                  if 0 < max_articles < len(order) else [0])
        ends = starts[1:] + [len(order)]
        for k, (begin, end) in enumerate(zip(starts, ends)):
            blocks[order.index[begin:end]] = next_block + k
        next_block += len(starts)
    return blocks


def block_starts(article_ids: list[str], max_articles: int) -> list[int]:
    """Where the blocks of an ordered list of articles start (positions; the first is 0).

    Content-defined cutting, as in rsync or LBFS: a block ends after an *anchor* article (one whose
    id hashes to 0 modulo ``max_articles // 4``) once it has ``max_articles // 2`` articles, and
    at ``max_articles`` in any case. A block thus holds 1/2 to 1 times ``max_articles`` (about 0.7
    on average), and inserting or removing an article moves the cuts of its own block and at most
    the next ones up to an anchor, not the cuts of the whole list. A last block shorter than the
    minimum joins the one before when both fit in ``max_articles``, else the two share their
    articles evenly.
    """
    least = max(2, max_articles // 2)
    modulus = max(1, max_articles // 4)
    starts, size = [0], 0
    for k, article_id in enumerate(article_ids[:-1]):
        size += 1
        if size >= max_articles or (size >= least and _anchor(article_id) % modulus == 0):
            starts.append(k + 1)
            size = 0
    if len(starts) > 1 and len(article_ids) - starts[-1] < least:  # a short last block:
        both = len(article_ids) - starts[-2]
        if both <= max_articles:
            starts.pop()  # joins the one before
        else:
            starts[-1] = starts[-2] + both // 2  # or the two share their articles evenly
    return starts


def _anchor(article_id: str) -> int:
    """A stable 64-bit hash of an article id (the same in every process and Python version)."""
    return int.from_bytes(hashlib.blake2b(article_id.encode(), digest_size=8).digest(), "big")


def _usable_columns(tables, name: str, needed: list[str]) -> bool:
    return set(needed) <= set(table_columns(tables, name) or ())


def compare_corpus(tables: dict[str, pd.DataFrame], context) -> dict[str, pd.DataFrame]:
    """Corpus stage, in memory: every comparison table (see :func:`compare_pieces`) whole."""
    return {name: frame[TABLE_COLUMNS[name]] if name in TABLE_COLUMNS else frame
            for name, frame in collect(compare_pieces(tables, context)).items()}


def compare_pieces(tables, context) -> Iterator[tuple[str, pd.DataFrame]]:
    """Corpus stage: ``(table, rows)`` pieces of the comparison tables, block by block.

    Sentences and quotes are read once and split by block (:class:`~analysis.core.writer.Partitioned`),
    so one block is in memory at a time; the summary adds up per-outlet totals block by block.
    With a cache in ``context.cache``, a block whose inputs, options and code are unchanged reuses
    its tables (:func:`block_key`). Every table is yielded at least once (possibly empty);
    ``summary`` and ``comparison_notes`` come last.
    """
    params = getattr(getattr(context, "options", None), "params", {}) or {}
    threshold = float(params.get("align_threshold", ALIGN_THRESHOLD))
    syndication_threshold = float(params.get("syndication_threshold", SYNDICATION_CONTAINMENT))
    max_articles = int(params.get("compare_block_articles", BLOCK_ARTICLES))
    registry = getattr(context, "registry", None)
    cache = getattr(context, "cache", None)
    columns = [c for c in ARTICLE_COLUMNS if c in (table_columns(tables, "articles") or ())]
    articles = read_columns(tables, "articles", columns)
    articles["event"] = event_of(articles)
    articles["block"] = comparison_blocks(articles, max_articles)
    outlet_of = dict(zip(articles["article_id"], articles["outlet"].fillna("")))
    block_of = dict(zip(articles["article_id"], articles["block"]))
    n_blocks_all = articles["block"].nunique()
    quotes_ok = _usable_columns(tables, "quotes", QUOTE_COLUMNS)
    notes, totals = [], ComparisonTotals()
    with contextlib.ExitStack() as stack:
        sentences_of = stack.enter_context(Partitioned(tables, "sentences", block_of,
                                                       SENTENCE_COLUMNS, SPLIT_ROWS))
        quotes_of = (stack.enter_context(Partitioned(tables, "quotes", block_of, QUOTE_COLUMNS,
                                                     SPLIT_ROWS))
                     if quotes_ok else None)
        release_memory()  # reading and splitting the tables left freed batches behind
        shown = stack.enter_context(bar("comparison blocks", "block",
                                        bool(getattr(context, "progress", False)),
                                        total=n_blocks_all))

        def blocks() -> Iterator[_Block]:
            for event, event_articles in articles.groupby("event", sort=True):
                n_blocks = event_articles["block"].nunique()
                if n_blocks > 1:
                    notes.append(("alignment", "partial", f"event {event!r} has "
                                  f"{len(event_articles):,} articles: compared in {n_blocks} "
                                  f"blocks of at most {max_articles} consecutive articles "
                                  "(publication order); pairs in different blocks are not "
                                  "compared, and facts' n_outlets counts within a block"))
                if len(event_articles) < 2:
                    notes.append(("alignment", "partial", f"event {event!r} has one article: "
                                  "nothing to compare it with; all its sentences are listed as "
                                  "unique"))
                for block, block_articles in event_articles.groupby("block", sort=True):
                    sentences = sentences_of[block].assign(
                        outlet=lambda f: looked_up(f["article_id"], outlet_of, ""), event=event)
                    quotes = quotes_of[block] if quotes_of is not None else None
                    key = (block_key(cache, context, event, block_articles, sentences, quotes)
                           if cache is not None else None)
                    found = cache.get_result(key) if key else None
                    log.info("event %r, block %s: %d article(s), %s", event, block,
                             len(block_articles), "from the cache" if found is not None
                             else "computed")
                    yield _Block(event, block_articles, sentences, quotes, key, found)

        settings = (threshold, syndication_threshold)
        jobs = int(getattr(context, "jobs", 1) or 1) if n_blocks_all > 1 else 1
        for task, found in stack.enter_context(_Computed(blocks(), settings, outlet_of, registry,
                                                         jobs)):
            if task.found is None and task.key:
                cache.put_result(task.key, found)
            alignment = BlockAlignment(task.sentences, found["alignment"],
                                       story_of(found["stories"]), task.event)
            totals.add(alignment, found["facts"], found.get("quote_matches"),
                       found["syndication"], outlet_of, stories=found["stories"])
            for name, frame in found.items():
                if name == "alignment":  # rows made a slice at a time from the pairs
                    yield from ((name, piece) for piece in alignment.pieces(PIECE_ROWS))
                else:
                    yield from _in_pieces(name, frame)
            n_sentences = len(task.sentences)
            del found, alignment, task
            shown.update(1)
            if n_sentences >= RELEASE_SENTENCES:
                release_memory()
    for name, columns in TABLE_COLUMNS.items():  # every table at least once, typed by the writer
        yield name, pd.DataFrame(columns=columns)
    if registry is None:
        notes.append(("facts", "partial", "no entity registry: only numbers, dates and "
                      "capitalised names were found"))
    if not quotes_ok:
        notes.append(("quote_matches", "missing", "no `quotes` table with article_id, quote_id, "
                      "text, speaker (analysis.attribution.extract not run): quotes were not matched"))
    summary, summary_notes = summary_table(tables, totals, articles)
    notes += summary_notes
    notes.append(("alignment", "ok", f"threshold {threshold}, {len(articles)} article(s) in "
                  f"{articles['event'].nunique()} event(s), {n_blocks_all} "
                  "comparison block(s)"))
    yield "summary", summary
    yield "comparison_notes", pd.DataFrame(notes, columns=NOTE_COLUMNS)


def _in_pieces(name: str, frame: pd.DataFrame) -> Iterator[tuple[str, pd.DataFrame]]:
    """``(name, rows)`` in slices of at most :data:`PIECE_ROWS` rows: the writer's copies of a
    piece (typed frame, CSV text, Arrow batch) stay small however many rows a block has."""
    for start in range(0, max(1, len(frame)), PIECE_ROWS):
        yield name, frame.iloc[start:start + PIECE_ROWS]


@dataclass
class _Block:
    """One comparison block on its way: its inputs, cache key and cached tables (None: compute)."""

    event: str
    articles: pd.DataFrame
    sentences: pd.DataFrame
    quotes: pd.DataFrame | None
    key: str | None
    found: dict | None


_WORKER: dict = {}  # in a block worker: the run's entity registry


def _start_block_worker(registry) -> None:
    from analysis.core.processes import die_with_parent

    die_with_parent()
    _WORKER["registry"] = registry


def _compare_block_in_worker(articles, sentences, quotes, outlet_of, event, threshold,
                             syndication_threshold) -> dict[str, pd.DataFrame]:
    return _compare_block(articles, sentences, quotes, outlet_of, event, threshold,
                          syndication_threshold, _WORKER.get("registry"))


class _Computed:
    """``(block, tables)`` for every block of ``blocks``, in their order: cached tables as they
    are, the others computed here (``jobs`` 1) or on ``jobs`` worker processes, at most
    ``2 * jobs`` blocks ahead (blocks are independent: the tables are the same either way, and
    memory holds a few blocks, not the corpus).

    Workers start from a ``forkserver`` (a clean process: nothing of this one, where Arrow's
    threads run, is forked) on the first block to compute, and stop when the context closes.
    Each block gets only its own articles' outlets."""

    def __init__(self, blocks: Iterator[_Block], settings: tuple[float, float],
                 outlet_of: dict[str, str], registry, jobs: int):
        self.blocks, self.settings, self.outlet_of = blocks, settings, outlet_of
        self.registry, self.jobs = registry, max(1, jobs)
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> _Computed:
        return self

    def __exit__(self, kind, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=kind is None, cancel_futures=kind is not None)

    def _submit(self, block: _Block) -> Future:
        if self.pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([__name__])
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=context,
                                            initializer=_start_block_worker,
                                            initargs=(self.registry,))
        outlets = {a: self.outlet_of[a] for a in block.articles["article_id"] if a in self.outlet_of}
        return self.pool.submit(_compare_block_in_worker, block.articles, block.sentences,
                                block.quotes, outlets, block.event, *self.settings)

    def _done(self, block: _Block, future: Future | None) -> tuple[_Block, dict]:
        if block.found is not None:
            return block, block.found
        if future is not None:
            return block, future.result()
        return block, _compare_block(block.articles, block.sentences, block.quotes,
                                     self.outlet_of, block.event, *self.settings, self.registry)

    def __iter__(self) -> Iterator[tuple[_Block, dict]]:
        pending: collections.deque = collections.deque()
        for block in self.blocks:
            future = (self._submit(block) if self.jobs > 1 and block.found is None else None)
            pending.append((block, future))
            while len(pending) > 2 * self.jobs or pending and pending[0][1] is None:
                yield self._done(*pending.popleft())
        while pending:
            yield self._done(*pending.popleft())


def _compare_block(articles, sentences, quotes, outlet_of, event, threshold,
                   syndication_threshold, registry) -> dict[str, pd.DataFrame]:
    """The comparison tables of one block (``sentences`` with ``outlet``; ``quotes`` None when the
    corpus has no usable quotes table), except that ``alignment`` holds only the scored pairs
    (:func:`~analysis.compare.align.align_sentences`, numbers): its rows are made from them and
    the block's sentences a slice at a time (:class:`~analysis.compare.align.BlockAlignment`), so
    neither the block's alignment rows nor the cached value hold every pair's text."""
    syndication, stories = syndication_table(articles, sentences, event, syndication_threshold,
                                             registry)
    copies = copy_ids(stories)
    language_of = (dict(zip(articles["article_id"], articles["language"].fillna("")))
                   if "language" in articles else {})
    found = {"syndication": syndication, "stories": stories,
             "alignment": align_sentences(sentences["text"].tolist(),
                                          sentences["article_id"].tolist(), threshold),
             "facts": facts_table(sentences, registry, event, language_of, copies)}
    if quotes is not None:  # one article per story: a match between copies is not drift
        found["quote_matches"] = match_quotes(quotes[~quotes["article_id"].isin(copies)],
                                              outlet_of, event, republished_by(stories))
    return found


def block_key(cache, context, event: str, articles: pd.DataFrame, sentences: pd.DataFrame,
              quotes: pd.DataFrame | None) -> str:
    """Cache key of one comparison block: a digest of everything its tables depend on, namely its
    articles (without the block number, which shifts when other events change), sentences and
    quotes, the event name, the options (thresholds, registry contents) and the code."""
    from analysis.core.cache import frame_digest, options_key

    digest = hashlib.sha256(json.dumps(["compare-block", cache.code, options_key(context.options),
                                        event, quotes is None]).encode())
    for frame in (articles.drop(columns=["block"]), sentences, quotes):
        if frame is not None:
            digest.update(frame_digest(frame.reset_index(drop=True)))
    return digest.hexdigest()


__all__ = ["block_starts", "compare_corpus", "compare_pieces", "comparison_blocks", "event_of",
           "SUMMARY_COLUMNS"]
