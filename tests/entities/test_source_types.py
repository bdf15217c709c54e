"""analysis/entities/source_types.py: types from roles, affiliations and organisation kinds."""

import pytest

from analysis.core import schema
from analysis.entities.source_types import (
    find_role,
    organisation_kinds,
    organisation_type,
    person_type,
    roles,
    unnamed_type,
)


def test_data_files_use_the_shared_vocabulary():
    assert {r.source_type for r in roles().values()} <= set(schema.SOURCE_TYPES)
    assert {k.source_type for k in organisation_kinds().values()} <= set(schema.SOURCE_TYPES)


def test_longest_role_wins():
    assert find_role(["the", "Fire", "Chief"]) == "fire chief"
    assert find_role(["state", "senator"]) == "state senator"
    assert find_role(["the", "readings"]) == ""


@pytest.mark.parametrize("role, affiliation_type, expected", [
    ("spokeswoman", "advocacy", "advocacy"),  # speaks for her group
    ("spokesman", "official", "official"),
    ("chief executive", "advocacy", "advocacy"),  # an NGO's chief executive
    ("chief executive", "", "business"),
    ("mayor", "business", "official"),  # a mayor is an official whatever the affiliation
    ("resident", "", "citizen"),
    ("professor", "", "expert"),
    ("", "", "unknown"),  # no role word: not guessed
])
def test_person_type(role, affiliation_type, expected):
    assert person_type(role, affiliation_type) == expected


@pytest.mark.parametrize("name, descriptor, expected", [
    ("Department of Environmental Quality", "", "official"),
    ("Halvorsen Chemicals Inc.", "", "business"),
    ("Chamber of Commerce", "", "business"),
    ("GreenWatch", "the environmental group", "advocacy"),
    ("Wrenfield Times", "", "news_outlet"),
    ("Democratic Party", "", "institution"),
    ("Acme", "", "institution"),  # nothing says: other organisation
])
def test_organisation_type(name, descriptor, expected):
    assert organisation_type(name, descriptor) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("officials", "anonymous"), ("an official", "anonymous"),
    ("sources", "anonymous"), ("a statement", "document"), ("witnesses", "unknown"),
    ("a witness", "citizen"), ("the readings", "unknown"),
])
def test_unnamed_type(phrase, expected):
    assert unnamed_type(phrase) == expected


def _find_role_every_length(words):
    """find_role as it was before the last-word check: every phrase length, longest first."""
    from analysis.entities.source_types import max_role_words, roles

    lowered = [w.lower() for w in words]
    for n in range(min(len(lowered), max_role_words()), 0, -1):
        if " ".join(lowered[-n:]) in roles():
            return " ".join(lowered[-n:])
    return ""


def test_find_role_last_word_check_gives_what_every_length_gave():
    import random

    from analysis.entities.source_types import roles

    samples = [[], ["Chief"], ["the", "Fire", "Chief"], ["Secretary", "of", "State"],
               ["a", "state", "senator"], ["the", "readings"], ["deputy mayor"],
               ["the", "vice president"], ["President"], ["council", "Member"], ["mayor", "Jones"],
               ["former", "foreign", "minister"], ["", ""], ["Minister "]]
    vocabulary = [w for role in roles() for w in role.split()] + ["the", "a", "Odell", "of", "X"]
    rng = random.Random(3)
    samples += [[rng.choice(vocabulary).title() if rng.random() < 0.3 else rng.choice(vocabulary)
                 for _ in range(rng.randint(1, 6))] for _ in range(3000)]
    found = [find_role(words) for words in samples]
    assert found == [_find_role_every_length(words) for words in samples]
    assert found[2] == "fire chief" and found[3] == "secretary of state" and found[6] == "deputy mayor"
    assert sum(bool(role) for role in found) > 1000
