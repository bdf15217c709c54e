"""Entity discovery in linear time on any text (issue 19 item 3): a count of steps, no clocks."""

from analysis.corpus.document import document_from_raw
from analysis.corpus.load import RawArticle
from analysis.entities.discovery import discover
from analysis.entities.registry import default_registry
from tests.properties import lines_run


def _lines_per_mention(n: int) -> float:
    # one sentence of n registry names: each name's tokens were found by a pass over every token
    doc = document_from_raw(RawArticle("t", "t.txt", "Kim Jong Un: " * n + "talks."))
    registry = default_registry()
    return lines_run("entities/discovery.py", lambda: discover(doc, registry)) / n


def test_a_registry_mention_takes_its_tokens_without_a_pass_over_the_sentence():
    assert _lines_per_mention(200) <= 1.2 * _lines_per_mention(25)


def test_the_tokens_a_mention_takes_are_the_ones_it_overlaps():
    doc = document_from_raw(RawArticle("t", "t.txt", "Putin met Kim Jong Un in Pyongyang. Lind spoke."))
    names = {e.name for e in discover(doc, default_registry())}
    assert {"Vladimir Putin", "Kim Jong Un"} <= names
    assert not any("Jong" in name and name != "Kim Jong Un" for name in names)


def test_a_phrase_finds_its_mentions_by_bisection_in_the_order_of_the_entities():
    from analysis.entities.lookup import _mentions_inside

    text = ("Russian President Vladimir Putin met Kim Jong Un. Putin and Kim spoke; "
            "Kim Jong Un thanked Vladimir Putin, and Reuters reported it.")
    doc = document_from_raw(RawArticle("t", "t.txt", text))
    registry = default_registry()
    entities = discover(doc, registry)
    for start in range(0, len(doc.text), 7):
        for end in range(start, len(doc.text) + 1, 11):
            expected = [(m, e) for e in entities for m in e.mentions
                        if start <= m.start and m.end <= end]
            assert _mentions_inside(doc, registry, start, end) == expected


def test_resolving_a_phrase_does_not_pass_over_every_mention():
    from analysis.entities.lookup import resolve_phrase

    def lines_per_phrase(n):
        doc = document_from_raw(RawArticle("t", "t.txt", "Kim Jong Un met Vladimir Putin. " * n))
        registry = default_registry()
        discover(doc, registry)
        phrases = [(s.start, s.start + 11) for s in doc.sentences]
        resolve_phrase(doc, *phrases[0], registry)  # the mention index, made once
        return lines_run("entities/lookup.py",
                         lambda: [resolve_phrase(doc, s, e, registry) for s, e in phrases]) / n

    assert lines_per_phrase(160) <= 1.2 * lines_per_phrase(20)
