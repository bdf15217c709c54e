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
