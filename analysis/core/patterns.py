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
from dataclasses import dataclass, field
from functools import lru_cache

from analysis.core.literals import LiteralIndex

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


@lru_cache(maxsize=8192)
def compile_cue(cue: str, match_case: bool = False) -> re.Pattern:
    """A compiled cue, bounded so that no letter or digit touches it on either side."""
    if cue.startswith(CASE_PREFIX):
        cue, match_case = cue[len(CASE_PREFIX):], True
    flags = 0 if match_case else re.IGNORECASE
    return re.compile(rf"(?<![\w])(?:{cue_to_regex(cue)})(?![\w])", flags)


@dataclass(frozen=True)
class CueSet:
    """A cue list made ready once: per cue ``(key, cue, literal, pattern, first, ignore_case,
    leading)``, where ``literal`` is :func:`required_literal`, ``first`` the ASCII letter or digit
    every match starts with (as written; empty when unknown, e.g. for regular expressions) and
    ``leading`` the ASCII text every match starts with (:func:`leading_text`)."""

    entries: tuple[tuple[str, str, str, re.Pattern, str, bool, str], ...]
    literals: tuple[str, ...]  # the distinct non-empty literals
    gate: re.Pattern | None = None  # see :func:`cue_gate`
    gated: frozenset[int] = frozenset()  # entries the gate stands for
    # the literals sorted for :func:`_present`: whole words, word beginnings, and the others
    whole_literals: frozenset[str] = frozenset()
    stem_literals: tuple[str, ...] = ()
    other_literals: tuple[str, ...] = ()
    # lower-case texts, one of which every match of a gated cue holds (see :func:`gate_literals`);
    # None: unknown
    gate_literals: tuple[str, ...] | None = None
    # the cues with a leading text (:func:`leading_text`), found in one pass over a text
    # (Aho-Corasick): entry -> where its leading text may start (analysis.core.literals)
    leading: LiteralIndex | None = field(default=None, compare=False, hash=False, repr=False)
    unled: tuple[int, ...] = ()  # the entries without a leading text, tried as before
    ungated: tuple[int, ...] = ()  # the entries of ``unled`` not behind the gate
    # one search for every gate literal (lower-case), when none holds a line break (see
    # :func:`find_cues_each`)
    gate_literal_search: re.Pattern | None = field(default=None, compare=False, hash=False,
                                                   repr=False)


@lru_cache(maxsize=256)
def cue_set(cues: tuple[tuple[str, str, bool], ...]) -> CueSet:
    """``cues`` (``(key, cue, match_case)``) compiled for :func:`find_cues`, once per list."""
    entries = []
    for key, cue, match_case in cues:
        ignore_case = not (match_case or cue.startswith(CASE_PREFIX))
        entries.append((key, cue, required_literal(cue), compile_cue(cue, match_case),
                        first_char(cue), ignore_case, leading_text(cue)))
    # cues without a literal to pre-check (regular expressions), without groups, behind one gate
    gated = [n for n, e in enumerate(entries) if not e[2] and not e[3].groups
             and _stands_alone(e[1])]
    gate = cue_gate([(entries[n][1], not entries[n][5]) for n in gated]) if len(gated) > 1 else None
    return _cue_set_of(tuple(entries), gate, frozenset(gated) if gate else frozenset(),
                       gate_literals([entries[n][1] for n in gated]) if gate else None)


_ASCII_WORD = re.compile(r"[0-9A-Za-z_]+")


