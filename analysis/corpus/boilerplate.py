"""Line classifier for boilerplate: jusText's block features, with context rules, on text lines.

A page copied as text ("select all, copy") is the article surrounded by menus, link lists,
related headlines, footers and comments. Each line is a block in the sense of jusText (Pomikálek
2011, "Removing Boilerplate and Duplicate Content from Web Corpora", ch. 3): jusText's own
context-free classification (length and stopword density, with jusText's stoplists) labels each
line ``good`` (long prose), ``neargood``, ``short`` or ``bad``; the language is the stoplist that
matches most words of the page, so none has to be declared.

The context is then read in the spirit of boilerpipe's shallow text features (Kohlschütter et
al. 2010, "Boilerplate detection using shallow text features"), which finds the article as the
run of long-text blocks and its furniture as runs of short ones:

- the article is the best-scoring segment of lines (prose counts for it by its length, each line
  of furniture against it), joined with other segments that score nearly as well, grown over
  adjacent prose; lines before and after it are page furniture (``outside_article``): a teaser
  list (headline, summary, headline...) nets about nothing and is left out; when the page
  repeats its title as a line before the article (the headline), the article starts after it;
- inside the article, a run of short lines without sentence ends is a menu or a link list
  (``link_list``); a single one is a subheading and stays;
- a comments head after the article ("12 responses to ...") starts ``comment_section``.

Recall first: a line with a quotation, a figure or an attribution cue is never removed by the
list rule, the article grows over such lines next to it, and a run of them (a table) is kept
wherever it is; a page without any prose line keeps every line. A lone protected line away from
the article (another story's headline with a figure or a "says") is removed: protecting it
everywhere cost 0.085 precision for 0.020 recall on the development pages.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

# jusText's context-free thresholds, set for text lines instead of HTML paragraphs. Measured with
# jusText alone on the text copies of the development half (its classification and revision,
# keeping its good lines): F1 0.788 with its HTML defaults (70 / 200 characters), 0.807 with
# 40 / 150: text lines are shorter than the paragraphs jusText was tuned on. With this classifier
# (benchmarks/cleaning_eval.py) LENGTH_HIGH 100 gives F1 0.818, 150 0.831, 200 0.824.
LENGTH_LOW = 40  # characters; shorter lines are "short"
LENGTH_HIGH = 150  # characters; longer lines with enough stopwords are "good"
STOPWORDS_LOW = 0.30  # jusText default: below this stopword density a line is "bad"
STOPWORDS_HIGH = 0.32  # jusText default: at or above it (and long) a line is "good"
# A run of this many short lines without a sentence end, inside the article, is a link list or a
# menu (two lines can be a subheading and a dateline, three a subheading, a byline and a date).
# Measured on the development half: 2 and 3 give F1 0.831 (recall 0.970, 0.971), 4 0.833 (recall
# 0.974).
LINK_RUN_MIN = 4
# Lines at least this long (words) that carry a quotation, a figure or an attribution cue are
# body-like (issue 17, "recall first"): the list rule never removes them, the article grows over
# them like over prose, and a run of them is a table. Measured on the development half with the
# segment rule below (benchmarks/cleaning_eval.py): protecting every such line wherever it is
# P 0.746 R 0.977 F1 0.846; the guard kept here (next to the article, or in a run of
# PROTECTED_RUN_MIN) P 0.859 R 0.973 F1 0.912; next to the article only P 0.857 R 0.958 F1 0.905;
# no protection at all P 0.862 R 0.940 F1 0.899.
PROTECT_MIN_WORDS = 6
# A run of at least this many protected lines outside the article is kept: a table or a list with
# figures (results, tour dates, prices) that the article's prose does not reach. Teaser lists of
# other stories carry figures too, but as runs of 3-5 lines between their headlines. Measured on
# the development half: 3 gives F1 0.865, 4 0.873, 6 0.883, 8 to 12 0.889 (recall 0.972 for all;
# measured before the segment rule below, with the article spanning every good line).
PROTECTED_RUN_MIN = 8
# The article is the best-scoring segment of lines (Kadane's maximum subarray): a prose line scores
# its length in characters, a line of furniture (no sentence end, jusText's `short` or `bad`) this
# many characters against it. A teaser list (a headline, a one-paragraph summary, a headline...)
# nets about nothing, so the segment stops where the article's own run of paragraphs stops. Measured
# on the development half (F1 / recall, SEGMENT_SHARE 0.3, GROW_GAP 0): 150 0.910 / 0.972, 200
# 0.912 / 0.973, 300 0.911 / 0.963.
FURNITURE_PENALTY = 200
# Other segments before or after the best one that score at least this share of it are article
# too (a photo gallery, an ingredient list or a box of links inside the story): the article then
# runs across them. Measured on the development half (F1 / recall, penalty 200): 0.25 0.911 / 0.974,
# 0.3 0.912 / 0.973, 0.35 0.912 / 0.968. Cross-validated over two halves of the pages (penalty,
# share and PROTECTED_RUN_MIN chosen on one half, scored on the other): F1 0.905-0.908 and 0.917.
SEGMENT_SHARE = 0.3
# The article grows over adjacent prose lines (a sentence end and at least this many words): a
# short lede or closing sentence next to the article is body, whatever jusText's length class.
PROSE_MIN_WORDS = 5
# Lines crossed while growing the article to reach more prose. Before the segment rule, 1 was the
# recall-first choice (0 gave F1 0.836 / recall 0.972, 1 0.833 / 0.974); with it, crossing a line
# lets growth walk down a teaser list (headline, summary, headline...) that the segment has just
# left out: 0 gives F1 0.912 / recall 0.973, 1 0.906 / 0.974 (development half).
GROW_GAP = 0

# Share of a page's words that are English stopwords above which the page is taken as English
# without comparing jusText's other stoplists. English prose runs at 0.4-0.5 (jusText's own
# threshold for a good English paragraph is 0.32); a whole page with menus is lower, so 0.2.
ENGLISH_ENOUGH = 0.2

# The page's title repeated as a line is the article's headline when a prose line follows within
# this many lines (byline, date, share labels and a caption sit between). Judgement, checked on
# the development half: 5, 12 and 20 give the same text F1.
HEADLINE_MAX_GAP = 12
HEADLINE_MIN_CHARS = 20  # shorter titles ("Home", "News") name a section, not an article

# The head of a readers' comments section: "34 responses to ...", "Comments (12)", "Leave a
# reply", "Join the discussion" (WordPress, Disqus and news-site wording), alone on a short line.
COMMENTS_HEAD = re.compile(
    r"^\s*(?:\d+\s+(?:comments?|responses?|replies|reactions)\b.{0,80}|"
    r"(?:comments?|responses?|replies|reactions)\s*\(\d+\)|"
    r"(?:leave|post|add|write) a (?:comment|reply|response)|join the (?:discussion|conversation)|"
    r"(?:show|view|load|read) (?:all )?comments|comments (?:are|is) (?:closed|subject to\b.{0,80}))"
    r"\s*:?\s*$",
    re.I,
)
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
    stopwords, the other lists are not compared. They are all read, and indexed by word, on the
    first call in a process (about 0.4 s of CPU, once): while the process warms up on its first
    article, not at the first page in another language, and before the engine forks its workers,
    which inherit them.
    """
    languages = _languages_of_words()  # loads every stoplist once per process (see above)
    counts = Counter(words)
    english = _stoplist("English")
    if words and _hits(english, counts) >= ENGLISH_ENOUGH * len(words):
        return english
    hits: Counter = Counter()
    for word, count in counts.items():
        for language in languages.get(word, ()):
            hits[language] += count
    if not hits:
        return frozenset()
    stoplists = _stoplists()
    # the most hits; on a tie the first language in alphabetical order, as a scan of the lists
    best = min(hits, key=lambda language: (-hits[language], language))
    return stoplists[best]


