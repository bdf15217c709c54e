"""Tests for analysis/corpus/segment.py: literal sentences and their spans."""

import pytest

from analysis.corpus.segment import count_words, split_sentences, words


def sentences(text):
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("He met the U.S. ambassador. Then he left.", ["He met the U.S. ambassador.", "Then he left."]),
    ("The U.N. panel met. It ended.", ["The U.N. panel met.", "It ended."]),
    ("On Jun. 19 Putin came. He left.", ["On Jun. 19 Putin came.", "He left."]),
    ("John F. Kennedy spoke. He left.", ["John F. Kennedy spoke.", "He left."]),
    ("Mr. Smith met Dr. Jones at 3 p.m. on Monday.", ["Mr. Smith met Dr. Jones at 3 p.m. on Monday."]),
    ("He said “yes.” Then he left.", ["He said “yes.”", "Then he left."]),
    ("It was his first visit.The Kremlin said so.", ["It was his first visit.", "The Kremlin said so."]),
    ("It ended in the U.S. The next day was calm.", ["It ended in the U.S.", "The next day was calm."]),
    ("“Why?” he asked. Nobody knew!", ["“Why?” he asked.", "Nobody knew!"]),
    ("Prices rose 3.5 per cent. Exports fell.", ["Prices rose 3.5 per cent.", "Exports fell."]),
])
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_spans_are_offsets_with_an_offset_added():
    text = "One. Two."
    assert split_sentences(text, offset=10) == [(10, 14), (15, 19)]


def test_words_keep_acronyms_and_inner_apostrophes():
    text = "Putin’s U.S. visit, well-timed."
    assert [text[a:b] for a, b in words(text)] == ["Putin’s", "U.S.", "visit", "well-timed"]
    assert count_words(text) == 4


def test_count_words_counts_the_word_spans():
    import random

    rng = random.Random(9)
    pieces = ["U.S.", "Kim’s", "co-operate", "a", "42", "--", "'", " ", "\n", "É", "_", "x.y."]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert count_words(text) == len(words(text))


# The boundary pattern as it was before it was made linear (issue 19): the same boundaries, found
# by retrying every run of marks from each of its marks.
PLAIN_BOUNDARY = (
    r"(?P<punct>[.!?…]+)(?P<close>[\"'”’»)\]]*)"
    r"(?:(?P<space>\s+)(?=[\"'“‘«(\[]*[A-Z0-9À-Ý])|(?=[A-Z][a-z]))"
)


def test_the_linear_boundary_pattern_finds_what_the_plain_one_found():
    import random
    import re

    from analysis.corpus.segment import BOUNDARY

    plain = re.compile(PLAIN_BOUNDARY)
    rng = random.Random(19)
    pieces = [".", "..", "!", "?", "…", "”", "’", ")", "“", "(", " ", "  ", "\n", "A", "Ab", "a",
              "9", "É", "Mr", "U.S", "x"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 25)))
        assert [m.span() for m in BOUNDARY.finditer(text)] == [m.span() for m in plain.finditer(text)], text


@pytest.mark.parametrize("text, expected", [
    ("He" + "." * 30_000, ["He" + "." * 30_000]),
    (".!?…" * 2_000 + " End.", [".!?…" * 2_000, "End."]),
    ("A. " * 10_000, ["A."] * 10_000),
])
def test_runs_of_marks_split_in_linear_time(text, expected):
    # "He" and 30,000 dots took 85 s with the plain pattern (quadratic); now milliseconds. The bound
    # is loose for a shared machine: a quadratic return would take minutes.
    import time

    started = time.perf_counter()
    assert sentences(text) == expected
    assert time.perf_counter() - started < 5
