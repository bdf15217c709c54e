"""Tests for analysis/corpus/document.py: offsets, and results shared between stages."""

from analysis.attribution import extract as attribution
from analysis.attribution.voice import voice_spans
from analysis.corpus.document import document_from_raw, memo
from analysis.corpus.load import iter_corpus
from analysis.entities.registry import default_registry
from analysis.run.pipeline import Context, Options
from tests.conftest import SEED_2, SEED_CORPUS


def seed_doc():
    raw = next(i for i in iter_corpus(SEED_CORPUS) if i.article_id == SEED_2)
    return document_from_raw(raw)


def test_paragraph_and_sentence_offsets_index_the_cleaned_text():
    doc = seed_doc()
    assert doc.text.startswith("North Korea ‘fully supports’ Russia on Ukraine - Kim tells Putin\n\nPutin arrived")
    for unit in doc.paragraphs + doc.sentences:
        assert doc.text[unit.start:unit.end] == unit.text


def test_memo_computes_once_per_key():
    doc = seed_doc()
    calls = []
    first = memo(doc, "k", lambda: calls.append(1) or ["value"])
    again = memo(doc, "k", lambda: calls.append(1) or ["other"])
    assert first is again and calls == [1]


def test_stages_share_one_attribution_extraction(monkeypatch):
    doc = seed_doc()
    context = Context(Options(), default_registry())
    calls = []
    real = attribution._extract
    monkeypatch.setattr(attribution, "_extract", lambda d, r: calls.append(d.article_id) or real(d, r))
    spans = voice_spans(doc, context)
    assert voice_spans(doc, context) is spans
    assert attribution.extract(doc, context.registry) is attribution.extract(doc, context.registry)
    assert calls == [SEED_2]


def test_n_words_counts_body_words_once():
    from analysis.corpus.segment import count_words

    doc = seed_doc()
    expected = sum(count_words(p.text) for p in doc.paragraphs if p.role == "body")
    assert doc.n_words == expected and doc.derived["n_words"] == expected
