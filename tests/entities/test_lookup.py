"""analysis/entities/lookup.py: what a speaker phrase refers to."""

import pytest

from analysis.attribution.stage import document_from_text
from analysis.entities.lookup import resolve_phrase


def _resolve(text, phrase):
    doc = document_from_text("t", text)
    start = text.index(phrase)
    return resolve_phrase(doc, start, start + len(phrase))


def test_resolve_a_titled_name_to_the_person():
    text = "Fire Chief Marcus Odell arrived. Chief Odell said the fire was out."
    found = _resolve(text, "Chief Odell")
    assert (found.name, found.entity_id, found.role, found.source_type) == (
        "Marcus Odell", "marcus-odell", "chief", "official")


def test_resolve_an_unnamed_spokesman_with_a_prepositional_tail():
    text = "A spokesman for the state Department of Environmental Quality said tests continue."
    found = _resolve(text, "A spokesman for the state Department of Environmental Quality")
    assert (found.name, found.kind, found.role, found.affiliation, found.source_type) == (
        "", "person", "spokesman", "Department of Environmental Quality", "official")


@pytest.mark.parametrize("phrase, source_type", [
    ("officials", "anonymous"), ("a statement", "document"), ("a resident", "citizen"),
    ("the readings", "unknown"),
])
def test_resolve_unnamed_phrases(phrase, source_type):
    text = f"Later {phrase} said it was safe."
    found = _resolve(text, phrase)
    assert (found.name, found.source_type) == ("", source_type)
