"""One multi-pattern pass over a text for many literals (Aho-Corasick, pyahocorasick).

A :class:`LiteralIndex` holds literals (an entity alias, a cue's leading text) and finds, in one
pass over a text, every position where one of them *may* start a match of the regular expression
it stands for. It only proposes candidates; the caller confirms each with that regular expression
(``pattern.match(text, start)``), so the matches, their case and word-boundary rules are exactly
those of the expressions. For that, a candidate list must miss no position where a match starts:

- both the literals and the text are *folded* (:func:`fold`), one character for one character:
  lower-cased as Python's regular expression engine does it under ``IGNORECASE`` (simple case
  mapping, plus the extra equivalences of ``re._casefix``, e.g. ``ſ`` ~ ``s``, ``ı`` ~ ``i``,
  ``ς`` ~ ``σ``), every apostrophe form made ``'`` and every white-space character a space, so a
  literal matched with or without case, or any apostrophe or white space standing for a class,
  is found wherever the expression can match it;
- a run of white space counts as one space (``\\s+`` between the words of an alias), in the
  literals and in the text; offsets are mapped back to the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

import ahocorasick

APOSTROPHES = "'’‘ʼ`"


def _fold_table() -> dict[str, str]:
    """The extra equivalences of the engine (non-ASCII characters only), each to one of its class."""
    table: dict[str, str] = {}
    try:
        from re._casefix import _EXTRA_CASES  # the engine's own extra case equivalences (3.11+)
    except ImportError:  # pragma: no cover - an older layout: the test of fold() checks them all
        _EXTRA_CASES = {}
    for low, others in _EXTRA_CASES.items():
        representative = min((low, *others))
        if representative != low:
            table[chr(low)] = chr(representative)
    return table


_EXTRA = _fold_table()
_EXTRA_CHARS = re.compile("[" + re.escape("".join(_EXTRA)) + "]")
_OTHER_SPACE = re.compile(r"[^\S ]")  # white space other than " " (as the engine's \s knows it)
_SPACE_RUN = re.compile(r"  +")


def fold(text: str) -> str:
    """``text`` folded, one character for one character (see the module's docstring)."""
    if text.isascii():
        folded = text.lower()
        if "`" in folded:
            folded = folded.replace("`", "'")
    else:
        if "\u0130" in text:  # capital I with dot: "i" by simple case mapping, "i̇" by lower()
            text = text.replace("\u0130", "i")
        folded = text.lower()
        for apostrophe in APOSTROPHES[1:]:
            if apostrophe in folded:
                folded = folded.replace(apostrophe, "'")
        if _EXTRA_CHARS.search(folded) is not None:
            folded = _EXTRA_CHARS.sub(lambda m: _EXTRA[m.group()], folded)
    # every white space but " " is unprintable (checked for every code point in the tests):
    # most texts are printable, and settled without a search (issue 16)
    if not folded.isprintable() and _OTHER_SPACE.search(folded) is not None:
        folded = _OTHER_SPACE.sub(" ", folded)
    return folded


def squeeze(folded: str) -> tuple[str, list[tuple[int, int]] | None]:
    """``folded`` with each run of spaces made one, and where characters were cut: ascending
    ``(position in the result, characters cut before it)`` (None when nothing changed)."""
    if "  " not in folded:
        return folded, None
    pieces, cuts, cut, last = [], [], 0, 0
    for run in _SPACE_RUN.finditer(folded):
        pieces.append(folded[last:run.start() + 1])
        cut += run.end() - run.start() - 1
        last = run.end()
        cuts.append((last - cut, cut))
    pieces.append(folded[last:])
    return "".join(pieces), cuts


@lru_cache(maxsize=64)
def folded_text(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """:func:`squeeze` of :func:`fold`, kept for the last texts: the stages search the same
    sentences for aliases, hedges and labels."""
    return squeeze(fold(text))


def _word_start(text: str, start: int) -> bool:
    """True when no word character (``\\w`` as the engine has it: ``_`` or what ``str.isalnum``
    calls a letter or digit) precedes ``start`` in ``text``."""
    return not start or not (text[start - 1].isalnum() or text[start - 1] == "_")


def unsqueezed(position: int, cuts: list[tuple[int, int]]) -> int:
    """The offset in the folded text of ``position`` in its squeezed form (see :func:`squeeze`)."""
    n = bisect_right(cuts, (position, len(cuts) and cuts[-1][1])) - 1
    return position + cuts[n][1] if n >= 0 else position


def key_of(literal: str) -> str:
    """The form in which a literal is looked for: folded, runs of white space made one space."""
    return squeeze(fold(literal))[0]


class LiteralIndex:
    """Literals, each with the values it stands for, found in one pass over a text.

    ``add(literal, value)`` as often as needed, then :meth:`candidates`. Literals that fold to the
    same key share it: their values are listed in the order they were added.
    """

    def __init__(self) -> None:
        self._values: dict[str, list] = {}
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, literal: str, value) -> None:
        key = key_of(literal)
        if not key:
            raise ValueError(f"no literal to look for in {literal!r}")
        self._values.setdefault(key, []).append(value)
        self._automaton = None

    def __len__(self) -> int:
        return len(self._values)

    def _built(self) -> ahocorasick.Automaton:
        if self._automaton is None:
            automaton = ahocorasick.Automaton()
            for key, values in self._values.items():
                automaton.add_word(key, (len(key), tuple(values)))
            if self._values:
                automaton.make_automaton()
            self._automaton = automaton
        return self._automaton

    def candidates(self, text: str, word_starts: bool = False) -> list[tuple[int, tuple]]:
        """``(start, values)`` for every occurrence of a literal's key in the folded ``text``,
        overlaps included, ordered by start, then by the longer key first; ``start`` is an offset
        into ``text``. With ``word_starts``, only where no word character (``\\w``: ``_`` or what
        ``str.isalnum`` calls a letter or digit, as the engine has it) precedes: for patterns that
        begin ``(?<![\\w])``."""
        if not self._values:
            return []
        folded, where = folded_text(text)
        hits = self._built().iter(folded)
        if word_starts and where is None:  # offsets are the text's: drop what follows a word first
            found = [(start, -length, values) for end, (length, values) in hits  # _word_start,
                     if not (start := end - length + 1)  # inline (issue 16: a call per hit)
                     or not ((before := text[start - 1]).isalnum() or before == "_")]
        else:
            found = [(end - length + 1, -length, values) for end, (length, values) in hits]
        found.sort()  # by start, then the longer key first; two entries never tie (one per key)
        if where is None:
            return [(start, values) for start, _, values in found]
        # the starts ascend: the cuts before each (unsqueezed) are walked once, not bisected
        out, k, shift, n_cuts = [], 0, 0, len(where)
        for start, _, values in found:
            while k < n_cuts and where[k][0] <= start:
                shift = where[k][1]
                k += 1
            start += shift
            if not word_starts or _word_start(text, start):
                out.append((start, values))
        return out

    def starts(self, text: str, word_starts: bool = False) -> dict:
        """For each value, the ascending starts in ``text`` where its literal's key occurs
        (``word_starts``: see :meth:`candidates`)."""
        by_value: dict = {}
        for start, values in self.candidates(text, word_starts):
            for value in values:
                by_value.setdefault(value, []).append(start)
        return by_value


def positions_between(starts: list[int], low: int, high: int) -> list[int]:
    """The items of the ascending ``starts`` in ``[low, high)``."""
    return starts[bisect_left(starts, low):bisect_left(starts, high)]
