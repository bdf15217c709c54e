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


def test_a_run_with_no_sentence_end_is_cut_at_white_space_under_the_limit():
    from analysis.corpus.segment import cut_long

    text = "word " * 30 + "end."
    spans = cut_long(split_sentences(text, 10), text, 10, limit=42)
    assert all(e - s <= 42 for s, e in spans) and len(spans) == 4
    pieces = [text[s - 10 : e - 10] for s, e in spans]
    assert all(p == p.strip() and set(p.split()) <= {"word", "end."} for p in pieces)  # between words
    assert " ".join(pieces).split() == text.split()  # nothing lost, nothing added
    assert cut_long([(0, 5)], "short", limit=42) == [(0, 5)]
    assert cut_long([(0, 50)], "x" * 50, limit=20) == [(0, 20), (20, 40), (40, 50)]  # no space


def test_real_sentences_stay_whole_and_a_huge_one_becomes_pieces_with_a_warning():
    from analysis.corpus.clean import CleanParagraph, CleanResult
    from analysis.corpus.document import build_document
    from analysis.corpus.segment import MAX_SENTENCE_CHARS

    normal = "The mayor said the plant would reopen next week, after repairs. " * 3
    huge = "and then the water rose " * 1000  # 24,000 characters, no full stop
    paragraphs = [CleanParagraph(normal.strip(), "body", "", 1), CleanParagraph(huge.strip(), "body", "", 3)]
    doc = build_document("a", CleanResult(paragraphs, [], {}), {})
    body = [s for s in doc.sentences if s.paragraph_id == "a:p1"]
    assert len(body) >= 24000 // MAX_SENTENCE_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in doc.sentences)
    assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
    assert [s.text for s in doc.sentences if s.paragraph_id == "a:p0"] == [
        "The mayor said the plant would reopen next week, after repairs."] * 3
    assert any("paragraph 1: 1 sentence(s) of over 4,000 characters" in w for w in doc.warnings)
