"""Descriptors in linear time on any text (issue 19 item 3): a count of passes, no clocks."""

from analysis.attribution.voice import VoiceSpan
from analysis.corpus.document import document_from_raw
from analysis.corpus.load import RawArticle
from analysis.entities.discovery import discover
from analysis.entities.registry import default_registry
from analysis.measures.descriptors import descriptor_rows


class CountingSpans(list):
    """Voice spans that count the passes over them."""

    passes = 0

    def __iter__(self):
        CountingSpans.passes += 1
        return super().__iter__()


def _passes_over_the_spans(n: int) -> tuple[int, list[dict]]:
    text = " ".join("North Korean leader Kim Jong Un met Russian President Vladimir Putin."
                    for _ in range(n))
    doc = document_from_raw(RawArticle("t", "t.txt", text))
    spans = CountingSpans(VoiceSpan(p.start, p.end, "own") for p in doc.body_paragraphs)
    CountingSpans.passes = 0
    rows = descriptor_rows(doc, discover(doc, default_registry()), spans)
    return CountingSpans.passes, rows


def test_a_descriptor_reads_its_voice_from_the_spans_over_it_not_from_every_span():
    few, rows = _passes_over_the_spans(3)
    many, more_rows = _passes_over_the_spans(30)
    assert len(more_rows) > len(rows) > 0 and all(r["voice"] == "own" for r in more_rows)
    assert few == many


class _NoSlices(list):
    """Sentences that must not be copied from a position on (a copy of the rest per span)."""

    def __getitem__(self, index):
        if isinstance(index, slice):
            raise AssertionError("the sentence list was sliced")
        return super().__getitem__(index)


def test_voice_pieces_read_the_sentences_after_each_span_without_copying_the_rest():
    from analysis.measures.voice_sentiment import voice_pieces

    text = "One. Two. Three. Four."
    sentences = [(0, 4), (5, 9), (10, 16), (17, 22)]
    spans = [{"voice": "own", "start": 0, "end": 9}, {"voice": "quoted", "start": 10, "end": 22}]
    assert voice_pieces(text, _NoSlices(sentences), spans) == [
        ("own", "One."), ("own", "Two."), ("quoted", "Three."), ("quoted", "Four.")]
