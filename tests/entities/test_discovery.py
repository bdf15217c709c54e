"""analysis/entities/discovery.py: names, roles, appositives, organisations, places and linking in one text."""

import pytest

from analysis.attribution.stage import document_from_text
from analysis.entities.discovery import discover, slug, tokens_of
from analysis.entities.registry import default_registry


def _found(text, registry=None):
    doc = document_from_text("t", text)
    return {e.key: e for e in discover(doc, registry)}


def _mentions(entity):
    return [m.text for m in entity.mentions]


def test_capitalised_title_is_split_off_the_name():
    found = _found("Fire Chief Marcus Odell said the fire was out.")
    odell = found["marcus-odell"]
    assert (odell.name, odell.kind, odell.roles, odell.source_type) == (
        "Marcus Odell", "person", ["fire chief"], "official")
    assert _mentions(odell) == ["Marcus Odell"]


def test_lower_case_title_is_a_role():
    found = _found("Crews worked overnight, fire chief Marcus Odell said.")
    assert found["marcus-odell"].roles == ["fire chief"]


def test_surname_and_title_plus_surname_link_to_the_full_name():
    text = ("Governor Thomas Reinholt visited the plant. Reinholt promised help. "
            "Later Governor Reinholt left.")
    found = _found(text)
    assert list(found) == ["thomas-reinholt"]
    assert _mentions(found["thomas-reinholt"]) == ["Thomas Reinholt", "Reinholt", "Reinholt"]


def test_a_surname_shared_by_two_people_stays_unlinked():
    found = _found("Eva Brandt, a nurse, was angry. Daniel Brandt, the police chief, was calm. "
                   "Brandt said nothing.")
    assert _mentions(found["eva-brandt"]) == ["Eva Brandt"]
    assert _mentions(found["daniel-brandt"]) == ["Daniel Brandt"]
    assert found["brandt"].kind == "person" and found["brandt"].source_type == "unknown"


def test_appositive_gives_role_and_affiliation():
    found = _found("Dana Whitfield, a spokeswoman for the environmental group GreenWatch, "
                   "said the readings were alarming.")
    whitfield = found["dana-whitfield"]
    assert (whitfield.roles, whitfield.affiliation, whitfield.source_type) == (
        ["spokeswoman"], "GreenWatch", "advocacy")
    assert found["greenwatch"].kind == "organisation"
    assert found["greenwatch"].source_type == "advocacy"  # from "environmental group"


def test_possessive_role_before_an_appositive_name():
    found = _found("Halvorsen Chemicals Inc. runs the plant. Halvorsen's chief executive, "
                   "Priya Nandakumar, apologised.")
    priya = found["priya-nandakumar"]
    assert (priya.roles, priya.affiliation, priya.source_type) == (
        ["chief executive"], "Halvorsen Chemicals Inc.", "business")
    assert _mentions(found["halvorsen-chemicals-inc"]) == ["Halvorsen Chemicals Inc.", "Halvorsen"]


def test_organisation_before_a_lower_case_role_is_the_affiliation():
    found = _found("Chamber of Commerce president Dale Whitaker said shops were closed.")
    whitaker = found["dale-whitaker"]
    assert (whitaker.roles, whitaker.affiliation, whitaker.source_type) == (
        ["president"], "Chamber of Commerce", "business")
    assert "chamber" not in found and found["chamber-of-commerce"].kind == "organisation"


def test_a_role_that_opens_with_a_capital_is_not_an_organisation():
    found = _found("Council member Jim Holloway objected.")
    assert list(found) == ["jim-holloway"]
    assert found["jim-holloway"].roles == ["council member"]
    assert found["jim-holloway"].source_type == "official"


def test_organisation_heads_and_acronyms():
    found = _found("The state Department of Environmental Quality (DEQ) took samples. "
                   "The DEQ said more tests were due.")
    deq = found["department-of-environmental-quality"]
    assert (deq.kind, deq.source_type) == ("organisation", "official")
    assert _mentions(deq) == ["Department of Environmental Quality", "DEQ", "DEQ"]


@pytest.mark.parametrize("name, source_type", [
    ("Halden University", "expert"), ("Northline Rail Corp.", "business"),
    ("Northway Press Agency", "news_agency"), ("Valley Times", "news_outlet"),
    ("RailWatch Alliance", "advocacy"), ("Wrenfield Town Council", "official"),
])
def test_organisation_types_from_their_heads(name, source_type):
    found = _found(f"A statement came from {name} on Monday.")
    assert found[slug(name)].kind == "organisation"
    assert found[slug(name)].source_type == source_type


def test_places_from_the_gazetteer_and_street_words():
    found = _found("Shop owners along Canal Street say trade has died. Trucks came from Ohio "
                   "and New York.")
    assert {k: e.kind for k, e in found.items()} == {
        "canal-street": "place", "ohio": "place", "new-york": "place"}
    assert found["canal-street"].source_type == ""


def test_a_word_after_a_preposition_and_a_comma_is_no_place():
    found = _found("The council met in Tessam. As the results rolled in, Varga spoke to the "
                   "crowd.")
    assert found["tessam"].kind == "place"  # "in Tessam": a place by its preposition
    assert found.get("varga") is None or found["varga"].kind != "place"


def test_nationality_adjectives_and_sentence_openers_are_not_entities():
    found = _found("North Korean officials were silent. Residents said little. Putinism and "
                   "Kimchi are words.")
    assert found == {}


def test_a_headline_in_capitals_names_nobody():
    assert _found("TOXIC INFERNO: Families flee as smoke spreads") == {}


def test_registry_aliases_win_over_discovery():
    found = _found("Russian President Vladimir Putin arrived. Putin smiled.", default_registry())
    putin = found["vladimir-putin"]
    assert (putin.origin, putin.source_type, putin.kind) == ("registry", "official", "person")
    assert _mentions(putin) == ["Russian President Vladimir Putin", "Putin"]


def test_mention_offsets_point_at_the_text():
    text = "Mayor Helen Okafor spoke. Okafor’s aide, Tom Reyes, agreed."
    doc = document_from_text("t", text)
    for entity in discover(doc):
        for mention in entity.mentions:
            assert doc.text[mention.start:mention.end] == mention.text
    assert _mentions(_found(text)["helen-okafor"]) == ["Helen Okafor", "Okafor"]  # possessive cut


def test_tokens_keep_the_full_stop_of_abbreviations_only():
    assert [t.text for t in tokens_of("Halvorsen Inc. said so.")] == [
        "Halvorsen", "Inc.", "said", "so"]
