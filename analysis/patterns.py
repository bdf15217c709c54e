"""Cue patterns: the small matching language shared by codebooks, naming concepts and hedging markers.

A cue is written in a data file, never in code. Syntax (see ``docs/framing.md``):

- ``word`` or ``a phrase``: matched whole, case-insensitively; a space matches any run of white
  space or a hyphen (``military cooperation`` also hits ``military-cooperation``);
- ``word*``: a word stem, ``*`` standing for any letters (``sanction*`` hits sanctions, sanctioned);
- an apostrophe matches any apostrophe or single quote mark (``'``, ``’``, ``‘``, ``ʼ``, `````);
- ``re:PATTERN``: a Python regular expression, used as written inside word boundaries;
- ``case:CUE``: the cue (any of the above) matched with its case as written (``case:UN`` does not
  hit the "Un" of Kim Jong Un).

Every cue is wrapped in word boundaries (no letter or digit on either side), so ``war`` never hits
``software`` or ``warned``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = "'’‘ʼ`"
_APOSTROPHE_CLASS = "[" + re.escape(APOSTROPHES) + "]"
REGEX_PREFIX = "re:"
CASE_PREFIX = "case:"


@dataclass(frozen=True)
class Hit:
    """One match of one cue: ``text[start:end]`` is the evidence."""

    key: str  # what the cue stands for (a frame, a label, a marker)
    cue: str  # the cue as written in the data file
    start: int
    end: int
    match: str


def cue_to_regex(cue: str) -> str:
    """The regular expression (without boundaries) a cue stands for."""
    cue = cue.strip()
    if cue.startswith(REGEX_PREFIX):
        return cue[len(REGEX_PREFIX):]
    parts = []
    for word in cue.split():
        stem = word.endswith("*")
        word = word.rstrip("*")
        piece = "".join(_APOSTROPHE_CLASS if ch in APOSTROPHES else re.escape(ch) for ch in word)
        parts.append(piece + (r"\w*" if stem else ""))
    return r"(?:\s+|\s*-\s*)".join(parts)


@lru_cache(maxsize=4096)
@lru_cache(maxsize=8192)
def compile_cue(cue: str, match_case: bool = False) -> re.Pattern:
    """A compiled cue, bounded so that no letter or digit touches it on either side."""
    if cue.startswith(CASE_PREFIX):
        cue, match_case = cue[len(CASE_PREFIX):], True
    flags = 0 if match_case else re.IGNORECASE
    return re.compile(rf"(?<![\w])(?:{cue_to_regex(cue)})(?![\w])", flags)


def find_cues(text: str, cues: list[tuple[str, str, bool]], offset: int = 0) -> list[Hit]:
    """Every match of ``cues`` (``(key, cue, match_case)``) in ``text``, offsets plus ``offset``.

    Within one key, overlapping matches are reduced to the longest (``military cooperation`` and
    ``military`` both in one frame count once); different keys may share a span.
    """
    found: dict[str, list[Hit]] = {}
    lowered = text.lower()
    for key, cue, match_case in cues:
        literal = required_literal(cue)
        if literal and literal not in lowered:
            continue  # cheap pre-check: the cue's first word is nowhere in the text
        for m in compile_cue(cue, match_case).finditer(text):
            if m.end() > m.start():
                found.setdefault(key, []).append(
                    Hit(key, cue, m.start() + offset, m.end() + offset, m.group(0)))
    hits = []
    for key_hits in found.values():
        hits.extend(longest_first(key_hits))
    return sorted(hits, key=lambda h: (h.start, -h.end, h.key))


@lru_cache(maxsize=4096)
def required_literal(cue: str) -> str:
    """A lower-case string every match of ``cue`` contains (its first word up to any wildcard or
    apostrophe); empty for regular expressions, which are always run."""
    cue = cue.strip()
    if cue.startswith(CASE_PREFIX):
        cue = cue[len(CASE_PREFIX):]
    if cue.startswith(REGEX_PREFIX) or not cue:
        return ""
    word = cue.split()[0].split("*")[0]
    for ch in APOSTROPHES + "-":
        word = word.split(ch)[0]
    return word.lower()


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Non-overlapping hits, preferring the longest, then the earliest."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
