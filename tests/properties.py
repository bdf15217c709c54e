"""Shared pieces of the property-based tests (hypothesis): text strategies, settings profiles and
the checks several test files make.

Profiles: ``ci`` (the default) runs a small fixed sample, a few seconds per test; ``fuzz`` runs
``NEWSPRISM_HYPOTHESIS_EXAMPLES`` (default 1,000) fresh examples per test with the 2-second goal of
issue 19 as the deadline. Choose with ``NEWSPRISM_HYPOTHESIS=fuzz``::

    NEWSPRISM_HYPOTHESIS=fuzz .venv/bin/python -m pytest tests -k properties
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "ci", max_examples=25, deadline=None, derandomize=True, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("NEWSPRISM_HYPOTHESIS_EXAMPLES", "1000")),
    deadline=timedelta(seconds=2), print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("NEWSPRISM_HYPOTHESIS", "ci")
settings.load_profile(PROFILE)


def fewer_in_ci(examples: int):
    """A test decorator: only ``examples`` examples under the ``ci`` profile (for tests that run
    the whole article, about a second each); the profile's number otherwise."""
    return settings(max_examples=examples) if PROFILE == "ci" else (lambda test: test)

# Pieces of news text and of what scrapes and hostile inputs hold: words, names, abbreviations,
# cue verbs, every kind of quotation mark, sentence marks, odd white space and line breaks.
PIECES = (
    "said", "told", "says", "according to", "reportedly", "Kim Jong Un", "Putin", "Mr.", "U.S.",
    "Jr.", "A.", "he", "she", "they", "the", "of", "and", "but", "Reuters", "(AP)", "By",
    "Related:", "Advertisement", "Loading...", "Updated: 2024", "3.5%", "1,000", "e.g.", "Why It "
    "Matters:", "“", "”", "‘", "’", "\"", "'", "''", "«", "»", "‹", "›", "„", "`", ".", "..", "!",
    "?", "…", "—", "–", "-", ":", ";", ",", "(", ")", "[", "]", ">", "|", "/", "*", " ", "  ",
    "\t", "\n", "\n\n", "\r\n", "\r", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", "\xa0",
    "\u200b", "\x00", "\x1b", "\ufeff", "é", "e\u0301", "İ", "ß", "\u212a", "ﬁ", "Â€™", "שלום",
    "北朝鮮", "\U0001f600", "{{ x }}", "©", "&amp;", "<b>",
)
SENTENCES = (
    "North Korean leader Kim Jong Un has extended his full support for Russia’s war.",
    "“We will not accept these terms,” union leader Grace Mbeki said.",
    "Putin said the two countries would deepen their military cooperation.",
    "According to Foreign Minister Kenji Sato, the government was prepared to act.",
    "The talks, he added, were “productive and frank.”",
    "Mayor Daniel Reyes insisted: “People are angry and they have every right to be.”",
    "Crowds outside the ministry building. (AP Photo/File)",
)

piece = st.one_of(st.sampled_from(PIECES), st.sampled_from(SENTENCES), st.text(max_size=12))
news_text = st.lists(piece, max_size=60).map(" ".join) | st.lists(piece, max_size=60).map("".join)


def check_spans(spans, low: int, high: int) -> None:
    """``spans`` are ``(start, end)`` inside ``[low, high]``, non-empty, ordered, non-overlapping."""
    previous = low
    for start, end in spans:
        assert previous <= start < end <= high, (spans, low, high)
        previous = end


def check_covers(text: str, spans, offset: int = 0) -> None:
    """Every character of ``text`` that is not white space lies in one of ``spans``."""
    covered = set()
    for start, end in spans:
        covered.update(range(start - offset, end - offset))
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and i not in covered]
    assert not missing, (text, missing[:5])


def replay_log(lines: list[tuple[int, str]], log) -> list[str]:
    """The kept lines, rebuilt from the raw lines and the cleaning log alone: a line with a
    ``removed`` or ``to_metadata`` row leaves, a ``changed`` row replaces its text (a line changed
    to nothing leaves), every other non-blank line stays as it is."""
    by_line: dict[int, list] = {}
    for row in log:
        by_line.setdefault(row.line_no, []).append(row)
    kept = []
    for line_no, text in lines:
        rows = by_line.get(line_no, [])
        if any(row.action in ("removed", "to_metadata") for row in rows):
            continue
        for row in rows:
            if row.action == "changed":
                text = row.result
        if text.strip():
            kept.append(text)
    return kept


def lines_run(path_end: str, call) -> int:
    """How many lines of the module whose file name ends with ``path_end`` ``call()`` runs (a
    count of steps, not a time)."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if frame.f_code.co_filename.endswith(path_end):
            if event == "line":
                count += 1
            return tracer
        return None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        call()
    finally:
        sys.settrace(previous)
    return count
