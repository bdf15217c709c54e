"""Quote matching across outlets: the same statement quoted by several outlets, and how it drifts.

Quotes (``quotes`` table of :mod:`analysis.attribution.extract`) of one event are compared across articles
when their speakers agree. Wording is compared with rapidfuzz (Bachmann, rapidfuzz 3.x):
``token_set_ratio`` for "the same statement in other words", and a word-level partial alignment
(``partial_ratio`` over words encoded as single characters) for "one is part of the other".
A quote may match several quotes of one other article: one outlet splitting what another quotes
whole gives one-to-many rows. Each match carries a word-level diff (``difflib``) in wdiff notation:
``[-removed-]`` words of quote a, ``{+added+}`` words of quote b.
"""

from __future__ import annotations

import difflib
import html
import re
from collections import defaultdict

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

# token_set_ratio (0-100) at which two quotes of one speaker are the same statement. Calibrated on
# the seeds' Kim quotes (docs/compare.md): the split halves score 88 and 75 against the whole,
# unrelated cross-outlet quote pairs of the seeds at most 46.
VARIANT_THRESHOLD = 65
# With no speaker on one side the wording alone must be near-identical.
UNATTRIBUTED_THRESHOLD = 90
# Word-level partial alignment (0-100) at which the shorter quote is a verbatim part of the longer.
FRAGMENT_THRESHOLD = 90
FRAGMENT_LENGTH_RATIO = 0.8  # the shorter has at most this share of the longer's words
WINDOW_SLACK = 3  # words the diff window of a partial match may widen by at either end
MIN_FUZZY_WORDS = 4  # shorter quotes match only exactly: 3 words share too much by chance

