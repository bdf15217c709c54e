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