@lru_cache(maxsize=1)
def _languages_of_words() -> dict[str, tuple[str, ...]]:
    """For each stopword of any jusText stoplist, the languages whose list holds it (an index:
    a page's words are looked up once instead of intersected with about 100 lists)."""
    index: dict[str, list[str]] = {}
    for name, stoplist in _stoplists().items():
        for word in stoplist:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


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
        return sum(map(stoplist.__contains__, self.words)) / len(self.words) if self.words else 0.0

    def links_density(self) -> float:
        return 0.0


def justext_classes(texts: list[str]) -> list[str]:
    """jusText's context-free class of each line: ``good``, ``neargood``, ``short`` or ``bad``.

    jusText's own context revision is not used: it turns menu lines between two prose blocks
    (a footer's sentences) into ``good``; :func:`classify_lines` does its own smoothing.
    """
    from justext import core

    blocks = [LineBlock(text) for text in texts]
    stoplist = best_stoplist([word for block in blocks for word in block.words])
    core.classify_paragraphs(blocks, stoplist, length_low=LENGTH_LOW, length_high=LENGTH_HIGH,
                             stopwords_low=STOPWORDS_LOW, stopwords_high=STOPWORDS_HIGH)
    return [block.cf_class for block in blocks]


def is_protected(text: str) -> bool:
    """A body-like line (``PROTECT_MIN_WORDS`` words or more) with a quotation, a figure or an
    attribution cue: only strong evidence removes it."""
    if len(text.split()) < PROTECT_MIN_WORDS:
        return False
    return bool(QUOTATION.search(text) or FIGURE.search(text) or ATTRIBUTION_CUE.search(text))


