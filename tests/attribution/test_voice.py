"""Voice spans: quoted, reported and own voice on literal sentences and on the seeds."""

import pytest

from analysis.attribution.stage import document_from_text
from analysis.attribution.voice import voice_of, voice_spans
from analysis.core.schema import VOICES
from analysis.corpus.load import iter_corpus
from analysis.run.article import prepare
from tests.conftest import SEED_2, SEED_CORPUS


def voice_at(text, phrase, doc=None):
    doc = doc or document_from_text("t", text)
    start = doc.text.index(phrase)
    return voice_of(voice_spans(doc), start, start + len(phrase))


@pytest.fixture(scope="module")
def seed2():
    return next(prepare(r) for r in iter_corpus(SEED_CORPUS) if r.article_id == SEED_2)


def test_spans_cover_every_body_paragraph_without_gaps(seed2):
    spans = voice_spans(seed2)
    assert {s.voice for s in spans} <= set(VOICES)
    for paragraph in seed2.body_paragraphs:
        inside = [s for s in spans if paragraph.start <= s.start < paragraph.end]
        assert inside[0].start == paragraph.start and inside[-1].end == paragraph.end
        assert all(a.end == b.start for a, b in zip(inside, inside[1:]))


def test_quoted_words():
    assert voice_at("The minister said “we are ready” on Monday.", "we are ready") == "quoted"


def test_said_that_clause_is_reported():
    text = "The minister said that the talks had failed."
    assert voice_at(text, "the talks had failed") == "reported"
    assert voice_at(text, "The minister") == "own"


def test_told_object_then_clause_is_reported():
    text = "Kim told Putin the alliance would last."
    assert voice_at(text, "the alliance would last") == "reported"


def test_according_to_clause_is_reported():
    text = "According to Reuters, the convoy left at noon."
    assert voice_at(text, "the convoy left at noon") == "reported"


def test_as_per_clause_is_reported():
    text = "As per the ministry, the agenda includes a concert."
    assert voice_at(text, "the agenda includes a concert") == "reported"


def test_postposed_cue_makes_the_clause_before_it_reported():
    text = "The leaders then went to the palace, Reuters reported."
    assert voice_at(text, "The leaders then went to the palace") == "reported"


def test_plain_narration_is_own_voice():
    assert voice_at("Putin arrived in Pyongyang on Wednesday.", "Putin arrived") == "own"


def test_seed_noun_phrase_complements_stay_own_voice(seed2):
    # framing acceptance (issue 4, point 3): these stay in the outlet's own voice
    assert voice_at(None, "Russia’s intervention", seed2) == "own"
    assert voice_at(None, "the Ukraine issue", seed2) == "own"
    assert voice_at(None, "the Moscow war in Ukraine", seed2) == "own"


def test_seed_characterised_as_only_the_as_part_is_reported(seed2):
    assert voice_at(None, "a stand against the long-standing dominance", seed2) == "reported"


def test_seed_quotes_are_quoted(seed2):
    assert voice_at(None, "to protect its own sovereignty", seed2) == "quoted"
    assert voice_at(None, "It was a show of strength", seed2) == "quoted"


def test_seed_reported_clause_after_according_to(seed2):
    assert voice_at(None, "the duo subsequently entered a fresh strategic alliance",
                    seed2) == "reported"


def _spans_char_by_char(start, end, marks):
    """The reference: every character takes the first highest-ranked mark over it."""
    from analysis.attribution.voice import _RANK, VoiceSpan

    voice = ["own"] * (end - start)
    owner = [""] * (end - start)
    for s, e, kind, attribution_id in marks:
        for i in range(max(s, start), min(e, end)):
            if _RANK[kind] > _RANK[voice[i - start]]:
                voice[i - start], owner[i - start] = kind, attribution_id
    spans, i = [], 0
    while i < end - start:
        j = i
        while j < end - start and (voice[j], owner[j]) == (voice[i], owner[i]):
            j += 1
        spans.append(VoiceSpan(start + i, start + j, voice[i], owner[i]))
        i = j
    return spans


def test_paragraph_spans_match_the_character_by_character_reference():
    import random

    from analysis.attribution.voice import _paragraph_spans

    rng = random.Random(8)
    for _ in range(2000):
        start, end = rng.randint(0, 30), rng.randint(0, 60)
        marks = []
        for n in range(rng.randint(0, 6)):
            s = rng.randint(-5, 65)
            marks.append((s, s + rng.randint(-2, 25), rng.choice(["reported", "quoted"]),
                          rng.choice(["", f"a{n}", "a0"])))
        assert _paragraph_spans(start, end, marks) == _spans_char_by_char(start, end, marks)
