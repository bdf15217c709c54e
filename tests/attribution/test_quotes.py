"""Quotation-mark spans: literal sentences for each construction, unbalanced marks included."""

from analysis.attribution.quotes import find_quotes, quotes_in_paragraphs, top_level


def inner(text, **kw):
    return [(q.inner(text), q.depth, q.closed) for q in find_quotes(text, **kw)]


def test_curly_double_quote():
    assert inner("He said “we are ready” today.") == [("we are ready", 0, True)]


def test_straight_double_quote():
    assert inner('He said "we are ready" today.') == [("we are ready", 0, True)]


def test_single_quotes_in_a_headline():
    text = "North Korea ‘fully supports’ Russia on Ukraine - Kim tells Putin"
    assert inner(text) == [("fully supports", 0, True)]


def test_left_quote_typed_as_apostrophe_is_no_quote():
    assert inner("a UN panel that overlooked Kim‘s country.") == []
    assert inner("Don’t read the leaders’ talks as a quote.") == []


def test_nested_single_inside_double():
    text = '"Yes," she said, "the \'big\' deal is done."'
    assert inner(text) == [("Yes,", 0, True), ("the 'big' deal is done.", 0, True),
                           ("big", 1, True)]


def test_curly_nested():
    text = "“He called it ‘historic’ twice,” she said."
    assert inner(text) == [("He called it ‘historic’ twice,", 0, True), ("historic", 1, True)]


def test_partial_quote_inside_a_sentence():
    text = "Kim stated that relations enter a period of “new high prosperity” and more."
    assert inner(text) == [("new high prosperity", 0, True)]


def test_split_quote_gives_two_spans():
    assert inner("“A,” he said. “B.”") == [("A,", 0, True), ("B.", 0, True)]


def test_unclosed_double_quote_runs_to_paragraph_end():
    text = "He said “this never closes"
    quotes = find_quotes(text)
    assert [(q.inner(text), q.closed, q.end) for q in quotes] == [("this never closes", False,
                                                                   len(text))]


def test_stray_closing_mark_is_ignored():
    assert inner("This ends” without an opening mark.") == []


def test_new_opening_mark_closes_an_unclosed_one():
    text = "“One, he said. “Two.”"
    assert inner(text) == [("One, he said. ", 0, False), ("Two.", 0, True)]


def test_many_unbalanced_marks_never_raise():
    for text in ["“", "”", "‘", "’", "\"", "'", "“‘", "’”", "“a ‘b” c’", "'\"'\"'", "“““", ""]:
        find_quotes(text)  # must not raise
        assert all(q.start <= q.inner_start <= q.inner_end <= q.end for q in find_quotes(text))


def test_offsets_are_shifted():
    quotes = find_quotes("“x”", offset=100)
    assert (quotes[0].start, quotes[0].end, quotes[0].inner_start, quotes[0].inner_end) == (
        100, 103, 101, 102)


def test_multi_paragraph_quote_is_continued():
    first = "“The first paragraph of the quote goes on,"
    second = "“and the second ends it,” the minister said."
    quotes = top_level(quotes_in_paragraphs([(0, first), (len(first) + 2, second)]))
    assert [(q.closed, q.continued) for q in quotes] == [(False, False), (True, True)]
    assert quotes[0].end == len(first)


def test_unclosed_quote_without_continuation_is_not_continued():
    first = "“The quote never closes"
    second = "The next paragraph is plain."
    quotes = quotes_in_paragraphs([(0, first), (len(first) + 2, second)])
    assert [(q.closed, q.continued) for q in quotes] == [(False, False)]


def test_two_apostrophes_are_a_double_quote():
    text = "He said ''we pay a lot,'' and left. It isn't over."
    assert inner(text) == [("we pay a lot,", 0, True)]
    quote = find_quotes(text)[0]
    assert text[quote.start:quote.end] == "''we pay a lot,''"
