"""analysis/voicesplit.py: scoring voice pieces with a given (memoised) scorer."""

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis import voicesplit


def test_score_voices_uses_the_scorer_given_and_matches_vader():
    pieces = [("quoted", "a wonderful, great and friendly meeting"), ("own", "a terrible war"),
              ("own", "a terrible war")]
    calls = []

    def scorer(text):
        calls.append(text)
        return SentimentIntensityAnalyzer().polarity_scores(text)

    assert voicesplit.score_voices(pieces, scorer) == voicesplit.score_voices(pieces)
    assert calls == [p for _, p in pieces]


def test_voice_sentiment_reuses_the_sentence_scores_of_the_document():
    from analysis.entities import default_registry
    from analysis.pipeline import Context, Options
    from analysis.sentiment import score_sentences
    from analysis.sourcing import document_from_text

    doc = document_from_text("t", "The talks went well. Kim said “we are ready” on Monday.")
    score_sentences(doc)
    stored = dict(doc.derived["vader_scores"])
    rows = voicesplit.voice_sentiment(doc, Context(Options(), default_registry()))["voice_sentiment"]
    assert {"own", "quoted"} <= {r["voice"] for r in rows}
    assert doc.derived["vader_scores"]["The talks went well."] is stored["The talks went well."]
