"""analysis/voice_sentiment.py: scoring voice pieces with a given (memoised) scorer."""

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.measures import voice_sentiment


def test_score_voices_uses_the_scorer_given_and_matches_vader():
    pieces = [("quoted", "a wonderful, great and friendly meeting"), ("own", "a terrible war"),
              ("own", "a terrible war")]
    calls = []

    def scorer(text):
        calls.append(text)
        return SentimentIntensityAnalyzer().polarity_scores(text)

    assert voice_sentiment.score_voices(pieces, scorer) == voice_sentiment.score_voices(pieces)
    assert calls == [p for _, p in pieces]


def test_voice_sentiment_reuses_the_sentence_scores_of_the_document():
    from analysis.attribution.stage import document_from_text
    from analysis.entities.registry import default_registry
    from analysis.measures.sentiment import score_sentences
    from analysis.run.pipeline import Context, Options

    doc = document_from_text("t", "The talks went well. Kim said “we are ready” on Monday.")
    score_sentences(doc)
    stored = dict(doc.derived["vader_scores"])
    rows = voice_sentiment.voice_sentiment(doc, Context(Options(), default_registry()))["voice_sentiment"]
    assert {"own", "quoted"} <= {r["voice"] for r in rows}
    assert doc.derived["vader_scores"]["The talks went well."] is stored["The talks went well."]


def _pieces_every_pair(text, sentences, spans):
    """The reference: every span against every sentence."""
    pieces = []
    for span in spans:
        for s_start, s_end in sentences:
            a, b = max(span["start"], s_start), min(span["end"], s_end)
            if b > a and text[a:b].strip():
                pieces.append((span["voice"], text[a:b]))
    return pieces


def test_voice_pieces_match_every_span_against_every_sentence():
    import random

    rng = random.Random(2)
    text = "".join(rng.choice("ab  .") for _ in range(120))
    for _ in range(500):
        cuts = sorted(rng.sample(range(121), rng.randint(0, 12)))
        sentences = [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]
        if rng.random() < 0.2:
            rng.shuffle(sentences)  # out of order: every pair is tried
        spans = [{"voice": rng.choice(["own", "quoted"]), "start": a, "end": a + rng.randint(-3, 40)}
                 for a in (rng.randint(0, 120) for _ in range(rng.randint(0, 6)))]
        assert voice_sentiment.voice_pieces(text, sentences, spans) == _pieces_every_pair(
            text, sentences, spans)
