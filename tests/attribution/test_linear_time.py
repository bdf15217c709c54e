"""Attribution in linear time on any text (issue 19 item 3): structural checks, no clocks.

Each test counts the work a quadratic version did once per cue, per quotation or per paragraph
(calls of the cue search, passes over the paragraphs or the marks) and asserts that the count
does not grow with the number of cues, quotations or paragraphs. Each fails on the version
before the fix.
"""

import pytest

from analysis.attribution import constructions, quotes
from analysis.attribution.constructions import _clause
from analysis.attribution.extract import extract
from analysis.attribution.stage import attribution_rows, document_from_text
from analysis.attribution.voice import _paragraph_spans
from analysis.entities.registry import default_registry
from analysis.run.article import Context, Options
from tests.properties import lines_run


def _cue_searches_in_constructions(monkeypatch, text: str) -> int:
    calls = []
    real = constructions.find_cues

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(constructions, "find_cues", counting)
    extract(document_from_text("t", text), default_registry())
    return len(calls)


@pytest.mark.parametrize("unit", ["said ", "Kim said ", "the aide said the minister told "])
def test_the_speaker_phrase_check_stops_searching_cues_per_cue_beyond_a_short_phrase(
        monkeypatch, unit):
    from analysis.attribution.constructions import PHRASE_SEARCH_LIMIT

    # one sentence: a cue's speaker phrase is all the text before it. Phrases up to the limit
    # are searched on their own; longer ones look up the paragraph's cues, found once
    repeats = 3 * PHRASE_SEARCH_LIMIT // len(unit)
    some = _cue_searches_in_constructions(monkeypatch, unit * repeats)
    twice_as_many = _cue_searches_in_constructions(monkeypatch, unit * 2 * repeats)
    assert some == twice_as_many <= 2 * PHRASE_SEARCH_LIMIT // len(unit) + 2  # two cues a unit at most


def test_a_long_phrase_is_looked_up_in_its_paragraph_and_a_short_one_searched_alone():
    filler = "the committee members from the northern provinces and their many advisers " * 7
    text = f"{filler}reported to the board said the talks would go on."
    doc = document_from_text("t", text)
    paragraph = doc.paragraphs[0]
    phrase = text[:text.index(" said")]
    assert len(phrase) > constructions.PHRASE_SEARCH_LIMIT
    assert constructions._holds_a_cue(phrase, 0, doc, paragraph) is True  # "reported"
    assert constructions._holds_a_cue(filler, 0, doc, paragraph) is False
    # a short phrase is searched alone, as before: at its end "report" reads as a verb
    assert constructions._holds_a_cue("the IMF report", 0, doc, paragraph) is \
        constructions._holds_a_cue("the IMF report") is True


def test_a_clause_reaches_a_bounded_stretch_around_its_cue_in_a_sentence_of_any_length():
    from analysis.attribution.constructions import CLAUSE_REACH_AFTER, CLAUSE_REACH_BEFORE

    text = "word " * 3000 + "Kim said " + "more words " * 3000 + "end."
    doc = document_from_text("t", text)
    paragraph = doc.paragraphs[0]
    position = doc.text.index("said")
    start, end = _clause(doc, paragraph, position, [])
    assert start == position - CLAUSE_REACH_BEFORE and end == position + CLAUSE_REACH_AFTER
    short = document_from_text("t", "Kim said the talks went well. Putin agreed.")
    sentence = short.sentences[0]
    assert _clause(short, short.paragraphs[0], short.text.index("said"), []) == \
        (sentence.start, sentence.end)


class CountingList(list):
    """A list that counts the passes over it (``for`` loops, comprehensions, ``enumerate``)."""

    def __init__(self, items):
        super().__init__(items)
        self.passes = 0

    def __iter__(self):
        self.passes += 1
        return super().__iter__()


def _paragraph_passes(n: int) -> int:
    text = "\n\n".join(f"“We will go on {i},” he said. “And on,” Kim added, according to Reuters."
                       for i in range(n))
    doc = document_from_text("t", text)
    doc.paragraphs = CountingList(doc.paragraphs)
    attribution_rows(doc, Context(Options(), default_registry()))
    return doc.paragraphs.passes


