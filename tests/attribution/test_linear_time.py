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
