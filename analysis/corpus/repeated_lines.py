"""Corpus evidence for boilerplate: lines that recur in several articles of the same outlet.

Menus, footers, sign-up boxes and "Follow us on ..." lines are printed around every article of an
outlet; the article text is not. Counting, per outlet, how many articles carry each line finds
that furniture without any outlet-specific pattern. The count is attached to each article
(metadata ``_repeated_lines``, so the per-article cache key changes when the evidence does) and
cleaning removes those lines with rule ``repeated_line``, logging the number of articles.

Only short lines are counted: an outlet's follow-up stories may repeat a long background
paragraph, which is body text (recall first).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator

# A line is boilerplate when at least this many articles of the outlet carry it ("several": two
# articles can share a quoted sentence or a correction; three identical lines in three different
# stories of one outlet are template). Not measured: the development pages come from 90 different
# sites; a judgement to revisit on a scrape with many articles per outlet.
REPEAT_MIN_ARTICLES = 3
# ... and at least this share of the outlet's articles (template lines are on most pages of a
# site; a line in 3 of 200 articles of one outlet is more likely a shared quote). Judgement.
REPEAT_MIN_SHARE = 0.2
# Lines longer than this (characters) are never counted: template lines are short; a long line
# shared by several stories is a background paragraph. Judgement: 200 is the headline limit
# of analysis.corpus.clean (TITLE_MAX_CHARS).
REPEAT_MAX_CHARS = 200
EVIDENCE_KEY = "_repeated_lines"
# Corpora up to this many items are kept in memory between the counting pass and the cleaning
# pass instead of being read twice (an HTML page read twice is extracted twice). Judgement: a
# loaded article is its text and metadata, 10-50 KB for a page's visible text, so 2,000 are
# 20-100 MB at most; larger corpora are streamed twice, so memory stays flat in corpus size.
REUSE_MAX_ITEMS = 2000


def line_key(text: str) -> str:
    """A line as compared across articles: whitespace collapsed, case folded."""
    return " ".join(text.split()).casefold()


def article_keys(text: str) -> set[str]:
    """The distinct keys of an article's countable lines (non-blank, at most REPEAT_MAX_CHARS)."""
    keys = set()
    for line in text.splitlines():
        key = line_key(line)
        if key and len(key) <= REPEAT_MAX_CHARS:
            keys.add(key)
    return keys


def count_lines(articles: Iterable) -> tuple[Counter, Counter]:
    """``(lines, articles)``: per ``hash((outlet, key))`` the number of articles carrying the line,
    and per outlet its number of articles. Articles without an outlet are not counted."""
    lines: Counter = Counter()
    per_outlet: Counter = Counter()
    for article in articles:
        _count(article, lines, per_outlet)
    return lines, per_outlet


def _count(article, lines: Counter, per_outlet: Counter) -> None:
    outlet = _outlet_of(article)
    if outlet:
        per_outlet[outlet] += 1
        lines.update(hash((outlet, key)) for key in article_keys(article.text))


def repeated_in(article, lines: Counter, per_outlet: Counter) -> dict[str, int]:
    """``{line_key: n_articles}`` of the article's lines that are boilerplate by corpus evidence."""
    outlet = _outlet_of(article)
    if not outlet:
        return {}
    needed = max(REPEAT_MIN_ARTICLES, REPEAT_MIN_SHARE * per_outlet[outlet])
    found = {}
    for key in article_keys(article.text):
        count = lines.get(hash((outlet, key)), 0)
        if count >= needed:
            found[key] = count
    return found


def frequent(lines: Counter) -> Counter:
    """The counts of ``lines`` that can make a line boilerplate (at least
    :data:`REPEAT_MIN_ARTICLES` articles): the others are never looked up with effect, and
    dropping them keeps what the second pass holds small (at 10,000 synthetic articles, 31,071
    counted lines; most are in one or two articles)."""
    return Counter({key: n for key, n in lines.items() if n >= REPEAT_MIN_ARTICLES})


def with_repeated_lines(read: Callable[[], Iterable]) -> Iterator:
    """The items of ``read()`` with the repeated-line evidence attached to each article.

    One pass counts, a second yields. A corpus of at most :data:`REUSE_MAX_ITEMS` items is kept
    from the first pass (no second read, no second HTML extraction); a larger one is streamed
    again by calling ``read`` a second time, so it is never held whole. Nothing is attached when
    no outlet has ``REPEAT_MIN_ARTICLES`` articles.
    """
    kept: list | None = []
    lines: Counter = Counter()
    per_outlet: Counter = Counter()
    for item in read():
        if kept is not None:
            kept.append(item)
            if len(kept) > REUSE_MAX_ITEMS:
                kept = None
        if hasattr(item, "text"):
            _count(item, lines, per_outlet)
    items = kept if kept is not None else read()
    lines = frequent(lines)
    if not per_outlet or max(per_outlet.values()) < REPEAT_MIN_ARTICLES:
        yield from items
        return
    for item in items:
        if hasattr(item, "text"):
            found = repeated_in(item, lines, per_outlet)
            if found:
                item.metadata[EVIDENCE_KEY] = found
        yield item


def _outlet_of(article) -> str:
    return str(article.metadata.get("outlet", "")).strip()
