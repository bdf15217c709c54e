"""Tests for analysis/corpus/language.py (lingua's models ship in its wheel: no download)."""

from analysis.corpus.language import detect_language, is_english


def test_detects_english_and_german():
    assert detect_language("Putin arrived in North Korea early Wednesday morning, marking his return "
                           "to Pyongyang exactly 24 years after his last visit.") == "en"
    assert detect_language("Der russische Präsident ist am Mittwoch zu einem Staatsbesuch in Nordkorea "
                           "eingetroffen, zum ersten Mal seit vierundzwanzig Jahren.") == "de"


def test_too_short_is_undetermined():
    assert detect_language("Putin arrived in Pyongyang on Wednesday. He met Kim.") == "und"


def test_is_english():
    assert is_english("en") and is_english("en-GB") and not is_english("de") and not is_english("")
