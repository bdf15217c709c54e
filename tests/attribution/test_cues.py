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


def _per_form_search(text: str) -> list:
    """The search that ``cue_matches`` made before the shared literal index: every occurrence of
    each first word present as a whole run of the lower-cased text (``str.find`` word by word),
    or every word start where lowering does not keep the text in line. Kept here as the
    reference the index must agree with."""
    import re

    from analysis.attribution.cues import _RUN_CHARS, _cue_regex_at, _first_words

    first_words = _first_words()
    lowered = text.lower()
    if len(lowered) != len(text) or any(ch in text for ch in "\u0130\u0131\u017f\u212a"):
        candidates = [m.start() for m in re.finditer(r"(?<![\w])(?=(\w[\w’'-]*))", text)]
    else:
        candidates = []
        for word in first_words.intersection(_RUN_CHARS.findall(lowered)):
            at = lowered.find(word)
            while at >= 0:
                candidates.append(at)
                at = lowered.find(word, at + 1)
        candidates.sort()
    found, position = [], 0
    for at in candidates:
        if at < position:
            continue
        pattern = _cue_regex_at(text[at])
        match = pattern.match(text, at) if pattern is not None else None
        if match:
            found.append(match)
            position = match.end()
    return found


# sentences written for this test: cues in every case, glued to apostrophes, hyphens and other
# words, after curly quotes, across runs of white space, with characters that fold oddly
CUE_SENTENCES = [
    "The minister said that the bridge would reopen, according to a statement.",
    "ACCORDING TO officials, the plan was approved; she TOLD reporters so.",
    "He re-said it, un’said it and then said it again—said he.",
    "“We will not,” says Ms Arden. “Never,” she added, pointing out the risk.",
    "According  to\tthe report, as   per the rules, the council\nsaid nothing.",
    "It was \u0130t said; \u017faid the clerk; the \u212anows were mentioned; \u0131t claimed.",
    "In remarks on Tuesday, the mayor noted: costs rose; reports that he resigned were denied.",
    "Asked2 about it, _said the bot; asked about it, the aide declined to comment.",
    "Ünal said the state news agency reported the claim, and officials claimed the win.",
    "The readings reported so far exceed limits, she explained, and warned of delays.",
    "",
    "said",
    "Said.",
]


def test_cue_index_finds_what_the_per_form_search_found():
    """The shared literal index gives the cues the per-form search gave, and both the whole cue
    regex's matches, on written sentences and on random ones glued at word edges."""
    import random

    from analysis.attribution.cues import _cue_regex, cue_matches

    def spans(matches):
        return [(m.start(), m.end(), m.group(0)) for m in matches]

    forms = sorted(read_cue_lexicon())
    words = forms + ["Said", "SAYS", "re-said", "un’said", "it's", "the", "hAs", "was", "As",
                     "According", "to", "Putin", "state", "news", "Ünal", "asked2", "_said",
                     "\u212anows", "\u017faid", "\u0130t"]
    glue = [" ", " ", " ", "", "-", "’", "'", ", ", "\n", "“", "\u00e9", "  ", "\t"]
    rng = random.Random(11)
    texts = list(CUE_SENTENCES)
    for _ in range(400):
        texts.append("".join(rng.choice(words) + rng.choice(glue)
                             for _ in range(rng.randint(1, 40))))
    assert sum(len(cue_matches(text)) for text in CUE_SENTENCES) >= 25
    for text in texts:
        expected = spans(_cue_regex().finditer(text))
        assert spans(cue_matches(text)) == expected, text
        assert spans(_per_form_search(text)) == expected, text
    assert [(c.form, c.start) for c in find_cues(CUE_SENTENCES[0])] == [
        ("said", 13), ("according to", 48)]


def test_first_words_of_the_forms():
    from analysis.attribution.cues import _first_words

    words = _first_words()
    assert {"said", "according", "as", "in"} <= words and "to" not in words - {
        f for f in read_cue_lexicon() if " " not in f}


def test_state_is_a_verb_only_before_what_is_stated():
    forms = lambda text: [c.form for c in find_cues(text)]  # noqa: E731
    assert forms("The council met in five states last year.") == []
    assert forms("Tull won her home state, and three western states followed.") == []
    assert forms("Lindqvist, a state senator from Orrin County, spoke first.") == []
    assert forms("The memo states that the bridge is unsafe.") == ["states"]
    assert forms("The notice states: no ferries on Sunday.") == ["states"]
    assert forms("The leaflet states, “Vote early.”") == ["states"]
    assert forms("The rules require them to state their income.") == ["state"]
    assert forms("Oduya stated that the vote was fair.") == ["stated"]
    assert forms("“Ferries run daily,” the Tessam leaflet states.") == ["states"]
    assert forms("The charter names a panel, and it states its duties.") == ["states"]


def test_show_with_a_particle_is_no_cue():
    forms = lambda text: [c.form for c in find_cues(text)]  # noqa: E731
    assert forms("Fewer tenants showed up at the Orrin hall meeting.") == []
    assert forms("The volunteers show off the new ferry.") == []
    assert forms("The ledgers show that the fund ran dry.") == ["show"]


def test_a_reporters_credit_line_is_no_cue():
    forms = lambda text: [c.form for c in find_cues(text)]  # noqa: E731
    assert forms("Okafor reported from Tessam.") == []
    assert forms("Okafor reported from Orrin, Vt.; Lund, from Tessam.") == []
    assert forms("Okafor reported from Tessam that the ferry had sunk.") == ["reported"]
    assert forms("The Orrin Gazette reported the closure.") == ["reported"]
