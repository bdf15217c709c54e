"""Cue lexicon and hedges."""

import csv

from analysis.attribution.cues import COMPLEMENTS, CUE_CLASSES, find_cues, hedge_before, read_cue_lexicon
from analysis.core.config import resource


def test_every_row_has_class_complement_and_source():
    with open(resource("cue_verbs.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            assert row["class"] in CUE_CLASSES and row["complement"] in COMPLEMENTS
            assert row["source"].strip(), row["lemma"]


def test_forms_and_classes():
    lexicon = read_cue_lexicon()
    assert lexicon["told"][:2] == ("tell", "neutral")
    assert lexicon["conceded"][1] == "loaded" and lexicon["boasted"][1] == "loaded"
    assert lexicon["according to"][2] == "prep"


def test_multiword_cues_and_offsets():
    cues = find_cues("As per the ministry, he pointed out the risk.", 100)
    assert [(c.form, c.start) for c in cues] == [("As per", 100), ("pointed out", 124)]


def test_masked_spans_are_skipped():
    text = "“I said no,” she said."
    assert [c.start for c in find_cues(text, 0, [(0, 12)])] == [17]


def test_hedge_before_cue():
    assert hedge_before("Kim reportedly ") == "reportedly"
    assert hedge_before("Kim ") == ""


def test_cue_matches_are_what_the_whole_cue_regex_finds():
    import random

    from analysis.attribution.cues import _cue_regex, cue_matches

    forms = sorted(read_cue_lexicon())
    words = forms + ["Said", "SAYS", "\u212anows", "\u017faid", "re-said", "un’said", "it's", "the",
                     "According", "to", "-", ",", "\n", "“", "x", "Putin", "state", "news"]
    rng = random.Random(5)
    for _ in range(300):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        expected = [(m.start(), m.end()) for m in _cue_regex().finditer(text)]
        assert [(m.start(), m.end()) for m in cue_matches(text)] == expected, text


def test_cue_matches_where_only_first_words_are_tried():
    """Texts that lower-case in line (no dotted or dotless i, long s or Kelvin sign) take the path
    that tries only the occurrences of first words; glued pieces test the word edges."""
    import random

    from analysis.attribution.cues import _candidates, _cue_regex, _first_words, cue_matches

    forms = sorted(read_cue_lexicon())
    words = forms + ["Said", "SAYS", "re-said", "un’said", "it's", "the", "hAs", "was", "As",
                     "According", "to", "Putin", "state", "news", "Ünal", "asked2", "_said"]
    glue = [" ", " ", " ", "", "-", "’", "'", ", ", "\n", "“", "\u00e9"]
    rng = random.Random(11)
    for _ in range(400):
        pieces = [rng.choice(words) + rng.choice(glue) for _ in range(rng.randint(1, 40))]
        text = "".join(pieces)
        assert _candidates(text, _first_words()) is not None, text
        expected = [(m.start(), m.end()) for m in _cue_regex().finditer(text)]
        assert [(m.start(), m.end()) for m in cue_matches(text)] == expected, text
    assert _candidates("\u0130t said", _first_words()) is None


def test_first_words_of_the_forms():
    from analysis.attribution.cues import _first_words

    words = _first_words()
    assert {"said", "according", "as", "in"} <= words and "to" not in words - {
        f for f in read_cue_lexicon() if " " not in f}