QUOTE_MATCH_COLUMNS = ["article_id_a", "quote_id_a", "article_id_b", "quote_id_b", "speaker",
                       "similarity", "match_kind", "diff", "event", "outlet_a", "outlet_b",
                       "text_a", "text_b", "n_parts", "copies_a", "copies_b"]
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_DIFF_TOKEN = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}|([^\[{]+|[\[{])")


def words(text: str) -> list[str]:
    """Lower-cased words of a quote (punctuation and quote marks dropped)."""
    return [w.replace("’", "'") for w in _WORD.findall(str(text).lower())]


def _encode(*sequences: list[str]) -> list[str]:
    """Each word as one private-use character, so character algorithms work on words."""
    codes: dict[str, str] = {}
    return ["".join(codes.setdefault(w, chr(0xE000 + len(codes))) for w in seq)
            for seq in sequences]


def word_partial(short: list[str], long: list[str]) -> tuple[float, int, int]:
    """Best alignment of ``short`` inside ``long`` at word level: score 0-100 (100 = verbatim
    part) and the ``long`` word window [start, end) it aligns with."""
    if not short or not long:
        return 0.0, 0, 0
    a, b = _encode(short, long)
    found = fuzz.partial_ratio_alignment(a, b)
    if found is None:
        return 0.0, 0, len(long)
    return found.score, found.dest_start, found.dest_end


def classify(text_a: str, text_b: str, same_speaker: bool = True) -> tuple[str, float]:
    """``(match_kind, similarity)`` of two quotes; kind ``''`` when they do not match.

    Kinds: ``exact`` (same words), ``fragment`` (the shorter is a verbatim part of the longer),
    ``variant`` (the same statement in other words). Similarity 0-1, higher = closer wording.
    """
    wa, wb = words(text_a), words(text_b)
    if not wa or not wb:
        return "", 0.0
    if wa == wb:
        return "exact", 1.0
    short, long = sorted((wa, wb), key=len)
    if len(short) < MIN_FUZZY_WORDS:
        return "", 0.0
    partial, _, _ = word_partial(short, long)
    if partial >= FRAGMENT_THRESHOLD and len(short) <= FRAGMENT_LENGTH_RATIO * len(long):
        return "fragment", round(partial / 100, 3)
    score = fuzz.token_set_ratio(" ".join(wa), " ".join(wb))
    if score >= (VARIANT_THRESHOLD if same_speaker else UNATTRIBUTED_THRESHOLD):
        return "variant", round(score / 100, 3)
    return "", 0.0


def word_diff(text_a: str, text_b: str) -> str:
    """Word-level diff from quote a to quote b in wdiff notation (``[-a only-]``, ``{+b only+}``).

    When one quote is much shorter, only the stretch of the longer one it aligns with is diffed;
    the rest is shown as ``…``.
    """
    wa, wb = words(text_a), words(text_b)
    prefix = suffix = ""
    if wa and wb and min(len(wa), len(wb)) <= FRAGMENT_LENGTH_RATIO * max(len(wa), len(wb)):
        short, long = (wb, wa) if len(wa) > len(wb) else (wa, wb)
        start, end = _diff_window(short, long)
        prefix, suffix = ("… " if start > 0 else ""), (" …" if end < len(long) else "")
        if long is wa:
            wa = wa[start:end]
        else:
            wb = wb[start:end]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(wa[i1:i2]))
            continue
        if i2 > i1:
            out.append("[-" + " ".join(wa[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(wb[j1:j2]) + "+}")
    return prefix + " ".join(out) + suffix


def _diff_window(short: list[str], long: list[str]) -> tuple[int, int]:
    """The stretch of ``long`` to diff ``short`` against: the best equal-length alignment,
    widened to the start or end of ``long`` when that is at most ``WINDOW_SLACK`` words away (a
    reworded quote is rarely the same length as its source, and its last words are often the
    reworded ones: "territorial integrity" -> "territorial stability")."""
    _, start, end = word_partial(short, long)
    if start <= WINDOW_SLACK:
        start = 0
    if len(long) - end <= WINDOW_SLACK:
        end = len(long)
    return start, end


def diff_html(diff: str) -> str:
    """A wdiff string as escaped HTML: removed words struck through in red, added words green."""
    parts = []
    for removed, added, same in _DIFF_TOKEN.findall(str(diff)):
        if removed:
            parts.append("<del style='background:#fde8e8'>" + html.escape(removed) + "</del>")
        elif added:
            parts.append("<ins style='background:#e6f4ea'>" + html.escape(added) + "</ins>")
        else:
            parts.append(html.escape(same))
    return "".join(parts)


def _speaker_key(value) -> str:
    return "" if value is None or pd.isna(value) else str(value).strip().lower()


SCAN_ROWS = 64  # quotes of one speaker scored against the ones after them at a time: the scores
#                of a pair and its mirror are equal (token-set ratio), so half the matrix is enough


def candidate_pairs(records: list[dict]) -> list[tuple[int, int]]:
    """Positions (k < m) of quote pairs worth classifying: other article, same speaker (or one side
    without a speaker) and a ``token_set_ratio`` that can reach a match.

    Blocked by speaker, and pre-filtered with rapidfuzz's ``process.cdist`` (C++), so a large event
    is not compared pair by pair in Python. An exact match and a verbatim fragment have token-set
    ratio 100, so the pre-filter loses none of them.
    """
    norm = [" ".join(words(r["text"])) for r in records]
    by_speaker: dict[str, list[int]] = defaultdict(list)
    unattributed = []
    for k, record in enumerate(records):
        speaker = _speaker_key(record.get("speaker"))
        (by_speaker[speaker] if speaker else unattributed).append(k)
    pairs: set[tuple[int, int]] = set()

    def scan(rows: list[int], cols: list[int], cutoff: float) -> None:
        if not rows or not cols:
            return
        scores = process.cdist([norm[k] for k in rows], [norm[m] for m in cols],
                               scorer=fuzz.token_set_ratio, score_cutoff=cutoff, workers=1)
        for r, c in zip(*np.nonzero(scores)):
            k, m = sorted((rows[r], cols[c]))
            if records[k]["article_id"] != records[m]["article_id"]:
                pairs.add((k, m))

    for group in by_speaker.values():  # the ratio is symmetric: each group's upper triangle
        for start in range(0, len(group), SCAN_ROWS):
            scan(group[start:start + SCAN_ROWS], group[start:], VARIANT_THRESHOLD)
    scan(unattributed, list(range(len(records))), UNATTRIBUTED_THRESHOLD)
    return sorted(pairs)


def match_quotes(quotes: pd.DataFrame, outlet_of: dict[str, str], event: str,
                 republished: dict[str, str] | None = None) -> pd.DataFrame:
    """Quote matches between articles of one event (each unordered pair once, a before b).

    Copies of one story quote the same words: pass only the quotes of one article per story (the
    stage leaves the copies out, :func:`analysis.compare.syndication.copy_ids`), so a match
    between two copies is never counted as drift and each story counts once.

    Args:
        quotes: the event's quotes: ``article_id``, ``quote_id``, ``text``, ``speaker``.
        outlet_of: article id -> outlet.
        event: copied into every row.
        republished: article id -> outlets that republished its story (``copies_a``/``_b``).

    Returns:
        The ``quote_matches`` rows; ``n_parts`` = how many quotes of article b match quote a
        (2 or more: b splits what a quotes whole).
    """
    rows = []
    records = quotes.sort_values(["article_id", "quote_id"]).to_dict("records")
    verdicts: dict[tuple, tuple[str, float]] = {}  # the same wording recurs (wire copy, reprints)
    diffs: dict[tuple[str, str], str] = {}
    for k, m in candidate_pairs(records):
        qa, qb = records[k], records[m]
        sa, sb = _speaker_key(qa.get("speaker")), _speaker_key(qb.get("speaker"))
        texts = (qa["text"], qb["text"])
        key = (*texts, bool(sa and sb))
        if key not in verdicts:
            verdicts[key] = classify(*texts, same_speaker=bool(sa and sb))
        kind, similarity = verdicts[key]
        if kind:
            if texts not in diffs:
                diffs[texts] = word_diff(*texts)
            rows.append({"article_id_a": qa["article_id"], "quote_id_a": qa["quote_id"],
                         "article_id_b": qb["article_id"], "quote_id_b": qb["quote_id"],
                         "speaker": qa.get("speaker") if sa else qb.get("speaker", ""),
                         "similarity": similarity, "match_kind": kind,
                         "diff": diffs[texts], "event": event,
                         "outlet_a": outlet_of.get(qa["article_id"], ""),
                         "outlet_b": outlet_of.get(qb["article_id"], ""),
                         "text_a": qa["text"], "text_b": qb["text"],
                         "copies_a": (republished or {}).get(qa["article_id"], ""),
                         "copies_b": (republished or {}).get(qb["article_id"], "")})
    found = pd.DataFrame(rows, columns=QUOTE_MATCH_COLUMNS)
    if not found.empty:
        parts = found.groupby(["quote_id_a", "article_id_b"])["quote_id_b"].transform("count")
        parts_b = found.groupby(["quote_id_b", "article_id_a"])["quote_id_a"].transform("count")
        found["n_parts"] = parts.where(parts >= parts_b, parts_b).astype(int)
    return found