def test_quotations_find_their_paragraph_without_a_pass_over_every_paragraph():
    assert _paragraph_passes(10) == _paragraph_passes(60)


def test_paragraph_at_is_the_first_paragraph_holding_the_position():
    from analysis.attribution.extract import paragraph_at

    doc = document_from_text("t", "One.\n\nTwo two.\n\nThree three three.")
    for position in range(len(doc.text) + 2):
        scan = next((p for p in doc.paragraphs if p.start <= position < max(p.end, p.start + 1)),
                    None)
        assert paragraph_at(doc, position, default=None) is scan
        inclusive = next((p for p in doc.paragraphs if p.start <= position <= p.end), None)
        assert paragraph_at(doc, position, end_inside=True, default=None) is inclusive
    with pytest.raises(StopIteration):
        paragraph_at(doc, len(doc.text) + 5)


def test_quotes_read_the_next_paragraph_by_index_not_by_a_pass_over_all():
    def passes(n):
        paragraphs = CountingList([(i * 40, "“We will go on and on, he said") for i in range(n)])
        found = quotes.quotes_in_paragraphs(paragraphs)
        assert sum(q.continued for q in found) == n - 1  # each carried into the next
        return paragraphs.passes

    assert passes(5) == passes(50) == 1


def _voice_lines_per_quote(n: int) -> float:
    from analysis.attribution import voice

    text = "Kim said " + " and ".join(f"“word {i}”" for i in range(n)) + "."
    doc = document_from_text("t", text)
    extraction = extract(doc, default_registry())
    return lines_run("attribution/voice.py", lambda: voice._voice_spans(doc, extraction)) / n


def test_voice_spans_weigh_each_stretch_against_the_marks_over_it_not_against_all():
    # one paragraph of n quotations: the stretches between marks grow with n, and so did the
    # marks each stretch was compared with (lines run per quotation grew with n)
    assert _voice_lines_per_quote(160) <= 1.2 * _voice_lines_per_quote(20)


def _voice_lines_per_paragraph(n: int) -> float:
    from analysis.attribution import voice

    doc = document_from_text("t", "\n\n".join("“A,” he said. “B,” she said." for _ in range(n)))
    extraction = extract(doc, default_registry())
    return lines_run("attribution/voice.py", lambda: voice._voice_spans(doc, extraction)) / n


def test_voice_spans_do_not_filter_every_mark_for_every_paragraph():
    assert _voice_lines_per_paragraph(40) <= 1.2 * _voice_lines_per_paragraph(8)


def test_a_sweep_over_many_paragraphs_gives_each_paragraph_its_own_spans():
    import random

    from analysis.attribution.voice import _MarkSweep

    rng = random.Random(19)
    for _ in range(300):
        marks = []
        for n in range(rng.randint(0, 12)):
            s = rng.randint(-5, 200)
            marks.append((s, s + rng.randint(-2, 60), rng.choice(["reported", "quoted"]),
                          rng.choice(["", f"a{n}", "a0"])))
        bounds = sorted(rng.sample(range(0, 220), 8))
        paragraphs = list(zip(bounds[::2], bounds[1::2]))
        sweep = _MarkSweep(marks)
        together = [_paragraph_spans(s, e, marks, sweep) for s, e in paragraphs]
        alone = [_paragraph_spans(s, e, marks) for s, e in paragraphs]
        assert together == alone


class NoCopy(str):
    """Paragraph text that must not be stripped whole (a copy of the paragraph per quotation)."""

    def strip(self, *args):
        raise AssertionError("the paragraph was stripped once per quotation")


@pytest.mark.parametrize("text, fills", [("“All of it.”", True), ("  “All of it.”\u00a0\t", True),
                                         ("“Most” of it, here and there.", False)])
def test_a_quotation_fills_its_paragraph_measured_without_stripping_it(text, fills):
    from dataclasses import replace

    from analysis.attribution.extract import _fills_paragraph
    from analysis.attribution.quotes import find_quotes

    paragraph = document_from_text("t", "placeholder").paragraphs[0]
    quote = find_quotes(text)[0]
    assert _fills_paragraph(quote, replace(paragraph, text=NoCopy(text))) is fills


