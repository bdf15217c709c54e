"""Sentence and word segmentation with character offsets, offline and rule-based.

Offsets are code points into the text given, end-exclusive. The sentence splitter is a small rule
set tuned to news text (no NLTK data needed, so it works offline):

- a boundary is sentence punctuation (``. ! ? …``), optionally followed by closing quote marks or
  brackets, then white space and a sentence start (a capital, a digit, or an opening quote mark);
- not after an abbreviation from ``analysis/resources/abbreviations.txt`` (``Mr.``, ``Jun. 19``),
  an initial (``John F. Kennedy``) or a dotted acronym (``U.S.``, ``U.N.``) unless the next word is
  a common sentence opener (``the U.S. The ...``);
- also where a sentence runs into the next without a space (``visit.The Kremlin``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from analysis.core.config import resource

_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«(["
# Linear on any text: a match starts only at the first mark of a run (the look-behind) and the
# runs are taken whole (possessive quantifiers). Backing off inside a run can never give a match
# (the next character would be a mark, not white space or a capital), so this finds the same
# boundaries as the plain pattern, which retried every run from each of its marks (quadratic:
# 8,000 dots took 15 s).
BOUNDARY = re.compile(
    rf"(?<![.!?…])(?P<punct>[.!?…]++)(?P<close>[{re.escape(_CLOSERS)}]*+)"
    rf"(?:(?P<space>\s++)(?=[{re.escape(_OPENERS)}]*+[A-Z0-9À-Ý])"
    rf"|(?=[A-Z][a-z]))"
)
NEXT_WORD = re.compile(rf"[{re.escape(_OPENERS)}]*+([\w’'-]+)")
WORD_BEFORE = re.compile(r"(?P<word>[\w.’'-]*)$")
DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){1,}[A-Za-z]?$")
# Words that, after a dotted acronym ("U.S."), show a new sentence has begun.
SENTENCE_OPENERS = frozenset(
    "The A An He She It They We I In On At But And This That These Those There His Her Its Their "
    "Our After Before When While If As However Meanwhile Still Yet So Also Earlier Later".split()
)
WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:[-'’‘][^\W_]+)*")


@lru_cache(maxsize=4)
def read_abbreviations(path: str | None = None) -> frozenset[str]:
    """Lower-case abbreviations (without their final dot) that do not end a sentence."""
    file = path or resource("abbreviations.txt")
    with open(file, encoding="utf-8") as handle:
        words = (line.strip().lower() for line in handle)
        return frozenset(w for w in words if w and not w.startswith("#"))


WORD_BEFORE_CHARS = 40  # an abbreviation, initial or acronym is never longer


def word_before(text: str, end: int) -> str:
    """The run of word characters, dots, apostrophes and hyphens that ends at ``end`` (at most
    :data:`WORD_BEFORE_CHARS` of them): what :data:`WORD_BEFORE` finds in the 40 characters before
    ``end``, read backwards in one pass (the search tried every start in the window). As there,
    a line break just before ``end`` is stepped over (``$`` matches before a final newline)."""
    stop = max(0, end - WORD_BEFORE_CHARS)
    if end > stop and text[end - 1] == "\n":
        end -= 1
    start = end
    while start > stop and (text[start - 1].isalnum() or text[start - 1] in "_.’'-"):
        start -= 1
    return text[start:end]


def _is_false_boundary(text: str, match: re.Match, abbreviations: frozenset[str]) -> bool:
    if match.group("punct") != ".":
        return False
    before = word_before(text, match.start()).lstrip("'’-")
    if not before:
        return False
    after = text[match.end() : match.end() + 40]
    next_word = NEXT_WORD.match(after)
    next_word = next_word.group(1) if next_word else ""
    if match.group("space") is None:  # run-together "visit.The": only after a lower-case word
        return not (len(before) >= 2 and before[-1].islower() and "." not in before)
    if len(before) == 1 and before.isupper():  # an initial: "John F. Kennedy"
        return next_word not in SENTENCE_OPENERS
    if before.lower() in abbreviations:
        if DOTTED_ACRONYM.match(before) or before.lower() in {"inc", "corp", "co", "ltd", "jr", "sr"}:
            return next_word not in SENTENCE_OPENERS
        return True
    if DOTTED_ACRONYM.match(before):
        return next_word not in SENTENCE_OPENERS
    return False


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text`` (plus ``offset``), end-exclusive.

    Spans exclude the white space between sentences; a closing quote mark after the full stop
    stays with its sentence.
    """
    abbreviations = read_abbreviations()
    spans = []
    start = 0
    length = len(text)
    while start < length and text[start].isspace():
        start += 1
    for match in BOUNDARY.finditer(text):
        end = match.start() + len(match.group("punct")) + len(match.group("close"))
        if end <= start or _is_false_boundary(text, match, abbreviations):
            continue
        spans.append((start + offset, end + offset))
        start = match.end()
    tail_end = len(text.rstrip())
    if start < tail_end:
        spans.append((start + offset, tail_end + offset))
    return spans


# The longest sentence a sentence-level measure reads. Longer runs with no sentence end (a list
# without full stops, a pasted table, hostile input) are cut at white space into pieces of at most
# this many characters: VADER's per-word rules re-read the whole sentence for each word and the
# descriptor and actor rules read its tokens per mention, so a 256 KB "sentence" took minutes.
# Real sentences stay whole: the longest of 38,000 sentences of political news is about 1,100
# characters, and about 2,100 in 90 news pages of all kinds.
MAX_SENTENCE_CHARS = 4000


def cut_long(spans: list[tuple[int, int]], text: str, offset: int = 0,
             limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """``spans`` (into ``text`` plus ``offset``) with each span over ``limit`` characters cut
    into pieces of at most ``limit``: at the last white space before the limit, else at the limit.
    Pieces exclude the white space between them; spans within the limit are returned as given."""
    if all(end - start <= limit for start, end in spans):
        return spans
    cut = []
    for start, end in spans:
        while end - start > limit:
            window = text[start - offset : start - offset + limit + 1]
            space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            piece_end = start + (space if space > 0 else limit)
            cut.append((start, start + len(text[start - offset : piece_end - offset].rstrip())))
            start = piece_end
            while start < end and text[start - offset].isspace():
                start += 1
        if start < end:
            cut.append((start, end))
    return cut


def words(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Word token spans: letters and digits, inner hyphens and apostrophes, dotted acronyms."""
    return [(m.start() + offset, m.end() + offset) for m in WORD.finditer(text)]


def count_words(text: str) -> int:
    """Number of word tokens in ``text`` (see :func:`words`)."""
    return len(WORD.findall(text))
