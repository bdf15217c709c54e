"""Tests for analysis/entities/registry.py: aliases, case rules, possessives, longest match."""

import pytest

from analysis.entities.registry import load_registry, read_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def names(registry, text):
    return [(m.name, text[m.start:m.end]) for m in registry.find_mentions(text)]


def test_aliases_map_to_one_entity(registry):
    text = "Kim Jong Un met Putin. Kim said the North Korean leader was pleased."
    assert names(registry, text) == [
        ("Kim Jong Un", "Kim Jong Un"), ("Vladimir Putin", "Putin"), ("Kim Jong Un", "Kim"),
        ("Kim Jong Un", "the North Korean leader")]


def test_un_does_not_match_the_un_of_kim_jong_un(registry):
    assert [n for n, _ in names(registry, "Kim Jong Un spoke at the UN.")] == [
        "Kim Jong Un", "United Nations"]
    assert "United Nations" not in [n for n, _ in names(registry, "Kim Jong Un smiled.")]


@pytest.mark.parametrize("text", ["Putin's visit", "Putin’s visit", "Putin‘s visit"])
def test_possessives_match_without_the_ending(registry, text):
    assert names(registry, text) == [("Vladimir Putin", "Putin")]


def test_no_match_inside_other_words(registry):
    assert names(registry, "Kimchi and Putinism and Russian troops") == []


def test_longest_match_wins(registry):
    assert names(registry, "at Kim Il Sung Square") == [("Kim Il Sung Square", "Kim Il Sung Square")]


def test_offsets_shift(registry):
    [mention] = registry.find_mentions("Putin", offset=100)
    assert (mention.start, mention.end) == (100, 105)


def test_user_registry_with_case_insensitive_alias(tmp_path):
    path = tmp_path / "reg.csv"
    path.write_text("entity_id,name,type,subtype,aliases,match_case,notes\n"
                    "acme,Acme Corp,organisation,,ACME|Acme,ignore,\n")
    registry = read_registry(path)
    assert [m.name for m in registry.find_mentions("acme and ACME")] == ["Acme Corp", "Acme Corp"]


def test_bad_type_is_refused_with_the_line(tmp_path):
    path = tmp_path / "reg.csv"
    path.write_text("entity_id,name,type,aliases\nx,X,planet,X\n")
    with pytest.raises(ValueError, match=r"reg.csv:2: type 'planet'"):
        read_registry(path)