def _stop_at_next_speaker_reference(found):
    """The loop as it was: each attribution against every other."""
    from analysis.attribution.extract import _trim_end

    for a in found:
        if a.cue is None:
            continue
        later = [b.speaker.start for b in found if b is not a and b.speaker is not None
                 and b.cue is not None and a.cue.end < b.speaker.start < a.content_end
                 and b.content_end <= b.speaker.start]
        if later:
            a.content_end = _trim_end(a, min(later))


def test_contents_stop_at_the_next_speaker_as_the_pairwise_loop_did():
    import copy
    import random

    from analysis.attribution.constructions import Attribution
    from analysis.attribution.cues import Cue
    from analysis.attribution.extract import _stop_at_next_speaker
    from analysis.attribution.speakers import Speaker

    rng = random.Random(19)
    for _ in range(400):
        found = []
        for n in range(rng.randint(0, 9)):
            cue_start = rng.randint(0, 80)
            speaker_start = rng.randint(0, 100)
            cue = Cue("said", "say", "neutral", "clause", cue_start, cue_start + 4) \
                if rng.random() < 0.85 else None
            speaker = Speaker("K", "unknown", speaker_start, speaker_start + 3, "Kim", "", "name") \
                if rng.random() < 0.85 else None
            start = rng.randint(0, 90)
            end = start + rng.randint(1, 40)
            found.append(Attribution(f"a{n}", "indirect", speaker, cue, "", start, end, "p0",
                                     [(start, end)]))
        expected = copy.deepcopy(found)
        _stop_at_next_speaker_reference(expected)
        _stop_at_next_speaker(found)
        assert [(a.content_end, a.reported) for a in found] == \
            [(a.content_end, a.reported) for a in expected]


def test_contents_stop_at_the_next_speaker_without_a_pass_over_all_attributions():
    from analysis.attribution import extract as module

    def lines_per_attribution(n):
        found = extract(document_from_text("t", " ".join(["Kim said that the talks went well, "
                                                          "Putin said."] * n)),
                        default_registry()).attributions
        return lines_run("attribution/extract.py", lambda: module._stop_at_next_speaker(found)) / n

    assert lines_per_attribution(120) <= 1.2 * lines_per_attribution(15)


def test_cues_inside_masked_spans_are_skipped_as_by_a_test_of_every_span():
    import random

    from analysis.attribution.cues import find_cues

    text = "Kim said it. " * 12
    unmasked = find_cues(text)
    rng = random.Random(19)
    for _ in range(300):
        masked = []
        for _ in range(rng.randint(0, 6)):
            s = rng.randint(-5, len(text))
            masked.append((s, s + rng.randint(-3, 60)))  # overlapping and empty spans too
        expected = [c for c in unmasked if not any(s <= c.start < e for s, e in masked)]
        assert find_cues(text, 0, masked) == expected


def test_a_cue_is_tested_against_the_masked_spans_without_a_pass_over_all():
    from analysis.attribution.cues import find_cues

    def lines_per_cue(n):
        text = "“a” Kim said " * n
        masked = [(i * 13, i * 13 + 3) for i in range(n)]
        return lines_run("attribution/cues.py", lambda: find_cues(text, 0, masked)) / n

    assert lines_per_cue(200) <= 1.2 * lines_per_cue(25)


class _Scanned:
    """A compiled pattern that adds the characters each search, scan or substitution may read
    (from ``pos`` to ``endpos``) to a shared count; anchored matches are not counted."""

    def __init__(self, pattern, count):
        self._pattern, self._count = pattern, count

    def _read(self, string, pos=0, endpos=None):
        self._count[0] += (len(string) if endpos is None else min(endpos, len(string))) - pos

    def search(self, string, pos=0, endpos=None):
        self._read(string, pos, endpos)
        return self._pattern.search(string, pos, *(() if endpos is None else (endpos,)))

    def finditer(self, string, pos=0, endpos=None):
        self._read(string, pos, endpos)
        return self._pattern.finditer(string, pos, *(() if endpos is None else (endpos,)))

    def findall(self, string, pos=0, endpos=None):
        self._read(string, pos, endpos)
        return self._pattern.findall(string, pos, *(() if endpos is None else (endpos,)))

    def sub(self, repl, string, count=0):
        self._read(string)
        return self._pattern.sub(repl, string, count)

    def __getattr__(self, name):
        return getattr(self._pattern, name)


