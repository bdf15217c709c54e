"""Property-based tests (hypothesis) for the quote finder and attribution: any text, no exception,
every offset inside the text and the voice stretches covering the body (issue 19 item 7)."""

from hypothesis import given

from analysis.attribution.quotes import ALL_MARKS, quotes_in_paragraphs, top_level
from analysis.attribution.stage import attribution_rows, document_from_text
from analysis.entities.registry import default_registry
from analysis.run.article import Context, Options
from benchmarks.fuzz import paragraphs_of
from tests.properties import check_spans, news_text

CONTEXT = Context(Options(), default_registry())


@given(news_text)
def test_quotes_lie_in_their_paragraph_and_top_level_ones_do_not_overlap(text):
    paragraphs = paragraphs_of(text)
    quotes = quotes_in_paragraphs(paragraphs)
    for q in quotes:
        start, line = next((s, t) for s, t in paragraphs if s <= q.start < s + max(len(t), 1))
        assert start <= q.start <= q.inner_start <= q.inner_end <= q.end <= start + len(line), q
        if not q.continued:
            assert text[q.start] in ALL_MARKS, q
    check_spans([(q.start, q.end) for q in top_level(quotes)], 0, len(text))


@given(news_text)
def test_attribution_rows_point_into_the_text_and_voice_covers_the_body(text):
    doc = document_from_text("p", text)
    rows = attribution_rows(doc, CONTEXT)
    for a in rows["attributions"]:
        assert 0 <= a["content_start"] <= a["content_end"] <= len(text)
        assert a["content"] == text[a["content_start"]:a["content_end"]]
        if a["speaker_start"] is not None:
            assert 0 <= a["speaker_start"] <= a["speaker_end"] <= len(text)
    for q in rows["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)
        assert q["text"] in text[q["start"]:q["end"]]
    voice = [(v["start"], v["end"]) for v in rows["voice_spans"]]
    check_spans(voice, 0, len(text))
    body = {i for p in doc.body_paragraphs for i in range(p.start, p.end)}
    assert {i for s, e in voice for i in range(s, e)} == body
