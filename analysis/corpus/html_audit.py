"""The audit of HTML extraction: which visible lines of a page the extractor kept, line by line.

A saved page is read twice: its visible text (html-text, the layout a browser's "select all,
copy" gives: one block per line) and the article trafilatura extracts. The article is then the
visible lines the extraction covers, verbatim; every other visible line is logged as left out
(rule ``html_extraction``), so an HTML article's ``cleaning_log`` is as complete as a text
article's, and the headline stays its own line instead of being glued to the first paragraph.

Matching is by word shingles, not by string equality: extractors and html-text join inline
elements and normalise spaces differently.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 3  # words per shingle when measuring how much of the extraction the lines hold
# Matching runs shorter than this (words) are chance agreements of common words, unless the
# run is a whole short line ("How to retire early" as a subheading).
MIN_RUN = 3
# A visible line is kept when at least this share of its shingles is in the extraction (half:
# a line the extractor kept shares nearly all of them, one it left out nearly none; measured on
# the development half of the cleaning benchmark: 0.3 gives HTML F1 0.947, 0.5 0.947, 0.7 0.948).
MIN_LINE_COVERAGE = 0.5
# When the kept visible lines hold less than this share of the extraction's shingles, the two
# texts do not line up (text the browser does not show, tables rendered differently, scripts
# without word spaces): the extraction itself is used, with a warning. Measured on the
# development half: 0.8 leaves 4 of 90 pages unaudited, 0.7 one; HTML F1 0.963 with either.
MIN_AUDIT_COVERAGE = 0.7


def visible_text(html: str) -> str:
    """The text a browser shows for ``html``, one block per line (html-text, layout guessed)."""
    import html_text

    return html_text.extract_text(html, guess_layout=True)


def shingles(text: str) -> set[tuple[str, ...]]:
    """The lower-cased word shingles of ``text``; a text shorter than a shingle is one."""
    tokens = [t.lower() for t in TOKEN.findall(text)]
    if len(tokens) <= SHINGLE:
        return {tuple(tokens)} if tokens else set()
    return {tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def kept_lines(visible: list[str], extracted: str) -> list[bool]:
    """For each visible line, whether the extraction holds it (blank lines: False).

    The two word sequences are aligned in order (difflib), so a visible line that repeats the
    article's words elsewhere on the page (a summary box, a teaser) is not matched twice.
    """
    words, owner = [], []
    for index, line in enumerate(visible):
        for token in TOKEN.findall(line.lower()):
            words.append(token)
            owner.append(index)
    wanted = [t.lower() for t in TOKEN.findall(extracted)]
    matched = [0] * len(visible)
    matcher = SequenceMatcher(None, words, wanted, autojunk=False)
    sizes = [len(TOKEN.findall(line)) for line in visible]
    for block in matcher.get_matching_blocks():
        if block.size < MIN_RUN and not _whole_line(block, owner, sizes):
            continue
        for position in range(block.a, block.a + block.size):
            matched[owner[position]] += 1
    return [size > 0 and matched[i] / size >= MIN_LINE_COVERAGE for i, size in enumerate(sizes)]


def _whole_line(block, owner: list[int], sizes: list[int]) -> bool:
    """Whether a matching block is exactly one whole visible line."""
    if not block.size:
        return False
    first, last = owner[block.a], owner[block.a + block.size - 1]
    starts = block.a == 0 or owner[block.a - 1] != first
    return first == last and starts and sizes[first] == block.size


def coverage(visible: list[str], marks: list[bool], extracted: str) -> float:
    """Share of the extraction's shingles present in the kept visible lines, 0-1."""
    wanted = shingles(extracted)
    if not wanted:
        return 1.0
    kept = set().union(*(shingles(line) for line, mark in zip(visible, marks) if mark))
    return len(wanted & kept) / len(wanted)


def audit(html: str, extracted: str) -> tuple[str, list[int]] | None:
    """``(visible text, 1-based numbers of the visible lines left out)``, or None when the
    extraction does not line up with the visible text (see :data:`MIN_AUDIT_COVERAGE`)."""
    text = visible_text(html)
    lines = text.splitlines()
    marks = kept_lines(lines, extracted)
    if coverage(lines, marks, extracted) < MIN_AUDIT_COVERAGE:
        return None
    left_out = [n for n, (line, mark) in enumerate(zip(lines, marks), start=1)
                if line.strip() and not mark]
    return text, left_out
