"""Line classifier for boilerplate: jusText's block features and context smoothing on text lines.

A page copied as text ("select all, copy") is the article surrounded by menus, link lists,
related headlines and footers. Each line is a block in the sense of jusText (Pomikálek 2011,
"Removing Boilerplate and Duplicate Content from Web Corpora", ch. 3): jusText's own
context-free classification (length, stopword density) and context-sensitive revision (a short
block takes the class of its neighbours) run on the lines, with jusText's stoplists; the language
is the stoplist that matches most words of the page, so no language has to be declared.

On top of jusText, two context rules in the spirit of boilerpipe's shallow text features
(Kohlschütter et al. 2010, "Boilerplate detection using shallow text features"): the article is
where the ``good`` lines are, so lines before the first and after the last good line are page
furniture (``outside_article``); inside, a run of short lines without sentence ends is a menu or a
link list (``link_list``).

Recall first: a line with a quotation, a number or an attribution cue is never removed by the
classifier (only by an explicit pattern or repeated-line evidence), and a page without any good
line keeps every line.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

# jusText's context-free thresholds, set for text lines instead of HTML paragraphs. Measured on the
# development half of the article-extraction benchmark (benchmarks/cleaning_eval.py), jusText on
# text lines scored F1 0.788 with its HTML defaults (70 / 200 characters) and 0.807 with 40 / 150:
# text lines are shorter than the paragraphs jusText was tuned on.
LENGTH_LOW = 40  # characters; shorter lines are "short" and take their neighbours' class
LENGTH_HIGH = 150  # characters; longer lines with enough stopwords are "good"
STOPWORDS_LOW = 0.30  # jusText default: below this stopword density a line is "bad"
STOPWORDS_HIGH = 0.32  # jusText default: at or above it (and long) a line is "good"
MAX_HEADING_DISTANCE = 200  # jusText default (characters)
# A run of this many short lines without a sentence end, inside the article, is a link list or a
# menu (two lines can be a subheading and a dateline; three headline-shaped lines in a row are a
# list). Measured: 3 and "never" differ by +0.002 F1 on the development half; 3 is the smallest run
# that is not a heading pair.
LINK_RUN_MIN = 3
# Lines at least this long (words) that carry a quotation, a figure or an attribution cue are
# body-like: the classifier never removes them (issue 17, "recall first").
PROTECT_MIN_WORDS = 6
# The article grows over adjacent prose lines (a sentence end and at least this many words): a
# short lede or closing sentence next to the article is body, whatever jusText's length class.
PROSE_MIN_WORDS = 5

# Share of a page's words that are English stopwords above which the page is taken as English
# without comparing jusText's other stoplists. English prose runs at 0.4-0.5 (jusText's own
# threshold for a good English paragraph is 0.32); a whole page with menus is lower, so 0.2.
ENGLISH_ENOUGH = 0.2

SENTENCE_END = re.compile(r"[.!?…:;][\"”’'»)\]]*\s*$")
QUOTATION = re.compile(r"[\"“”«»„]|(?:^|\s)['‘][^'’]{3,}['’]")
FIGURE = re.compile(r"\d")
ATTRIBUTION_CUE = re.compile(
    r"\b(?:said|says|told|according to|stated|added|explained|announced|reported|wrote|asked)\b",
    re.I,
)


@cache
def _stoplist(name: str) -> frozenset:
    import justext

    return frozenset(justext.get_stoplist(name))


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset]:
    """jusText's stoplists (about 100 languages), by language name."""
    import justext

    return {name: _stoplist(name) for name in sorted(justext.get_stoplists())}


def best_stoplist(words: list[str]) -> frozenset:
    """The jusText stoplist that matches the most of ``words`` (lower-cased); empty if none does.

    English is tried first: when at least :data:`ENGLISH_ENOUGH` of the words are English
    stopwords, the other lists (about 1 s to load, once per process) are not read.
    """
    counts = Counter(words)
    english = _stoplist("English")
    if words and _hits(english, counts) >= ENGLISH_ENOUGH * len(words):
        return english
    best, best_hits = frozenset(), 0
    for stoplist in _stoplists().values():
        hits = _hits(stoplist, counts)
        if hits > best_hits:
            best, best_hits = stoplist, hits
    return best


