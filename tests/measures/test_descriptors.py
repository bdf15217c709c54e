"""Descriptors of an event's actors, found in the text: titles, epithets, appositives and
back-references, by outlet and voice (issue 15, item 1)."""

from pathlib import Path

import pandas as pd
import pytest

from analysis.attribution.stage import document_from_text
from analysis.attribution.voice import voice_spans
from analysis.entities.discovery import discover
from analysis.entities.registry import default_registry
from analysis.measures.descriptors import descriptor_rows, no_descriptors_message

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wrenfield-derailment"


def _found(text):
    doc = document_from_text("t", text)
    rows = descriptor_rows(doc, discover(doc, default_registry(), unresolved=True), voice_spans(doc))
    for r in rows:
        assert doc.text[r["start"]:r["end"]] == r["match"]  # offsets point at the evidence
    return [(r["key"], r["form"], r["descriptor"], r["voice"]) for r in rows]


@pytest.mark.parametrize("text, expected", [
    ("The summit was hosted by dictator Kim in Pyongyang.",
     [("kim-jong-un", "epithet", "dictator", "own")]),
    ("Dictator Kim Jong Un met Putin.", [("kim-jong-un", "epithet", "dictator", "own")]),
    ("Chairman Kim Jong Un greeted Vladimir Putin. The North Korean leader then spoke.",
     [("kim-jong-un", "title", "chairman", "own"),
      ("kim-jong-un", "reference", "North Korean leader", "own")]),
    ("Putin met North Korean leader Kim Jong Un on Wednesday.",
     [("kim-jong-un", "title", "North Korean leader", "own")]),
    ("Kim Jong Un, the country's leader, greeted Putin. The two leaders then spoke.",
     [("kim-jong-un", "appositive", "country's leader", "own")]),
    ("Officials said the reclusive leader Kim Jong Un would attend.",
     [("kim-jong-un", "epithet", "reclusive leader", "reported")]),
    ("Northline's chief executive, Martin Sorensen, apologised.",
     [("martin-sorensen", "appositive", "Northline's chief executive", "own")]),
    ("Governor Lydia Marsh and Mayor Helen Okafor spoke. The mayor said the governor was right.",
     [("lydia-marsh", "title", "governor", "own"), ("helen-okafor", "title", "mayor", "own"),
      ("helen-okafor", "reference", "mayor", "own"),
      ("lydia-marsh", "reference", "governor", "reported")]),
])
def test_rules_find_descriptors(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", [
    "The two leaders met in Pyongyang.",  # plural: no reference
    "Putin met Kim Jong Un, Wednesday's agenda includes a concert.",  # a clause, not an appositive
    "A spokesman for the state Department of Transportation said inspectors came.",  # "state" is no title
    "Helen Okafor, Lydia Marsh and Daniel Brandt spoke.",  # a list of names
])
def test_no_descriptor_where_there_is_none(text):
    assert [f for f in _found(text) if f[0]] == []


def test_a_back_reference_two_actors_share_is_not_guessed():
    found = _found("Mayor Helen Okafor met Mayor Dale Whitaker. The mayor said nothing.")
    assert ("helen-okafor", "reference", "mayor", "own") not in found
    assert all(f[1] != "reference" or f[0] == "" for f in found)


@pytest.fixture(scope="module")
def wrenfield():
    from analysis.run.pipeline import analyze
    from analysis.views.framing import actor_descriptor_tables

    tables = analyze(FIXTURE).tables
    return tables, *actor_descriptor_tables(tables)


# per outlet, the descriptors of the event's top actors, written by hand from the fixture's text
EXPECTED = {
    "Wrenfield Gazette": {
        ("Helen Okafor", "mayor", "title", "own", 2),
        ("Daniel Brandt", "police chief", "title", "own", 1),
        ("Martin Sorensen", "Northline's chief executive", "appositive", "own", 1),
        ("Tomas Reyes", "resident", "title", "own", 1),
        ("Alan Mercer", "professor of civil engineering at Halden University", "appositive", "own", 1),
        ("RailWatch Alliance", "safety group", "title", "own", 1),
        ("Northline Rail Corp.", "railroad", "reference", "own", 1),  # "The railroad" (corpus registry)
    },
    "Metro Daily": {
        ("Lydia Marsh", "governor", "title", "own", 1),  # "Gov. Lydia Marsh"
        ("Daniel Brandt", "her neighbour", "appositive", "own", 1),
        ("Daniel Brandt", "town's police chief", "appositive", "own", 1),
        ("Helen Okafor", "mayor", "reference", "own", 1),  # "the mayor said", resolved by the event
    },
    "Valley Times": {
        ("Lydia Marsh", "governor", "title", "own", 1),
        ("Martin Sorensen", "chief executive of Northline Rail Corp", "appositive", "own", 1),
        ("Northline Rail Corp.", "company", "reference", "reported", 1),  # "said the company had"
        ("Helen Okafor", "Wrenfield's mayor", "appositive", "own", 1),
        ("Alan Mercer", "professor", "title", "own", 1),  # "Professor Mercer"
    },
}


