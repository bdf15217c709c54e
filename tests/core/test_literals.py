"""The shared multi-pattern matcher (analysis/core/literals.py)."""

import re
import sys

from analysis.core.literals import LiteralIndex, fold, key_of, squeeze, unsqueezed


def test_fold_keeps_one_character_for_one():
    for text in ["KİM", "ΟΔΟΣ", "Straße", "ſtate", "\u212aelvin", "a\u2009b\nc\td", "It’s `x`"]:
        assert len(fold(text)) == len(text)
    assert fold("Kim’s\u00a0UN\tlab") == "kim's un lab"
    assert fold("It`s") == "it's"


def test_fold_joins_every_pair_the_engine_matches_ignoring_case():
    # every character with a case mapping against every other: where re.IGNORECASE matches one
    # to the other, they fold alike (so a folded literal misses no match)
    cased = [chr(c) for c in range(sys.maxunicode + 1)
             if chr(c).lower() != chr(c) or chr(c).upper() != chr(c)]
    pool = "".join(cased)
    for char in cased:
        for other in re.findall(re.escape(char), pool, re.IGNORECASE):
            assert fold(char) == fold(other), (hex(ord(char)), hex(ord(other)))


def test_fold_makes_every_white_space_a_space():
    spaces = re.findall(r"\s", "".join(chr(c) for c in range(sys.maxunicode + 1)))
    assert len(spaces) > 20 and fold("".join(spaces)) == " " * len(spaces)
    assert fold("a\u3000b\u2028c") == "a b c"
    # fold skips the search for white space in a printable text: no white space but " " is
    # printable, and each one alone in a printable text still folds to a space
    assert [s for s in spaces if s.isprintable()] == [" "]
    assert all(fold(f"Ab{s}c") == "ab c" for s in spaces)


def test_squeeze_maps_offsets_back():
    assert squeeze("a b") == ("a b", None)
    folded = "ab  c   d"
    squeezed, cuts = squeeze(folded)
    assert (squeezed, cuts) == ("ab c d", [(3, 1), (5, 3)])
    assert [folded[unsqueezed(n, cuts)] for n in range(len(squeezed))] == list("ab c d")
    assert key_of("Kim  Jong\tUn") == "kim jong un"


def test_candidates_overlapping_and_mapped_back():
    index = LiteralIndex()
    index.add("Kim", "kim")
    index.add("Kim Jong Un", "full")
    index.add("UN", "un")
    index.add("un", "un-lower")
    text = "Kim  Jong\nUn met the UN. KİM"
    assert index.candidates(text) == [
        (0, ("full",)), (0, ("kim",)), (10, ("un", "un-lower")), (21, ("un", "un-lower")),
        (25, ("kim",))]
    assert index.starts(text) == {"full": [0], "kim": [0, 25], "un": [10, 21],
                                  "un-lower": [10, 21]}


def test_candidates_of_an_empty_index():
    assert LiteralIndex().candidates("anything") == []
    assert len(LiteralIndex()) == 0


def test_word_starts_drop_what_follows_a_word_character():
    index = LiteralIndex()
    index.add("can", "can")
    index.add("UN", "un")
    text = "American can; _can, (can) under UN’s fun x-un ²un"
    assert index.starts(text) == {"can": [5, 9, 15, 21], "un": [26, 32, 38, 43, 47]}
    assert index.starts(text, word_starts=True) == {"can": [9, 21], "un": [26, 32, 43]}


def test_the_word_start_check_is_the_engines_word_class():
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1))
    words = set(re.findall(r"\w", everything))
    assert {ch for ch in everything if ch.isalnum() or ch == "_"} == words


def test_candidates_in_texts_with_runs_of_white_space_are_the_regex_scan_of_each_literal():
    # a text with runs of white space is searched squeezed and its places mapped back (one walk
    # over the cuts); the places must be those of a plain search of each literal's pattern
    import random

    from analysis.core.literals import _word_start

    literals = ["kim", "kim jong un", "un", "talks", "a b", "it's", "war"]
    index = LiteralIndex()
    for literal in literals:
        index.add(literal, literal)
    pattern = {lit: re.compile(r"\s+".join(re.escape(w) for w in lit.split()).replace("'", "['’]"),
                               re.IGNORECASE) for lit in literals}
    words = ["Kim", "Jong", "Un", "talks", "a", "b", "it’s", "war", "warm", "x", "UN."]
    rng = random.Random(3)
    squeezed = 0
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice([" ", "  ", "\n\n", " \t ", ""])
                       for _ in range(rng.randint(0, 12)))
        squeezed += "  " in fold(text)
        for word_starts in (False, True):
            expected = sorted((m.start(), lit) for lit in literals
                              for at in range(len(text))
                              if (m := pattern[lit].match(text, at)) and m.start() == at
                              and (not word_starts or _word_start(text, at)))
            got = sorted((start, lit) for start, values in index.candidates(text, word_starts)
                         for lit in values)
            assert got == expected, text
    assert squeezed > 100