def _hits(stoplist: frozenset, counts: Counter) -> int:
    """How many of the counted words are in ``stoplist``."""
    return sum(counts[word] for word in stoplist.intersection(counts))


class LineBlock:
    """One text line as a jusText paragraph (the attributes its classifier reads).

    Text lines carry no markup, so link density is 0 and no line is an HTML heading.
    """

    dom_path = "p"
    xpath = ""
    chars_count_in_links = 0
    is_heading = False

    def __init__(self, text: str):
        self.text = " ".join(text.split())
        self.words = self.text.lower().split()

    def __len__(self) -> int:
        return len(self.text)

    def stopwords_density(self, stoplist) -> float:
        """Share of the words that are stopwords, 0-1."""
        return sum(word in stoplist for word in self.words) / len(self.words) if self.words else 0.0

    def links_density(self) -> float:
        return 0.0


def justext_classes(texts: list[str]) -> list[str]:
    """jusText's class (``good``, ``bad``, ``neargood`` or ``short`` revised) of each line."""
    from justext import core

    blocks = [LineBlock(text) for text in texts]
    stoplist = best_stoplist([word for block in blocks for word in block.words])
    core.classify_paragraphs(blocks, stoplist, length_low=LENGTH_LOW, length_high=LENGTH_HIGH,
                             stopwords_low=STOPWORDS_LOW, stopwords_high=STOPWORDS_HIGH)
    core.revise_paragraph_classification(blocks, max_heading_distance=MAX_HEADING_DISTANCE)
    return [block.class_type for block in blocks]


def is_protected(text: str) -> bool:
    """A body-like line (``PROTECT_MIN_WORDS`` words or more) with a quotation, a figure or an
    attribution cue: only strong evidence removes it."""
    if len(text.split()) < PROTECT_MIN_WORDS:
        return False
    return bool(QUOTATION.search(text) or FIGURE.search(text) or ATTRIBUTION_CUE.search(text))


def is_list_item(text: str, line_class: str) -> bool:
    """A line that can belong to a menu or a link list: not ``good`` and no sentence end."""
    return line_class != "good" and not SENTENCE_END.search(text.strip())


def classify_lines(texts: list[str]) -> list[str]:
    """The removal rule for each line (``outside_article`` or ``link_list``), or '' to keep it.

    Lines before the first and after the last jusText ``good`` line are outside the article; inside
    it, runs of at least :data:`LINK_RUN_MIN` list-item lines are link lists. Protected lines
    (:func:`is_protected`) are always kept, and so is every line of a page without a good line.
    """
    classes = justext_classes(texts)
    good = [index for index, line_class in enumerate(classes) if line_class == "good"]
    if not good:
        return [""] * len(texts)
    first, last = _grow(texts, good[0], good[-1])
    rules = ["outside_article" if index < first or index > last else ""
             for index in range(len(texts))]
    for start, end in _list_runs(texts, classes, first, last):
        for index in range(start, end):
            rules[index] = "link_list"
    return ["" if rule and is_protected(text) else rule for rule, text in zip(rules, texts)]


def is_prose(text: str) -> bool:
    """A sentence: it ends with sentence punctuation and has at least ``PROSE_MIN_WORDS`` words."""
    return len(text.split()) >= PROSE_MIN_WORDS and bool(SENTENCE_END.search(text.strip()))


def _grow(texts: list[str], first: int, last: int) -> tuple[int, int]:
    """The article span ``first..last`` grown over the prose lines right before and after it."""
    while first > 0 and is_prose(texts[first - 1]):
        first -= 1
    while last < len(texts) - 1 and is_prose(texts[last + 1]):
        last += 1
    return first, last


def _list_runs(texts: list[str], classes: list[str], first: int, last: int):
    """``(start, end)`` of each run of at least ``LINK_RUN_MIN`` list-item lines in first..last."""
    index = first
    while index <= last:
        end = index
        while end <= last and is_list_item(texts[end], classes[end]):
            end += 1
        if end - index >= LINK_RUN_MIN:
            yield index, end
        index = max(end, index + 1)
