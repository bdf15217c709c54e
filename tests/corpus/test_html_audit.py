"""Tests for analysis/corpus/html_audit.py and the audited HTML reading in analysis/corpus/load.py."""

from analysis.corpus import html_audit
from analysis.corpus.document import document_from_raw
from analysis.corpus.load import LEFT_OUT_KEY, iter_corpus

PARAGRAPHS = [
    "The river authority said on Monday that water levels had fallen to their lowest point in "
    "forty years, and asked farmers upstream to cut the amount they draw for irrigation.",
    "Barge operators have already reduced their loads by a third to keep their boats from "
    "running aground on the sandbanks that have appeared along the middle of the channel.",
    "“We have never seen the river this low in October,” said the authority's chief engineer, "
    "who expects rain to bring only partial relief before the winter.",
]
HEADLINE = "River falls to its lowest level in forty years"
PAGE = (
    "<html><head><title>River falls to its lowest level in forty years</title></head><body>"
    "<nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li>"
    "<li><a href='/s'>Sport</a></li></ul></nav>"
    f"<article><h1>{HEADLINE}</h1><p class='meta'>6 min read</p>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "</article><aside><h3>Most read</h3><ul><li><a href='/a'>Ferry fares rise again</a></li>"
    "<li><a href='/b'>New bridge opens to cyclists</a></li></ul></aside>"
    "<footer><p>Copyright 2024 The River Gazette</p></footer></body></html>"
)


def test_visible_lines_left_out_by_the_extraction_are_listed():
    lines = ["Home", "News", PARAGRAPHS[0], "Ferry fares rise again", PARAGRAPHS[1]]
    marks = html_audit.kept_lines(lines, PARAGRAPHS[0] + "\n" + PARAGRAPHS[1])
    assert marks == [False, False, True, False, True]


def test_a_repeated_summary_is_matched_only_once():
    lines = [PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[0]]
    assert html_audit.kept_lines(lines, "\n".join(PARAGRAPHS[:2])) == [True, True, False]


def test_a_short_line_counts_only_as_a_whole_line_of_the_extraction():
    lines = ["What the engineers found", "Sport", PARAGRAPHS[0]]
    extracted = "What the engineers found\n" + PARAGRAPHS[0]
    assert html_audit.kept_lines(lines, extracted) == [True, False, True]


def test_html_article_is_the_visible_text_with_every_left_out_line_logged(tmp_path):
    (tmp_path / "river.html").write_text(PAGE, encoding="utf-8")
    raw = next(iter(iter_corpus(tmp_path)))
    visible = raw.text.splitlines()
    assert raw.text_origin == "html-extracted"
    assert "Home" in visible and "Most read" in visible
    doc = document_from_raw(raw)
    kept = {p.raw_line for p in doc.paragraphs}
    logged = {r.line_no for r in doc.log}
    # the audit is complete: every visible line is kept or has a log row
    assert all(n in kept or n in logged for n, line in enumerate(visible, 1) if line.strip())
    left_out = {r.original for r in doc.log if r.rule == "html_extraction"}
    assert {"Home", "News", "Sport", "Ferry fares rise again"} <= left_out
    assert set(raw.metadata[LEFT_OUT_KEY]) == {r.line_no for r in doc.log if r.rule == "html_extraction"}


def test_html_headline_is_the_title_and_not_glued_to_the_first_paragraph(tmp_path):
    (tmp_path / "river.html").write_text(PAGE, encoding="utf-8")
    doc = document_from_raw(next(iter(iter_corpus(tmp_path))))
    assert doc.title == HEADLINE
    assert [p.text for p in doc.body_paragraphs] == PARAGRAPHS


STORY = (
    "<html><body><article>"
    f"<p>{PARAGRAPHS[0]}</p>"
    "<blockquote class='twitter-tweet'><p>The river is so low you can walk across it "
    "near the old mill this morning.</p>— A Reader (@areader) October 3, 2024</blockquote>"
    f"<p>{PARAGRAPHS[1]}</p>"
    "<p><a href='/a'>Ferry fares rise again for the third time this year</a></p>"
    "<p>Read the council's report <a href='/r'>here</a>, published on Monday.</p>"
    "</article></body></html>"
)


def test_page_blocks_carry_link_density_and_blockquotes():
    blocks = {b.text[:20]: b for b in html_audit.page_blocks(STORY)}
    assert blocks["Ferry fares rise aga"].link_density == 1.0
    assert blocks["The river is so low "].quoted
    assert not blocks[PARAGRAPHS[0][:20]].quoted
    assert blocks[PARAGRAPHS[0][:20]].link_density == 0.0


def test_structure_restores_quotes_inside_the_article_and_flags_link_headlines():
    lines = html_audit.visible_text(STORY).splitlines()
    texts = [line.strip() for line in lines]
    tweet = next(i for i, t in enumerate(texts) if t.startswith("The river is so low"))
    handle = next(i for i, t in enumerate(texts) if t.startswith("— A Reader"))
    ferry = next(i for i, t in enumerate(texts) if t.startswith("Ferry fares"))
    report = next(i for i, t in enumerate(texts) if t.startswith("Read the council"))
    marks = [bool(t) and i not in (tweet, handle) for i, t in enumerate(texts)]
    restored, headlines = html_audit.structure_votes(lines, marks, html_audit.page_blocks(STORY))
    assert {tweet, handle} <= restored
    assert ferry in headlines  # a link with no sentence end: another story's headline
    assert report not in headlines  # a sentence holding a link stays


def test_a_quote_outside_what_the_extractor_kept_is_not_restored():
    blocks = [html_audit.Block("Home", 1.0, False),
              html_audit.Block("A quoted line before the article begins.", 0.0, True),
              html_audit.Block(PARAGRAPHS[0], 0.0, False)]
    lines = ["Home", "A quoted line before the article begins.", PARAGRAPHS[0]]
    restored, headlines = html_audit.structure_votes(lines, [False, False, True], blocks)
    assert restored == set() and headlines == set()
