"""Hedging and certainty markers per article, with sentences and voice."""

import pandas as pd
import pytest

from analysis.core.patterns import find_cues
from analysis.measures.hedging import hedge_rates, read_markers
from tests.conftest import SEED_1, SEED_2


def _markers(text):
    return [h.key for h in find_cues(text, [(m, c, False) for m, _, c in read_markers()])]


def test_markers_and_the_month_may():
    assert _markers("The talks may resume in May, it is likely, officials reportedly said.") == [
        "may", "likely", "reportedly"]
    assert _markers("Details were unclear and unconfirmed; it was confirmed later.") == [
        "unclear", "unconfirmed", "confirmed"]


def test_seed_hedges(seed_tables):
    hedges = seed_tables["hedges"]
    one = hedges[hedges["article_id"] == SEED_1]
    assert {"reportedly", "likely", "potential"} <= set(one["marker"])
    assert one.set_index("marker").loc["reportedly", "sentence_id"] == f"{SEED_1}:s6"
    two = hedges[hedges["article_id"] == SEED_2]
    quoted = two[two["voice"] == "quoted"]
    assert "according to" in set(quoted["marker"])  # 'according to Putin' sits inside a quotation
    assert hedges["hedge_id"].is_unique


def test_rates_per_1000_words():
    hedges = pd.DataFrame({"article_id": ["a", "a", "a"], "role": ["body", "body", "title"],
                           "category": ["hedge", "hedge", "hedge"], "voice": ["own", "quoted", "own"]})
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "n_words": [400]})
    rates = hedge_rates(hedges, articles).set_index("category")
    assert rates.loc["hedge", "markers"] == 2  # the title hit is not in the body
    assert rates.loc["hedge", "per_1000_words"] == pytest.approx(5.0)  # 2 / 400 * 1000
    assert rates.loc["hedge", "own_voice"] == 1
    assert rates.loc["certainty", "markers"] == 0


def test_marker_cues_are_the_markers_compiled_once():
    from analysis.measures.hedging import marker_cues

    markers = read_markers()
    cues = marker_cues(markers)
    assert marker_cues(markers) is cues
    assert [(key, cue) for key, cue, *_ in cues.entries] == [(m, c) for m, _, c in markers]
    text = "The leader reportedly said it is likely to rain, and clearly so."
    assert find_cues(text, cues) == find_cues(text, [(m, c, False) for m, _, c in markers])


def test_attribution_hedges_come_from_the_hedging_markers_file():
    from analysis.attribution.cues import hedge_in, read_hedges
    from analysis.measures.hedging import read_markers

    attribution = read_hedges()
    assert attribution == {"reportedly", "allegedly", "purportedly", "supposedly", "apparently"}
    hedges = {marker for marker, category, _ in read_markers() if category == "hedge"}
    assert attribution <= hedges  # one list: every attribution hedge is a hedging marker too
    assert hedge_in("Putin reportedly arrived late") == "reportedly"
    assert hedge_in("Putin arrived late, it may be said") == ""  # hedging, but not of an attribution


def test_the_voice_read_from_the_spans_over_a_stretch_is_the_voice_read_from_all():
    import random

    from analysis.attribution.voice import VoiceSpan, voice_of
    from analysis.measures.voice_lookup import VoiceLookup

    rng = random.Random(19)
    for _ in range(500):
        cuts = sorted(set(rng.sample(range(60), rng.randint(0, 12))))
        spans = [VoiceSpan(a, b, rng.choice(["own", "quoted", "reported"]), "")
                 for a, b in zip(cuts, cuts[1:]) if rng.random() < 0.8]
        lookup = VoiceLookup(spans)
        for _ in range(20):
            start = rng.randint(0, 62)
            end = start + rng.randint(0, 10)
            assert lookup.voice(start, end) == voice_of(spans, start, end)
