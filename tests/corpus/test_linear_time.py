"""Cleaning in linear time on any text (issue 19 item 3): structural checks, no clocks."""

import random

import pytest

from analysis.corpus import clean


class NoRegex:
    """Stands in for a compiled pattern that must not be tried."""

    def search(self, *args):
        raise AssertionError("the caption-credit pattern was searched over the whole line")

    match = search


class OneMatch:
    """Records where the caption-credit pattern is tried (``match`` only, no ``search``)."""

    def __init__(self, pattern):
        self.pattern, self.tried = pattern, []

    def search(self, *args):
        raise AssertionError("the caption-credit pattern was searched over the whole line")

    def match(self, line, position=0):
        self.tried.append(position)
        return self.pattern.match(line, position)


@pytest.mark.parametrize("line", [
    "(" + "AP Reuters " * 2000,                      # an open bracket, never closed
    "(AP) " + "Reuters photo " * 2000,               # a closed group, not at the end
    "(" + "AP " * 2000 + ") and (Reuters)] x",       # ends in neither bracket
])
def test_a_line_that_cannot_end_in_a_credit_group_never_runs_the_pattern(monkeypatch, line):
    monkeypatch.setattr(clean, "CAPTION_CREDIT", NoRegex())
    assert clean._caption_credit(line) is False


def test_only_the_last_bracket_group_is_tried_once(monkeypatch):
    recorder = OneMatch(clean.CAPTION_CREDIT)
    monkeypatch.setattr(clean, "CAPTION_CREDIT", recorder)
    line = "(a) " * 500 + "Crowds gather outside the ministry (AP Photo/File)"
    assert clean._caption_credit(line) is True
    assert recorder.tried == [line.rindex("(")]
    assert clean.rule_caption(line).rule == "photo_caption"


def test_the_caption_credit_check_agrees_with_the_pattern_searched_over_the_line():
    pattern = clean.CAPTION_CREDIT
    pieces = ["(", ")", "[", "]", " ", "AP", "Reuters", "Getty Images", "x", "Photo", "\t", "a",
              "P", "\n", "\u00a0"]
    rng = random.Random(19)
    for _ in range(20_000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert clean._caption_credit(line) == bool(pattern.search(line)), line
    for line in ("Kim and Putin meet in Pyongyang (Reuters)", "A crowd [Getty Images] ",
                 "Leaders shake hands (Photo: KCNA via AP)", "(AP) Kim said", "a (b) (AP",
                 "x (AP] y)", "(AP)(x)"):
        assert clean._caption_credit(line) == bool(pattern.search(line)), line