def _cue_set_of(entries: tuple, gate: re.Pattern | None, gated: frozenset[int],
                gate_texts: tuple[str, ...] | None = None) -> CueSet:
    literals = tuple(dict.fromkeys(e[2] for e in entries if e[2]))
    # a literal is a whole word when every cue requiring it starts with a word of ASCII word
    # characters (no wildcard, apostrophe or hyphen): a match has that word, whole, at its start
    whole = set(literals)
    for entry in entries:
        if entry[2] and not _ASCII_WORD.fullmatch(_written_first_word(entry[1])):
            whole.discard(entry[2])
    stems = tuple(lit for lit in literals if lit not in whole and len(lit) >= 2
                  and _ASCII_WORD.fullmatch(lit))
    others = tuple(lit for lit in literals if lit not in whole and lit not in stems)
    leading = LiteralIndex()
    for n, entry in enumerate(entries):
        if entry[6]:
            leading.add(entry[6], n)
    unled = tuple(n for n, entry in enumerate(entries) if not entry[6])
    literal_search = None
    if gate_texts and not any("\n" in text for text in gate_texts):
        literal_search = re.compile("|".join(map(re.escape, gate_texts)))
    return CueSet(entries, literals, gate, gated, frozenset(whole), stems, others, gate_texts,
                  leading if len(leading) else None, unled,
                  tuple(n for n in unled if n not in gated), literal_search)


def regex_literals(body: str) -> list[str]:
    """Runs of plain characters, one of which every match of the regular expression ``body``
    holds as written (its case aside under IGNORECASE): the longest run outside any group,
    repeat or assertion, or for an expression that is alternatives at its top level, one such
    run per alternative. Empty when some match need hold none, or the expression cannot be read."""
    try:
        from re import _constants, _parser  # the parser of Python's own engine (3.11+)

        items = list(_parser.parse(body))
    except Exception:  # any failure only turns the pre-check off
        return []
    if len(items) == 1 and items[0][0] is _constants.BRANCH:
        runs = [_longest_run(list(branch), _constants.LITERAL) for branch in items[0][1][1]]
    else:
        runs = [_longest_run(items, _constants.LITERAL)]
    return runs if all(runs) else []


def _longest_run(items: list, literal_op) -> str:
    runs, run = [], []
    for op, value in items:
        if op is literal_op:
            run.append(chr(value))
        else:
            runs.append("".join(run))
            run = []
    runs.append("".join(run))
    return max(runs, key=len)


def gate_literals(cues: list[str]) -> tuple[str, ...] | None:
    """Lower-case texts, one of which each cue's matches hold (:func:`regex_literals`),
    for a cheap check before the gate: where the lowered text lines up with the text and holds
    none of them, no cue matches. None when a cue has no such ASCII text."""
    texts = []
    for cue in cues:
        body = cue[len(CASE_PREFIX):] if cue.startswith(CASE_PREFIX) else cue
        literals = regex_literals(cue_to_regex(body))
        if not literals or not all(literal.isascii() for literal in literals):
            return None
        texts.extend(literal.lower() for literal in literals)
    return tuple(dict.fromkeys(texts))


def _written_first_word(cue: str) -> str:
    """The first word of a plain cue as written, wildcard included (case prefix dropped); empty
    for regular expressions and empty cues."""
    if cue.startswith(CASE_PREFIX):
        cue = cue[len(CASE_PREFIX):]
    cue = cue.strip()
    if cue.startswith(REGEX_PREFIX) or not cue:
        return ""
    return cue.split()[0]


def _stands_alone(cue: str) -> bool:
    """Whether the cue's regular expression compiles on its own (a balanced expression, which
    the bounds wrapped around it apply to as a whole)."""
    try:
        re.compile(cue_to_regex(cue[len(CASE_PREFIX):] if cue.startswith(CASE_PREFIX) else cue))
    except re.error:
        return False
    return True


def cue_gate(cues: list[tuple[str, bool]]) -> re.Pattern | None:
    """One pattern that finds a match wherever any of ``cues`` (``(cue, match_case)``) would:
    their bounded patterns as alternatives, each with its own case setting. A text where it finds
    nothing holds no match of any of them. None when the cues cannot be joined."""
    parts = []
    for cue, match_case in cues:
        body = cue_to_regex(cue[len(CASE_PREFIX):] if cue.startswith(CASE_PREFIX) else cue)
        parts.append(f"(?{'-' if match_case else ''}i:(?:{body})(?![\\w]))")
    try:
        return re.compile(rf"(?<![\w])(?:{'|'.join(parts)})")
    except re.error:
        return None


