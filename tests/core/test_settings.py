"""Tests for analysis/core/settings.py: one typed place for every stage setting."""

import pytest

from analysis.compare.align import ALIGN_THRESHOLD
from analysis.compare.stage import BLOCK_ARTICLES
from analysis.compare.syndication import SYNDICATION_CONTAINMENT
from analysis.core import settings
from analysis.measures.distinctive_terms import MIN_COUNT, NGRAM_RANGE
from analysis.measures.sentiment import ACTOR_TYPES, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED


def test_the_stage_modules_read_their_defaults_from_the_settings():
    defaults = {name: s.default for name, s in settings.registry().items()}
    assert ALIGN_THRESHOLD == defaults["align_threshold"] == 0.17
    assert SYNDICATION_CONTAINMENT == defaults["syndication_threshold"] == 0.5
    assert BLOCK_ARTICLES == defaults["compare_block_articles"] == 500
    assert (MIN_COUNT, NGRAM_RANGE) == (defaults["min_count"], defaults["ngram_range"]) == (2, (1, 2))
    assert BOOTSTRAP_SEED == 2014 and BOOTSTRAP_RESAMPLES == 2000
    assert ACTOR_TYPES == ("person", "organisation", "place")


@pytest.mark.parametrize("given,expected", [
    ({"align_threshold": "0.3"}, {"align_threshold": 0.3}),
    ({"align_threshold": 1}, {"align_threshold": 1.0}),
    ({"compare_block_articles": "0"}, {"compare_block_articles": 0}),
    ({"ngram_range": "1,3"}, {"ngram_range": (1, 3)}),
    ({"ngram_range": [2, 2]}, {"ngram_range": (2, 2)}),
    ({"codebooks": "generic, policy"}, {"codebooks": ("generic", "policy")}),
    ({"sentiment_actor_types": "person"}, {"sentiment_actor_types": ("person",)}),
    ({"concepts": "my/concepts.csv"}, {"concepts": "my/concepts.csv"}),
])
def test_values_are_typed_from_strings_and_python_values(given, expected):
    assert settings.validate(given) == expected


@pytest.mark.parametrize("given,message", [
    ({"align_treshold": "0.3"}, "did you mean align_threshold?"),
    ({"mincount": "3"}, "did you mean min_count?"),
    ({"zzz": "1"}, "unknown setting 'zzz'"),
    ({"compare_block_articles": "2.5"}, "compare_block_articles must be int"),
    ({"compare_block_articles": True}, "compare_block_articles must be int"),
    ({"ngram_range": "1,2,3"}, "ngram_range must be int,int"),
    ({"align_threshold": "high"}, "align_threshold must be float"),
])
def test_unknown_names_and_bad_values_are_refused(given, message):
    with pytest.raises(settings.SettingError, match=message.replace("?", r"\?")):
        settings.validate(given)


def test_options_refuse_an_unknown_setting_from_python_too():
    from analysis.run.pipeline import Options

    with pytest.raises(settings.SettingError, match="did you mean align_threshold"):
        Options(params={"align_treshold": 0.3})


def test_in_force_is_every_default_overridden_by_what_was_given():
    values = settings.in_force({"min_count": "5"})
    assert values["min_count"] == 5 and values["align_threshold"] == 0.17
    assert set(values) == set(settings.registry())
    assert values["ngram_range"] == [1, 2]  # JSON-ready


def test_describe_lists_each_setting_with_type_default_and_unit():
    text = settings.describe()
    for name in settings.registry():
        assert f"  {name}: " in text
    assert "align_threshold: float = 0.17 [cosine 0..1]" in text


def test_parse_assignments_needs_name_equals_value():
    assert settings.parse_assignments(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(settings.SettingError, match="--set expects NAME=VALUE"):
        settings.parse_assignments(["a"])