def is_list_item(text: str, context_free_class: str) -> bool:
    """A line that can belong to a menu or a link list: jusText calls it ``short`` or ``bad``
    before context, and it has no sentence end."""
    return context_free_class in ("short", "bad") and not SENTENCE_END.search(text.strip())


def classify_lines(texts: list[str], title: str = "") -> list[str]:
    """The removal rule for each line (``outside_article``, ``link_list`` or ``comment_section``),
    or '' to keep it.

    Readers' comments start at a comments head ("34 responses to ...", "Leave a reply") after
    the first prose line and run to the end of the page (an explicit pattern: protection does
    not apply). Before it, the article is the best-scoring segment of lines
    (:func:`_article_segment`, after the repeated headline when ``title`` is repeated), grown over
    adjacent prose and protected lines; lines outside it are page furniture, except runs of
    :data:`PROTECTED_RUN_MIN` protected lines (tables). Inside it, runs of at least
    :data:`LINK_RUN_MIN` list-item lines are link lists, protected lines excepted. Every line of
    a page without a ``good`` line is kept.
    """
    context_free = justext_classes(texts)
    good = [index for index, line_class in enumerate(context_free) if line_class == "good"]
    if not good:
        return [""] * len(texts)
    comments = next((i for i in range(good[0] + 1, len(texts)) if COMMENTS_HEAD.match(texts[i])),
                    len(texts))
    rules = [""] * comments + ["comment_section"] * (len(texts) - comments)
    page = texts[:comments]
    good = [index for index in good if index < comments]
    headline = _headline_index(page, good, title)
    if headline is not None:
        good = [index for index in good if index > headline]
        for index in range(headline + 1):
            rules[index] = "outside_article"
    if not good:
        return ["" if rule == "outside_article" and is_protected(text) else rule
                for rule, text in zip(rules, texts)]
    start = headline + 1 if headline is not None else 0
    protected = [is_protected(text) for text in page]
    first, last = _article_segment(page, context_free, start)
    first, last = _grow(page, protected, first, last)
    first = max(first, start)
    for index in range(len(page)):
        if index < first or index > last:
            rules[index] = "outside_article"
    for run_start, run_end in _protected_runs(protected):
        for index in range(run_start, run_end):
            if rules[index] == "outside_article":
                rules[index] = ""
    for run_start, run_end in _list_runs(page, context_free, first, last):
        for index in range(run_start, run_end):
            if not protected[index]:
                rules[index] = "link_list"
    return rules


