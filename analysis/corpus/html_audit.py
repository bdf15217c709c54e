"""The audit of HTML extraction: which visible lines of a page the extractor kept, line by line.

A saved page is read twice: its visible text (html-text, the layout a browser's "select all,
copy" gives: one block per line) and the article trafilatura extracts. The article is then the
visible lines the extraction covers, verbatim; every other visible line is logged as left out
(rule ``html_extraction``), so an HTML article's ``cleaning_log`` is as complete as a text
article's, and the headline stays its own line instead of being glued to the first paragraph.

Matching is by word shingles, not by string equality: extractors and html-text join inline
elements and normalise spaces differently.

The page's structure, which a text copy loses, then corrects the extractor in two general ways
(:func:`structure_votes`): the page's blocks come from jusText's own paragraph maker (its HTML
mode: one block per block element, with the share of its characters inside links and whether it
is in a ``<blockquote>``), each visible line found in the block holding its words. A line the
extractor kept whose block is mostly link text and that has no sentence end is another story's
headline in a link list
(rule ``link_headline``); a line it left out that sits in a ``<blockquote>`` between the first
and the last line it kept is a quotation in the article (an embedded post, a pull quote) and is
restored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import accumulate

from analysis.corpus.boilerplate import SENTENCE_END

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
# A kept line whose block has at least this share of its characters in links (jusText's link
# density) and no sentence end is a headline in a link list (``link_headline``). Measured on the
# development half of the cleaning benchmark (HTML F1 with the blockquote restoration): 0.5 0.9719,
# 0.6 0.9720, 0.7 0.9720, 0.8 0.9718, 0.9 0.9702 (without the rule 0.9682); 0.7 is the middle of
# the plateau. jusText's own cut for a good paragraph is 0.2; a headline that is a link is ~1.0.
LINK_HEADLINE_DENSITY = 0.7


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


@dataclass(frozen=True)
class Block:
    """A block element of the page as jusText's paragraph maker sees it."""

    text: str
    link_density: float  # share of its characters inside <a>, 0-1 (jusText's ``links_density``)
    quoted: bool  # inside a <blockquote>


def page_blocks(html: str) -> list[Block]:
    """The page's blocks, in order: jusText's HTML preprocessing and paragraph maker (no
    classification, so no stoplist is needed)."""
    from justext.core import html_to_dom, preprocessor

    try:
        dom = preprocessor(html_to_dom(html.encode("utf-8"), "utf8", "utf8", "replace"))
    except Exception:  # noqa: BLE001 - an unparsable page simply gets no structure votes
        return []
    return [Block(p.text, p.links_density(), p.quoted) for p in _block_maker().make_paragraphs(dom)]


@lru_cache(maxsize=1)
def _block_maker():
    """jusText's ``ParagraphMaker`` whose paragraphs record only whether they are inside a
    ``<blockquote>``: jusText builds two path strings for every paragraph it opens (about 600 per
    page, most of them empty), which was half of the time this step took."""
    from justext.core import ParagraphMaker
    from justext.paragraph import Paragraph

    class QuotedParagraph(Paragraph):
        def __init__(self, path):  # noqa: D107 - Paragraph's fields, the path reduced to a flag
            self.quoted = any(element[0] == "blockquote" for element in path._elements)
            self.text_nodes = []
            self.chars_count_in_links = 0
            self.tags_count = 0
            self.class_type = ""

    class BlockMaker(ParagraphMaker):
        paragraph: Paragraph | None

        def _start_new_pragraph(self):  # jusText's own spelling
            if self.paragraph and self.paragraph.contains_text():
                self.paragraphs.append(self.paragraph)
            self.paragraph = QuotedParagraph(self.path)

    return BlockMaker


def line_blocks(visible: list[str], blocks: list[Block],
                wanted: set[int] | None = None) -> list[Block | None]:
    """For each visible line (of ``wanted`` indices, all by default), the block that holds it:
    the next block, in page order, whose words contain the line's words, or (a line that runs
    over two blocks) its first or last half; None when no block holds it.

    Words are compared lower-cased (html-text and jusText space inline elements differently).
    A substring search from where the previous line was found, not an alignment of the two word
    sequences: an alignment (difflib) cost about 9 ms per page, against 1-2, for the same HTML F1
    on the development half of the cleaning benchmark (the votes differ on two lines in 90 pages)."""
    keys = [" " + " ".join(TOKEN.findall(block.text.lower())) + " " for block in blocks]
    joined = "\n".join(keys)
    starts = list(accumulate((len(key) + 1 for key in keys), initial=0))
    found: list[Block | None] = []
    cursor = 0
    for index, line in enumerate(visible):
        tokens = TOKEN.findall(line.lower())
        if not tokens or (wanted is not None and index not in wanted):
            found.append(None)
            continue
        half = (len(tokens) + 1) // 2
        position = -1
        for part in (tokens, tokens[:half], tokens[-half:]):
            key = " " + " ".join(part) + " "
            position = joined.find(key, cursor)
            if position < 0:
                position = joined.find(key)
            if position >= 0:
                break
        if position < 0:
            found.append(None)
            continue
        cursor = position
        found.append(blocks[bisect_right(starts, position) - 1])
    return found


def structure_votes(visible: list[str], marks: list[bool],
                    blocks: list[Block]) -> tuple[set[int], set[int]]:
    """``(restored, link_headlines)``: 0-based indices of left-out lines in a blockquote between
    the first and the last kept line, and of kept lines that are link headlines (see
    :data:`LINK_HEADLINE_DENSITY`). Measured on the development half of the cleaning benchmark:
    HTML F1 0.966 -> 0.968 with the blockquotes alone, 0.969 with the link headlines alone, 0.972
    with both (each half of the pages gains)."""
    kept = [i for i, mark in enumerate(marks) if mark]
    if not kept or not blocks:
        return set(), set()
    wanted = {i for i, mark in enumerate(marks) if mark or kept[0] < i < kept[-1]}
    found = line_blocks(visible, blocks, wanted)
    restored, headlines = set(), set()
    for i, block in enumerate(found):
        if block is None or not visible[i].strip():
            continue
        if not marks[i] and kept[0] < i < kept[-1] and block.quoted:
            restored.add(i)
        elif (marks[i] and block.link_density >= LINK_HEADLINE_DENSITY
              and not SENTENCE_END.search(visible[i].strip())):
            headlines.add(i)
    return restored, headlines


def audit(html: str, extracted: str) -> tuple[str, list[int], list[int]] | None:
    """``(visible text, 1-based numbers of the visible lines left out, of the kept lines that
    are link headlines)``, or None when the extraction does not line up with the visible text
    (see :data:`MIN_AUDIT_COVERAGE`)."""
    text = visible_text(html)
    lines = text.splitlines()
    marks = kept_lines(lines, extracted)
    if coverage(lines, marks, extracted) < MIN_AUDIT_COVERAGE:
        return None
    restored, headlines = structure_votes(lines, marks, page_blocks(html))
    left_out = [n for n, (line, mark) in enumerate(zip(lines, marks), start=1)
                if line.strip() and not mark and n - 1 not in restored]
    return text, left_out, sorted(n + 1 for n in headlines)