class _ScannedRe:
    """The ``re`` module as the constructions use it, with the same count for ``re.search``,
    ``re.findall``, ``re.finditer`` and ``re.sub`` on a pattern string."""

    def __init__(self, count):
        import re

        self._re, self._count = re, count

    def _wrap(self, pattern, flags=0):
        return _Scanned(self._re.compile(pattern, flags), self._count)

    def search(self, pattern, string, flags=0):
        return self._wrap(pattern, flags).search(string)

    def findall(self, pattern, string, flags=0):
        return self._wrap(pattern, flags).findall(string)

    def finditer(self, pattern, string, flags=0):
        return self._wrap(pattern, flags).finditer(string)

    def sub(self, pattern, repl, string, count=0, flags=0):
        return self._wrap(pattern, flags).sub(repl, string, count)

    def __getattr__(self, name):
        return getattr(self._re, name)


def _characters_scanned_per_cue(monkeypatch, text: str) -> float:
    import re

    count = [0]
    for name, value in list(vars(constructions).items()):
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(constructions, name, _Scanned(value, count))
    monkeypatch.setattr(constructions, "re", _ScannedRe(count))
    extraction_cues = []
    real = constructions.from_cue

    def counting(doc, paragraph, cue, *args):
        extraction_cues.append(cue)
        return real(doc, paragraph, cue, *args)

    from analysis.attribution import extract as module

    monkeypatch.setattr(module, "from_cue", counting)
    extract(document_from_text("t", text), default_registry())
    monkeypatch.undo()
    return count[0] / max(len(extraction_cues), 1)


