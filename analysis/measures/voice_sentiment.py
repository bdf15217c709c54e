"""Voice split: sentiment of an outlet's own words against what it quotes and what it reports.

An outlet can sound warm only because it quotes a leader's praise. The voice spans come from
:func:`analysis.attribution.voice.voice_spans` (attribution); each span is cut at sentence boundaries and each
piece scored with VADER's compound score (Hutto & Gilbert 2014, vaderSentiment 3.3.2, the authors'
reference code), then averaged per article and voice, weighted by words. Without
``analysis.attribution.voice`` the stage writes nothing and the comparison notes say so.
"""

from __future__ import annotations

import importlib
from bisect import bisect_right
from functools import lru_cache
from itertools import islice

from analysis.core import schema
from analysis.core.schema import ARTICLE_ID, Table, _cols
from analysis.corpus.segment import count_words

SCORER = "vaderSentiment 3.3.2 compound"

schema.register(Table(
    "voice_sentiment",
    "Sentiment per article and voice (own words, quoted, reported speech), word-weighted mean of "
    "VADER compound scores of the voice's pieces cut at sentence boundaries.",
    _cols(
        ARTICLE_ID,
        ("voice", "str", "`own`, `quoted` or `reported` (schema voices)"),
        ("n_spans", "int", "sentence pieces in this voice", "pieces"),
        ("n_words", "int", "words in this voice", "words"),
        ("compound", "float", "word-weighted mean VADER compound; -1 negative .. +1 positive",
         "score -1..1"),
        ("scorer", "str", "what scored the pieces"),
    )))

@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def voice_module():
    """``analysis.attribution.voice`` when installed (attribution), else None."""
    try:
        return importlib.import_module("analysis.attribution.voice")
    except ImportError:
        return None


def _field(span, name: str):
    return span[name] if isinstance(span, dict) else getattr(span, name)


def voice_pieces(text: str, sentences: list[tuple[int, int]], spans) -> list[tuple[str, str]]:
    """``(voice, piece)`` for every span cut at sentence boundaries (offsets into ``text``)."""
    in_order = all(s <= e for s, e in sentences) and all(
        a[1] <= b[0] for a, b in zip(sentences, islice(sentences, 1, None)))
    ends = [end for _, end in sentences] if in_order else []
    pieces = []
    for span in spans:
        voice, start, end = _field(span, "voice"), int(_field(span, "start")), int(_field(span, "end"))
        # sentences in text order: only those from the first ending after the span's start
        first = bisect_right(ends, start) if in_order else 0
        for at in range(first, len(sentences)):  # not a copy of the rest per span (issue 19)
            s_start, s_end = sentences[at]
            if in_order and s_start >= end:
                break
            a, b = max(start, s_start), min(end, s_end)
            if b > a and text[a:b].strip():
                pieces.append((voice, text[a:b]))
    return pieces


def score_voices(pieces: list[tuple[str, str]], polarity=None, count=count_words
                 ) -> dict[str, dict]:
    """Per voice: pieces, words and word-weighted mean compound (-1..1, higher = more positive).

    ``polarity``: VADER's ``polarity_scores`` or a memoised equivalent (default: VADER's own);
    ``count``: :func:`~analysis.corpus.segment.count_words` or a memoised equivalent.
    """
    polarity = polarity or _analyzer().polarity_scores
    totals: dict[str, dict] = {}
    for voice, piece in pieces:
        n = count(piece)
        if not n:
            continue
        compound = polarity(piece)["compound"]
        entry = totals.setdefault(voice, {"n_spans": 0, "n_words": 0, "weighted": 0.0})
        entry["n_spans"] += 1
        entry["n_words"] += n
        entry["weighted"] += compound * n
    return {voice: {"n_spans": e["n_spans"], "n_words": e["n_words"],
                    "compound": round(e["weighted"] / e["n_words"], 4)}
            for voice, e in totals.items()}


def voice_sentiment(doc, context) -> dict[str, list[dict]]:
    """Article stage: ``voice_sentiment`` rows of one article (none without
    ``analysis.attribution.voice``)."""
    module = voice_module()
    if module is None:
        return {}
    spans = module.voice_spans(doc, context)
    sentences = [(s.start, s.end) for s in doc.body_sentences]
    from analysis.corpus.document import words_in
    from analysis.measures.sentiment import polarity_scores

    scored = score_voices(voice_pieces(doc.text, sentences, spans),
                          lambda piece: polarity_scores(doc, piece),
                          lambda piece: words_in(doc, piece))
    return {"voice_sentiment": [
        {"article_id": doc.article_id, "voice": voice, **scored[voice], "scorer": SCORER}
        for voice in schema.VOICES if voice in scored]}


voice_sentiment.english_only = True