def test_wrenfield_descriptors_per_outlet(wrenfield):
    _, table, _ = wrenfield
    for outlet, expected in EXPECTED.items():
        part = table[table["outlet"] == outlet]
        got = set()
        for r in part.itertuples():
            for voice in ("own", "quoted", "reported"):
                if getattr(r, voice):
                    got.add((r.actor, r.descriptor, r.form, voice, getattr(r, voice)))
        assert got == expected, outlet


def test_wrenfield_evidence_points_at_the_text(wrenfield):
    from analysis.corpus.load import iter_corpus
    from analysis.run.article import prepare

    tables, table, evidence = wrenfield
    docs = {d.article_id: d for d in map(prepare, iter_corpus(FIXTURE))}
    assert len(evidence) == int(table["total"].sum())
    sentences = tables["sentences"].set_index("sentence_id")["text"]
    for r in evidence.itertuples():
        assert docs[r.article_id].text[int(r.start):int(r.end)] == r.match
        assert r.match in sentences[r.sentence_id]


def test_wrenfield_has_no_summit_actor(wrenfield):
    _, table, _ = wrenfield
    names = " ".join(table["actor"]) + " ".join(table["descriptor"])
    assert "Kim" not in names and "Putin" not in names and "North Korea" not in names


def test_no_descriptor_message():
    assert no_descriptors_message(pd.DataFrame()).startswith("No title, appositive")
    assert no_descriptors_message(pd.DataFrame([{"actor": "x"}])) == ""


def test_a_possessive_modifier_makes_no_back_reference():
    found = _found("President Barack Obama spoke. The Tea Party attacked the president's own party.")
    assert all(not f[2].endswith("party") for f in found)


def test_event_roles_resolve_a_reference_only_when_one_actor_fits():
    from analysis.measures.descriptors import link_descriptors

    descriptors = pd.DataFrame([
        {"article_id": "a", "key": "", "descriptor": "mayor", "start": 100},
        {"article_id": "a", "key": "", "descriptor": "mayor", "start": 5},  # before any mention
        {"article_id": "b", "key": "", "descriptor": "mayor", "start": 100},  # two mayors named
        {"article_id": "a", "key": "okafor", "descriptor": "mayor", "start": 50},
    ])
    mentions = pd.DataFrame([
        {"article_id": "a", "entity_id": "helen-okafor", "start": 10},
        {"article_id": "b", "entity_id": "helen-okafor", "start": 10},
        {"article_id": "b", "entity_id": "dale-whitaker", "start": 20},
    ])
    entities = pd.DataFrame([{"entity_id": "helen-okafor", "roles": "mayor"},
                             {"entity_id": "dale-whitaker", "roles": "mayor|owner"}])
    ids = link_descriptors(descriptors, {("a", "okafor"): "helen-okafor"}, mentions, entities)
    assert list(ids) == ["helen-okafor", "", "", "helen-okafor"]


def test_an_organisation_reference_keeps_to_the_words_of_its_name():
    found = _found("The Court of Appeals ruled on Monday. The district court had disagreed, "
                   "but the court stood firm.")
    assert found == [("court-of-appeals", "reference", "court", "own")]


def test_bundled_corpus_describes_its_own_actors(seed_tables):
    from analysis.views.framing import actor_descriptor_tables

    table, evidence = actor_descriptor_tables(seed_tables)
    rows = {(r.actor, r.descriptor, r.form, r.own) for r in table.itertuples()}
    assert ("Kim Jong Un", "North Korean leader", "title", 1) in rows
    assert ("Vladimir Putin", "Russian president", "title", 1) in rows
    assert set(evidence["voice"]) <= {"own", "quoted", "reported"}
