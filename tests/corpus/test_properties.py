"""Property-based tests (hypothesis) for cleaning and segmentation: any text, no exception, offsets
that hold, and a cleaned text that the cleaning log explains (issue 19 item 7)."""

from hypothesis import given
from hypothesis import strategies as st

from analysis.corpus.clean import clean_lines
from analysis.corpus.document import document_from_raw
from analysis.corpus.load import RawArticle
from analysis.corpus.segment import split_sentences, words
from tests.properties import check_covers, check_spans, news_text, replay_log


@given(news_text, st.integers(min_value=0, max_value=10_000))
def test_sentences_are_ordered_stripped_and_cover_every_non_space_character(text, offset):
    spans = split_sentences(text, offset)
    check_spans(spans, offset, offset + len(text))
    check_covers(text, spans, offset)
    for start, end in spans:
        sentence = text[start - offset:end - offset]
        assert sentence == sentence.strip()


@given(news_text)
def test_words_are_ordered_and_hold_no_white_space(text):
    spans = words(text)
    check_spans(spans, 0, len(text))
    assert not any(ch.isspace() for start, end in spans for ch in text[start:end])


@given(news_text)
def test_the_cleaning_log_explains_the_cleaned_text(text):
    lines = list(enumerate(text.splitlines(), start=1))
    cleaned = clean_lines(lines)
    kept = replay_log(lines, cleaned.log)
    assert " ".join(" ".join(p.text for p in cleaned.paragraphs).split()) == " ".join(" ".join(kept).split())
    for paragraph in cleaned.paragraphs:
        assert paragraph.text and paragraph.text == paragraph.text.strip()
        assert paragraph.role in ("title", "body")


@given(news_text)
def test_a_document_has_offsets_into_its_text_and_sentences_cover_each_paragraph(text):
    doc = document_from_raw(RawArticle("p", "p.txt", text))
    check_spans([(p.start, p.end) for p in doc.paragraphs], 0, len(doc.text))
    check_covers(doc.text, [(p.start, p.end) for p in doc.paragraphs])
    for paragraph in doc.paragraphs:
        assert doc.text[paragraph.start:paragraph.end] == paragraph.text
        inside = [(s.start, s.end) for s in doc.sentences if s.paragraph_id == paragraph.paragraph_id]
        check_spans(inside, paragraph.start, paragraph.end)
        check_covers(paragraph.text, inside, paragraph.start)
    check_spans([(s.start, s.end) for s in doc.sentences], 0, len(doc.text))
    assert all(doc.text[s.start:s.end] == s.text for s in doc.sentences)
