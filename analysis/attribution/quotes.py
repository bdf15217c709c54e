"""Quotation-mark spans: which stretches of a text stand inside quotation marks.

Handles curly and straight, double and single marks (and guillemets); a single quote nested in a
double one; a partial quote inside a sentence; a quote that runs over several paragraphs (the
opening mark repeated at each paragraph start, no closing mark at the paragraph end); an apostrophe
typed as a quote mark (``Kim‘s``, ``leaders’``). Unbalanced marks never raise: an unclosed double
quote runs to the end of its paragraph (``closed=False``), an unclosed single mark is read as an
apostrophe, a stray closing mark is ignored.

Offsets are code points, end-exclusive. ``start``/``end`` include the marks, ``inner_start``/
``inner_end`` exclude them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
STRAIGHT = {'"': "double", "'": "single"}
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'"
_BEFORE_OPENING = " \t\n([{—–-/"  # characters after which a mark opens a quote
_MARK = re.compile("[" + re.escape(ALL_MARKS) + "]")


@dataclass(frozen=True)
class Quote:
    """One span inside quotation marks."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    marks: str  # "double" | "single"
    closed: bool = True  # False: no closing mark before the paragraph end
    continued: bool = False  # True: opened in an earlier paragraph (multi-paragraph quote)
    depth: int = 0  # 0 = top level, 1 = a quote inside a quote

    def inner(self, text: str, offset: int = 0) -> str:
        """The words inside the marks, from the text the offsets point into."""
        return text[self.inner_start - offset : self.inner_end - offset]


def _kind(char: str) -> str:
    if char in DOUBLE_OPEN or char in DOUBLE_CLOSE or char == '"':
        return "double"
    return "single"


def _role(text: str, i: int) -> str:
    """How the mark at ``text[i]`` reads: ``open``, ``close``, ``either`` or ``apostrophe``."""
    char = text[i]
    prev = text[i - 1] if i > 0 else " "
    after = i + 2 if text[i + 1:i + 2] == _PAD else i + 1
    nxt = text[after] if after < len(text) else " "
    opens = prev in _BEFORE_OPENING or prev in ALL_MARKS
    closes = not prev.isspace() and (not nxt.isalnum())
    if char in DOUBLE_OPEN:
        return "open"
    if char in DOUBLE_CLOSE:
        return "close"
    if char in SINGLE_OPEN or char in SINGLE_CLOSE or char == "'":
        if prev.isalnum() and nxt.isalnum():  # Kim‘s, don’t, O'Brien
            return "apostrophe"
        if char in SINGLE_OPEN:
            return "open" if not nxt.isspace() else "apostrophe"
        if char in SINGLE_CLOSE:
            return "close" if closes else ("open" if opens and nxt.isalnum() else "apostrophe")
    # a straight mark (or an odd single one): by its neighbours
    if opens and not nxt.isspace():
        return "either" if closes else "open"
    if closes:
        return "close"
    return "apostrophe" if char != '"' else "either"


TWO_APOSTROPHES = "''"  # typewriter double quote (New York Times archive style: ''like this'')
_PAD = "\u2063"  # stands in for the second apostrophe while marks are read


def find_quotes(text: str, offset: int = 0, open_at_start: str = "") -> list[Quote]:
    """Quotation spans in one paragraph, top-level and nested, in text order.

    Args:
        text: one paragraph.
        offset: added to every offset (the paragraph's start in the article).
        open_at_start: ``"double"`` or ``"single"`` when a quote opened in the previous
            paragraph and this paragraph does not repeat the opening mark.
    """
    if TWO_APOSTROPHES in text:
        padded = text.replace(TWO_APOSTROPHES, '"' + _PAD)
        return [_unpad(q, text, offset) for q in _find(padded, offset, open_at_start)]
    return _find(text, offset, open_at_start)


