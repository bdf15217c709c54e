"""Tests for analysis/corpus/language.py (lingua's models ship in its wheel: no download)."""

from analysis.corpus.language import detect_language, is_english


def test_detects_english_and_german():
    assert detect_language("Putin arrived in North Korea early Wednesday morning, marking his return "
                           "to Pyongyang exactly 24 years after his last visit.") == "en"
    assert detect_language("Der russische Präsident ist am Mittwoch zu einem Staatsbesuch in Nordkorea "
                           "eingetroffen, zum ersten Mal seit vierundzwanzig Jahren.") == "de"


def test_too_short_is_undetermined():
    assert detect_language("Putin arrived in Pyongyang on Wednesday. He met Kim.") == "und"


def test_is_english():
    assert is_english("en") and is_english("en-GB") and not is_english("de") and not is_english("")


def _test_corpus_texts():
    """The body texts of the test corpora: the bundled corpus, the wrenfield fixture, the hostile
    corpus and generated articles (English and German), as the pipeline reads them."""
    import tempfile
    from pathlib import Path

    from analysis.corpus.document import document_from_raw
    from analysis.corpus.load import Rejection, iter_corpus
    from benchmarks.generate_corpus import make_article
    from tests.hostile import build_hostile_corpus

    root = Path(__file__).resolve().parents[2]
    with tempfile.TemporaryDirectory() as tmp:
        folders = [root / "data" / "raw" / "pyongyang-summit-2024",
                   root / "tests" / "fixtures" / "wrenfield-derailment",
                   build_hostile_corpus(Path(tmp) / "hostile")]
        for folder in folders:
            for raw in iter_corpus(folder):
                if not isinstance(raw, Rejection):
                    yield f"{folder.name}/{raw.article_id}", document_from_raw(raw).body_text()
    for index in range(400):  # the first 30 English and every German one
        article = make_article(7, index)
        if index < 30 or article["language"] != "en":
            yield article["article_id"], article["text"]


def test_the_sample_keeps_the_languages_of_the_test_corpora():
    # the first 1,000 characters give what the first 3,000 gave (the rule before issue 20)
    from analysis.corpus.language import MIN_CHARS, SAMPLE_CHARS, UNDETERMINED, _detector

    def before(text):
        sample = text[:3000]
        if len(sample.strip()) < MIN_CHARS:
            return UNDETERMINED
        found = _detector().detect_language_of(sample)
        return found.iso_code_639_1.name.lower() if found is not None else UNDETERMINED

    texts = dict(_test_corpus_texts())
    assert SAMPLE_CHARS == 1000 and len(texts) > 45
    assert sum(len(t) > 1500 for t in texts.values()) >= 15  # the sample is shorter than many
    languages = {name: detect_language(text) for name, text in texts.items()}
    assert languages == {name: before(text) for name, text in texts.items()}
    assert {"en", "de"} <= set(languages.values())


def test_the_sample_ends_with_a_whole_word():
    from analysis.corpus.language import language_sample

    assert language_sample("short text") == "short text"
    text = "a" * 998 + " Wednesday morning"
    assert language_sample(text) == "a" * 998 + " Wednesday"
    assert language_sample("x" * 2000) == "x" * 1040