@pytest.mark.parametrize("unit", ["said ", "Kim said ", "the aide said the minister told "])
def test_a_cue_reads_its_left_context_at_its_end_not_the_whole_clause(monkeypatch, unit):
    # one sentence of repeated cues: the clause before each cue reaches 1,000 characters
    # (CLAUSE_REACH_BEFORE); every end-anchored pattern read all of it from every position, so
    # the characters scanned per cue grew with the clause up to that reach
    from analysis.attribution.constructions import CLAUSE_REACH_BEFORE

    short = _characters_scanned_per_cue(monkeypatch, unit * (CLAUSE_REACH_BEFORE // 4 // len(unit)))
    long = _characters_scanned_per_cue(monkeypatch, unit * (4 * CLAUSE_REACH_BEFORE // len(unit)))
    assert long <= 1.3 * short + 50


def _random_text(rng, size: int) -> str:
    pieces = ["that ", "and ", "said ", "Kim ", "a", "b", " ", "  ", "\n", "'", "''", ",", ";",
              ":", "(", ")", "“", "”", "\"", "-", " - ", "—", "―", "–", "’", "as", "also ",
              "is ", "was ", "it is ", "to ", "quickly ", "family ", "(AP) ", "\u00a0", "x"]
    return "".join(rng.choice(pieces) for _ in range(size))


def test_the_last_clause_boundary_read_at_the_ends_equals_a_scan_of_the_whole_clause():
    import random

    from analysis.attribution.constructions import (
        BOUNDARY,
        _boundaries,
        _last_boundary,
    )

    rng = random.Random(19)
    for _ in range(600):
        text = _random_text(rng, rng.randint(1, 90))
        doc = document_from_text("t", text)
        for paragraph in doc.paragraphs:
            for _ in range(4):
                begin = rng.randint(paragraph.start, paragraph.end)
                end = rng.randint(begin, paragraph.end)
                core = doc.text[begin:end]
                for keep_and in (False, True):
                    last = None
                    for m in BOUNDARY.finditer(core):
                        if not (keep_and and m.group(0) == "and"):
                            last = (m.start(), m.end(), m.group(0))
                    assert _last_boundary(core, begin, keep_and,
                                          _boundaries(doc, paragraph)) == last, (core, keep_and)


def test_end_anchored_patterns_read_from_the_last_words_match_as_on_the_whole_text():
    import random

    from analysis.attribution import constructions as c

    checks = [(c.TO_END, 1), (c.COMMA_END, 1), (c.CLOSE_END, 1), (c.QUOTE_COMMA_END, 2),
              (c.QUOTE_END, 1), (c.AND_BUT_END, 1), (c.LAST_WORD_END, 1), (c.WORD_CHAR_END, 1),
              (c.PASSIVE, 2), (c.TRAILING_ADVERBS, 1), (c.OBJECT_OF_PREPOSITION, 1)]
    rng = random.Random(19)
    for _ in range(3000):
        text = _random_text(rng, rng.randint(0, 12))
        for pattern, words in checks:
            whole = pattern.search(text)
            tail = c._search_end(pattern, text, words)
            assert (whole and (whole.span(), whole.groups())) == \
                (tail and (tail.span(), tail.groups())), (pattern.pattern, text)
        paren = c.PAREN_END.search(text)
        assert c._paren_start(text) == (paren.start() if paren else None), text
        runs = c.WORD_RUN.findall(text)
        assert c._last_runs(text, c.WORD_RUN, 2) == runs[-2:], text
        assert c.ALPHA_RUN.findall(text[c._runs_tail(text, c.ALPHA_RUN, 3):])[-3:] == \
            c.ALPHA_RUN.findall(text)[-3:], text


def test_quote_counts_kept_as_a_clause_is_read_equal_counts_from_its_start():
    import random

    from analysis.attribution.constructions import _inside_quote, _QuoteCount

    rng = random.Random(19)
    for _ in range(500):
        chunk = "".join(rng.choice("ab “”\"") for _ in range(rng.randint(0, 30)))
        inside = _QuoteCount(chunk)
        for position in sorted(rng.sample(range(len(chunk) + 1), min(5, len(chunk) + 1))):
            assert inside(position) == _inside_quote(chunk, position)


def test_a_clause_widens_over_quotations_by_bisection_as_by_the_loop_over_all():
    import random

    from analysis.attribution.quotes import Quote

    def widened(quotes, start, end):
        for q in quotes:
            if q.start < start < q.end:
                start = q.start
            if q.start < end < q.end:
                end = q.end
        return start, end

    text = "Kim said it. " * 20
    doc = document_from_text("t", text)
    paragraph = doc.paragraphs[0]
    rng = random.Random(19)
    for _ in range(400):
        quotes, position = [], 0
        for _ in range(rng.randint(0, 8)):
            start = position + rng.randint(0, 30) if rng.random() < 0.8 else rng.randint(0, 200)
            end = start + rng.randint(0, 40)
            quotes.append(Quote(start, end, start + 1, max(start + 1, end - 1), "“”", True))
            position = end
        quotes.sort(key=lambda q: q.start)
        inside = [i for s in doc.sentences for i in range(s.start, s.end)]
        for cue in rng.sample(inside, 5):
            sentence = next(s for s in doc.sentences if s.start <= cue < s.end)
            start, end = widened(quotes, sentence.start, sentence.end)
            assert _clause(doc, paragraph, cue, quotes) == (max(start, cue - 1000),
                                                             min(end, cue + 2000))


def _passes_for_announced_quotes(n: int) -> int:
    text = "\n\n".join("Kim made the following comment:\n\n“We will go on.”" for _ in range(n))
    doc = document_from_text("t", text)
    doc.paragraphs = CountingList(doc.paragraphs)
    extract(doc, default_registry())
    return doc.paragraphs.passes


def test_a_cue_before_a_colon_reads_the_next_paragraph_by_index_not_by_a_pass_over_all():
    # "X made the following comment:" + a quoted paragraph: the next paragraph was found by a
    # pass over every paragraph, once per such cue
    assert _passes_for_announced_quotes(10) == _passes_for_announced_quotes(60)