def _unpad(q: Quote, text: str, offset: int) -> Quote:
    """Widen a span read on the padded text so that both apostrophes of '' are marks."""
    inner_start, end = q.inner_start, q.end
    if text[inner_start - offset:inner_start - offset + 1] == "'" and \
            text[inner_start - offset - 1:inner_start - offset] == "'":
        inner_start += 1
    if q.closed and text[end - offset:end - offset + 1] == "'" and \
            text[end - offset - 1:end - offset] == "'":
        end += 1
    return Quote(q.start, end, inner_start, q.inner_end, q.marks, q.closed, q.continued, q.depth)


def _find(text: str, offset: int, open_at_start: str) -> list[Quote]:
    quotes: list[Quote] = []
    stack: list[tuple[str, int, bool]] = []  # (marks, position of opening mark, continued)
    if open_at_start:
        stack.append((open_at_start, -1, True))
    for mark in _MARK.finditer(text):  # the marks only (issue 16: not every character)
        i, char = mark.start(), mark.group()
        role = _role(text, i)
        if role == "apostrophe":
            continue
        kind = _kind(char)
        open_kinds = [k for k, _, _ in stack]
        if role == "either":
            role = "close" if kind in open_kinds else "open"
        if role == "close":
            if kind not in open_kinds:
                continue  # stray closing mark (or a plural possessive: the leaders’ talks)
            while stack and stack[-1][0] != kind:  # close an unclosed inner quote first
                stack.pop()
            _, begin, continued = stack.pop()
            start = offset + max(begin, 0)
            inner_start = offset + (0 if begin < 0 else begin + 1)
            quotes.append(Quote(start, offset + i + 1, inner_start, offset + i, kind, True,
                                continued, len(stack)))
        else:
            if kind == "double" and "double" in open_kinds:
                # a new double quote while one is open: the open one lacks its closing mark
                while stack:
                    k, begin, continued = stack.pop()
                    if k == "double":
                        quotes.append(_unclosed(k, begin, i, offset, continued, len(stack)))
            stack.append((kind, i, False))
    while stack:
        kind, begin, continued = stack.pop()
        if kind == "double" or continued:
            quotes.append(_unclosed(kind, begin, len(text), offset, continued, len(stack)))
    return sorted(quotes, key=lambda q: (q.start, q.depth))


def _unclosed(kind: str, begin: int, stop: int, offset: int, continued: bool,
              depth: int) -> Quote:
    inner_start = offset + (0 if begin < 0 else begin + 1)
    end = offset + stop
    return Quote(offset + max(begin, 0), end, inner_start, end, kind, False, continued, depth)


def quotes_in_paragraphs(paragraphs: list[tuple[int, str]]) -> list[Quote]:
    """Quotation spans across consecutive paragraphs ``(start, text)``.

    A double quote left open at a paragraph end continues into the next paragraph when that
    paragraph opens with a quotation mark (the convention for multi-paragraph quotes); the
    continuation is a separate span with ``continued=True`` in the next paragraph.
    """
    quotes: list[Quote] = []
    carried = False
    for index, (start, text) in enumerate(paragraphs):
        found = find_quotes(text, start)
        if carried and found and found[0].start == start:
            found = [_mark_continued(found[0])] + found[1:]
        quotes.extend(found)
        top = [q for q in found if q.depth == 0]
        carried = bool(top) and not top[-1].closed and top[-1].end == start + len(text)
        carried = carried and _next_opens_with_mark(paragraphs, index)
    return quotes


def _mark_continued(quote: Quote) -> Quote:
    return Quote(quote.start, quote.end, quote.inner_start, quote.inner_end, quote.marks,
                 quote.closed, True, quote.depth)


def _next_opens_with_mark(paragraphs: list[tuple[int, str]], index: int) -> bool:
    """True when the paragraph after ``paragraphs[index]`` opens with a double quotation mark
    (by index: looking the paragraph up by its start made many paragraphs quadratic)."""
    if index + 1 < len(paragraphs):
        following = paragraphs[index + 1][1].lstrip()
        return bool(following) and following[0] in DOUBLE_OPEN + '"'
    return False


def top_level(quotes: list[Quote]) -> list[Quote]:
    """Only the outermost quotes (a quote inside a quote is part of its outer quote)."""
    return [q for q in quotes if q.depth == 0]