def _first_word(cue: str) -> str:
    """:func:`_written_first_word` without its trailing wildcard."""
    return _written_first_word(cue).rstrip("*")


def leading_text(cue: str) -> str:
    """The text (as written) every match of ``cue`` starts with, up to its first apostrophe or
    wildcard, when it is ASCII; empty for regular expressions and otherwise."""
    word = _first_word(cue)
    for ch in APOSTROPHES:
        word = word.split(ch)[0]
    return word if word.isascii() else ""


# The characters other than ASCII that the regular expression engine matches, ignoring case, to
# an ASCII character (dotted and dotless i, long s, Kelvin sign; tests/core/test_patterns.py checks the
# list against every code point). Where none but the Kelvin sign (lower case "k") occurs and
# lowering keeps every character one character, the lowered text holds, at the same offset, the
# lowered leading text of every match of a cue that ignores case.
_ODD_FOLDS = "\u0130\u0131\u017f\u212a"
_ODD_LOWERS = "\u0131\u017f"


def _occurrences(text: str, needle: str):
    """Every start of ``needle`` in ``text``, ascending, overlaps included."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def first_char(cue: str) -> str:
    """The ASCII letter or digit (as written) that every match of ``cue`` starts with; empty for
    regular expressions and for cues that start otherwise."""
    word = _first_word(cue)
    return word[0] if word and word[0].isascii() and word[0].isalnum() else ""


# texts at least this long are searched from the word starts of each cue's first letter, shorter
# ones with a plain scan (a matter of speed only: both give the same matches)
INDEX_MIN_CHARS = 300
_WORD_START = re.compile(r"(?<![\w])\w")


@lru_cache(maxsize=16)
def word_starts(text: str) -> dict[tuple[str, bool], list[int]]:
    """Positions where a word character follows no word character, ascending, under each
    ``(first, ignore_case)`` that the engine matches to the character there (``first`` an ASCII
    letter or digit; with IGNORECASE the engine also matches e.g. the Kelvin sign to ``k``)."""
    by_char: dict[str, list[int]] = {}
    for match in _WORD_START.finditer(text):
        by_char.setdefault(match.group(), []).append(match.start())
    starts: dict[tuple[str, bool], list[int]] = {}
    for char, positions in by_char.items():
        for key in ascii_firsts(char):
            if key in starts:
                starts[key] = sorted(starts[key] + positions)
            else:
                starts[key] = positions
    return starts


_ASCII_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=4096)
def ascii_firsts(char: str) -> tuple[tuple[str, bool], ...]:
    """Every ``(first, ignore_case)`` whose pattern ``first`` (an ASCII letter or digit) the
    regular expression engine matches to ``char``."""
    return tuple((first, ignore_case) for first in _ASCII_ALNUM for ignore_case in (False, True)
                 if re.fullmatch(first, char, re.IGNORECASE if ignore_case else 0))


def scan(pattern: re.Pattern, text: str, candidates: list[int]):
    """The matches ``pattern.finditer(text)`` yields, trying only the ``candidates`` positions
    (ascending): for a pattern that matches nothing empty and can start nowhere else."""
    position = 0
    for candidate in candidates:
        if candidate < position:
            continue
        match = pattern.match(text, candidate)
        if match:
            yield match
            position = match.end()


def find_cues(text: str, cues, offset: int = 0, led: dict | None = None,
              gate_literal: bool | None = None) -> list[Hit]:
    """Every match of ``cues`` (a :class:`CueSet` or a list of ``(key, cue, match_case)``) in
    ``text``, offsets plus ``offset``.

    Within one key, overlapping matches are reduced to the longest (``military cooperation`` and
    ``military`` both in one frame count once); different keys may share a span. ``led``: the
    places of the cues' leading texts in ``text`` when already found (``cues.leading.starts(text,
    word_starts=True)``, as :func:`find_cues_each` finds them for many texts in one pass);
    ``gate_literal``: whether ``text`` holds one of ``cues.gate_literals`` when already known
    (False only for a text whose lowered form lines up with it), else None.
    """
    if not isinstance(cues, CueSet):
        cues = cue_set(tuple(cues))
    found: dict[str, list[Hit]] = {}
    lowered = text.lower()
    # where the lowered text lines up with the text (see _ODD_FOLDS), a cue is tried only where
    # its leading text occurs; elsewhere long texts are tried at word starts
    aligned = len(lowered) == len(text) and not any(ch in text for ch in _ODD_LOWERS)
    indexed = len(text) >= INDEX_MIN_CHARS
    # one pass finds where each cue's leading text may start (folded as the engine matches it,
    # case aside: analysis.core.literals), so only the cues found there are tried, and only there
    if led is None:
        led = cues.leading.starts(text, word_starts=True) if cues.leading is not None else {}
    unled = cues.unled
    if cues.gated:  # the gate decides for all the gated cues at once (all without leading text)
        if gate_literal is False:
            gate_open = False
        else:
            gate_open = (not aligned or cues.gate_literals is None or gate_literal or any(
                literal in lowered for literal in cues.gate_literals)) and \
                cues.gate.search(text) is not None
        if not gate_open:
            unled = cues.ungated  # none of the gated cues matches anywhere in the text
    tried = sorted((*led, *unled)) if unled else sorted(led)
    # (where the lowered text lines up with the text, a match implies its literal is present;
    # elsewhere the literal check below drops some, e.g. "ıran" for "iran": as it always did)
    present: set[str] | None = None  # the literals in the text (_present), when first needed
    starts = None
    for n in tried:
        key, cue, literal, pattern, first, ignore_case, leading = cues.entries[n]
        if literal and (not leading or not aligned):
            if present is None:
                present = _present(cues, lowered, aligned and indexed)
            if literal not in present:
                continue  # cheap pre-check: the cue's first word is nowhere in the text
        if leading:
            for m in scan(pattern, text, led[n]):
                if m.end() > m.start():
                    found.setdefault(key, []).append(
                        Hit(key, cue, m.start() + offset, m.end() + offset, m.group(0)))
            continue
        if indexed and first:
            if starts is None:
                starts = word_starts(text)
            matches = scan(pattern, text, starts.get((first, ignore_case), ()))
        else:
            matches = pattern.finditer(text)
        for m in matches:
            if m.end() > m.start():
                found.setdefault(key, []).append(
                    Hit(key, cue, m.start() + offset, m.end() + offset, m.group(0)))
    hits = []
    for key_hits in found.values():
        hits.extend(longest_first(key_hits))
    return sorted(hits, key=lambda h: (h.start, -h.end, h.key))


# between the texts :func:`find_cues_each` searches as one: not a word character, not in any
# leading text (those are ASCII words and the characters inside them), folded to one space
_TEXT_GAP = "\n"


def find_cues_each(texts: list[str], cues, offsets: list[int] | None = None) -> list[list[Hit]]:
    """``[find_cues(text, cues, offset) for text, offset in zip(texts, offsets)]``, the same hits,
    with one pass of the leading texts' matcher over all the texts (joined by a line break) in
    place of one per text, e.g. over an article's sentences.

    Same candidates: a leading text holds no white space, so each of its places lies inside one
    text, and the character before a text's start (a line break) is, like the start of a text, no
    word character. The gate's literals (:attr:`CueSet.gate_literals`) are looked for once in the
    joined text too, so a text that holds none skips the gate as :func:`find_cues` would, and a
    text with no candidate and no cue to try but those behind a shut gate is not searched at all.
    """
    if not isinstance(cues, CueSet):
        cues = cue_set(tuple(cues))
    offsets = list(offsets) if offsets is not None else [0] * len(texts)
    if cues.leading is None or len(texts) < 2:
        return [find_cues(text, cues, offset) for text, offset in zip(texts, offsets)]
    bounds, position = [], 0
    for text in texts:
        bounds.append(position)
        position += len(text) + len(_TEXT_GAP)
    joined = _TEXT_GAP.join(texts)
    local: list[dict] = [{} for _ in texts]
    n = 0
    for start, values in cues.leading.candidates(joined, word_starts=True):
        while n + 1 < len(bounds) and bounds[n + 1] <= start:
            n += 1
        at = start - bounds[n]
        for value in values:
            local[n].setdefault(value, []).append(at)
    seen: list[bool | None] = [None] * len(texts)
    if cues.gated and cues.gate_literal_search is not None:
        lowered = joined.lower()
        if len(lowered) == len(joined) and not any(ch in joined for ch in _ODD_LOWERS):
            # every text lines up with its lowered form, as the joined text does: a text's
            # lowered form is its stretch of the joined text's
            search = cues.gate_literal_search.search
            seen = [search(lowered, start, start + len(text)) is not None
                    for start, text in zip(bounds, texts)]
    bare = not cues.ungated  # a text without candidates, and the gate shut, has nothing to try
    return [[] if bare and not led and saw is False else find_cues(text, cues, offset, led, saw)
            for text, offset, led, saw in zip(texts, offsets, local, seen)]


_WORD_RUN = re.compile(r"\w+")


def _present(cues: CueSet, lowered: str, by_words: bool) -> set[str]:
    """The literals of ``cues`` that :func:`find_cues` needs to try: those in ``lowered``.

    With ``by_words`` (the lower-cased text lines up with the text, see :data:`_ODD_FOLDS`), a
    literal of ASCII word characters counts only at the start of a word of ``lowered``: at a
    match of its cue the text has no word character before it, and its word, lower-cased, is
    the literal (:attr:`CueSet.whole_literals`) or begins with it. A literal found only inside
    words has no match to give. Lower-casing keeps every character a word character or not,
    except the dotted capital I, which changes the length. One pass over the words replaces a
    search of the text per literal."""
    if not by_words or len(cues.literals) < 8:
        return {literal for literal in cues.literals if literal in lowered}
    words = set(_WORD_RUN.findall(lowered))
    present = words.intersection(cues.whole_literals)
    if cues.stem_literals:
        by_start: dict[str, list[str]] = {}
        for word in words:
            by_start.setdefault(word[:2], []).append(word)
        for stem in cues.stem_literals:
            if any(word.startswith(stem) for word in by_start.get(stem[:2], ())):
                present.add(stem)
    present.update(literal for literal in cues.other_literals if literal in lowered)
    return present


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
    return keep_non_overlapping(hits, lambda h: (-(h.end - h.start), h.start))


def keep_non_overlapping(hits: list[Hit], preference) -> list[Hit]:
    """The hits taken in the order of ``preference`` (a sort key), each kept unless it overlaps
    one kept before; returned in text order.

    Each kept hit marks its characters, and a hit is checked against the marks under it, so the
    work grows with the hits' total length, not with hits times kept hits (comparing with every
    kept hit was quadratic: a text holding one cue 100,000 times). A hit of no length is kept
    unless it lies strictly inside a kept one, as before."""
    if len(hits) < 2:
        return list(hits)
    low = min(h.start for h in hits)
    taken = bytearray(max(h.end for h in hits) - low)
    kept: list[Hit] = []
    for hit in sorted(hits, key=preference):
        start, end = hit.start - low, hit.end - low
        if start >= end:
            if all(hit.end <= k.start or hit.start >= k.end for k in kept):
                kept.append(hit)
        elif 1 not in taken[start:end]:
            taken[start:end] = b"\x01" * (end - start)
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)