def line_score(text: str, context_free_class: str) -> int:
    """A line's weight in the article's segment: its length for prose (jusText's ``good``, or
    ``neargood`` with a sentence end), 0 for other sentences and ``neargood`` lines (a caption,
    a bullet without a full stop), ``-FURNITURE_PENALTY`` for furniture (menus, headlines, labels)."""
    if context_free_class == "good" or (context_free_class == "neargood" and is_prose(text)):
        return len(text)
    if context_free_class == "neargood" or is_prose(text):
        return 0
    return -FURNITURE_PENALTY


def _best_segment(scores: list[int], start: int, end: int) -> tuple[int, int, int] | None:
    """``(score, first, last)`` of the highest-scoring run of lines in ``start..end-1``
    (Kadane's algorithm), or None when no run scores above 0."""
    best = None
    total, first = 0, start
    for index in range(start, end):
        if total <= 0:
            total, first = 0, index
        total += scores[index]
        if total > 0 and (best is None or total > best[0]):
            best = (total, first, index)
    return best


def _article_segment(page: list[str], classes: list[str], start: int) -> tuple[int, int]:
    """``(first, last)`` line of the article from ``start`` on: the best-scoring segment
    (:func:`line_score`), extended to the segments before and after it that score at least
    :data:`SEGMENT_SHARE` of it."""
    scores = [line_score(text, line_class) for text, line_class in zip(page, classes)]
    best = _best_segment(scores, start, len(page))
    if best is None:  # cannot happen with a good line after start; keep the page whole then
        return start, len(page) - 1
    score, first, last = best
    while (before := _best_segment(scores, start, first)) and before[0] >= SEGMENT_SHARE * score:
        first = before[1]
    while (after := _best_segment(scores, last + 1, len(page))) and after[0] >= SEGMENT_SHARE * score:
        last = after[2]
    return first, last


def _protected_runs(protected: list[bool]):
    """``(start, end)`` of each run of at least :data:`PROTECTED_RUN_MIN` protected lines."""
    index = 0
    while index < len(protected):
        end = index
        while end < len(protected) and protected[end]:
            end += 1
        if end - index >= PROTECTED_RUN_MIN:
            yield index, end
        index = max(end, index + 1)


def _headline_index(page: list[str], good: list[int], title: str) -> int | None:
    """The line where the page repeats its title as the article's headline (the article starts
    after it): of the lines equal to the title or to its start ("Kim meets Putin" for "Kim meets
    Putin - Daily X"), the one closest before a prose line, at most
    :data:`HEADLINE_MAX_GAP` lines before it; None when there is none."""
    wanted = _comparable(title)
    if len(wanted) < HEADLINE_MIN_CHARS or not good:
        return None
    best = None
    for index, text in enumerate(page):
        if len(text) > 2 * len(title):  # cannot be the title's start (a cheap test first)
            continue
        line = _comparable(text)
        if len(line) < HEADLINE_MIN_CHARS or not wanted.startswith(line):
            continue
        following = next((g for g in good if g > index), None)
        if following is None or following - index > HEADLINE_MAX_GAP:
            continue
        if best is None or following - index <= best[0]:
            best = (following - index, index)
    return best[1] if best else None


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[‘’`]", "'", text).split()).casefold()


def is_prose(text: str) -> bool:
    """A sentence: it ends with sentence punctuation and has at least ``PROSE_MIN_WORDS`` words."""
    return len(text.split()) >= PROSE_MIN_WORDS and bool(SENTENCE_END.search(text.strip()))


def _grow(texts: list[str], protected: list[bool], first: int, last: int) -> tuple[int, int]:
    """The article span ``first..last`` grown over the prose and protected lines before and after
    it; up to :data:`GROW_GAP` other lines are crossed to reach more."""
    while (step := _prose_step(texts, protected, first, -1)) is not None:
        first = step
    while (step := _prose_step(texts, protected, last, 1)) is not None:
        last = step
    return first, last


def _prose_step(texts: list[str], protected: list[bool], edge: int,
                direction: int) -> int | None:
    """The nearest prose or protected line beyond ``edge`` within ``GROW_GAP + 1`` lines, or None."""
    for distance in range(1, GROW_GAP + 2):
        index = edge + direction * distance
        if not 0 <= index < len(texts):
            return None
        if protected[index] or is_prose(texts[index]):
            return index
    return None


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
