"""Facts worth reading: numbers normalised, no phone numbers, no sentence openers as names."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from analysis.compare import facts


def _facts(text: str, language: str = "en", common=frozenset()) -> list[tuple[str, str, str]]:
    return [(f["kind"], f["value"], f["text"]) for f in facts.sentence_facts(text, 0, None, language, common)]


def test_thousands_separators_and_plain_digits_give_one_value():
    assert _facts("About 4,000 people marched.") == [("number", "4000 people", "4,000 people")]
    assert _facts("Police counted 4000 people.") == [("number", "4000 people", "4000 people")]


def test_a_german_number_is_read_the_german_way():
    assert _facts("Rund 4.000 Menschen kamen.", "de") == [("number", "4000", "4.000")]
    assert _facts("Es waren 4,5 Prozent.", "de") == [("number", "4.5", "4,5")]
    # the same digits in an English article are a decimal
    assert _facts("It rose 4.000 points.", "en") == [("number", "4", "4.000")]
    assert facts.parse_number("1.234.567,89", "de") == Decimal("1234567.89")
    assert facts.parse_number("1,234,567.89", "en") == Decimal("1234567.89")
    assert facts.parse_number("4.000", "de-AT") == Decimal(4000)


def test_phone_numbers_and_their_fragments_are_not_facts():
    assert _facts("Call the hotline on +44 20 7946 0142 or 020 7946 0142 for help.") == []
    assert _facts("For tickets call 555 0142.") == []
    assert _facts("The code is 0142.") == []  # a leading zero: a code, not a quantity
    # a range of years and a count are still facts
    assert ("number", "350 troops", "350 troops") in _facts("Between 2000-2001 some 350 troops left.")


def test_a_time_of_day_is_one_date_fact_not_two_numbers():
    assert _facts("The train left at 08:15 and 40 people were aboard.") == [
        ("date", "8:15", "08:15"), ("number", "40 people", "40 people")]


def test_trailing_punctuation_is_not_part_of_the_number():
    assert _facts("Of the 72, nine were injured.") == [("number", "72", "72")]
    assert _facts("Injured: 72.") == [("number", "72", "72")]


def test_sentence_initial_common_words_are_not_names():
    assert _facts("About 4,000 people marched.") == [("number", "4000 people", "4,000 people")]
    assert _facts("“About time,” said Segun Adeyemi.") == [("name", "Segun Adeyemi", "Segun Adeyemi")]
    assert _facts("“Safety first,” the minister said.") == []
    # a common word opening a run is dropped, the rest of the run is a name
    assert _facts("Safety Minister Ana Lopez said so.", common={"safety"}) == [
        ("name", "Minister Ana Lopez", "Minister Ana Lopez")]
    # a line start is a sentence start; initials of two letters alone are not a name
    assert _facts("About\nAW\nSafety") == []
    assert _facts("Photo by AW.") == []
    # a quotation opens a sentence of its own
    assert _facts("Candidate Marco Bianchi claimed: “Nobody expected it.”") == [
        ("name", "Candidate Marco Bianchi", "Candidate Marco Bianchi")]
    assert _facts('Analyst Peter Novak said: "People are angry."') == [
        ("name", "Analyst Peter Novak", "Analyst Peter Novak")]
    # a name opening a sentence mid-run is kept when its first word is not a common word
    assert _facts("Segun Adeyemi said so.") == [("name", "Segun Adeyemi", "Segun Adeyemi")]


def test_non_english_articles_give_no_names_and_keep_their_language():
    sentences = pd.DataFrame({
        "article_id": ["de1", "en1"], "outlet": ["Der Bote", "Herald"], "sentence_id": ["de1:s0", "en1:s0"],
        "start": [0, 0], "text": ["Die Regierung in Berlin schickte rund 4.000 Soldaten.",
                                  "Segun Adeyemi said 4000 soldiers were sent."]})
    table = facts.facts_table(sentences, None, "e", {"de1": "de", "en1": "en"})
    german = table[table["article_id"] == "de1"]
    assert german[["kind", "value", "language"]].values.tolist() == [["number", "4000", "de"]]
    english = table[table["article_id"] == "en1"]
    assert sorted(english["kind"]) == ["name", "number"]
    # "4.000" (de) and "4000 soldiers" (en): the German unit word is not read, so the value is
    # the bare number there; compare the number alone
    assert set(table.loc[table["kind"] == "number", "value"]) == {"4000", "4000 soldiers"}


def test_the_event_s_lower_case_words_make_a_capitalised_opener_common():
    sentences = pd.DataFrame({
        "article_id": ["a", "a"], "outlet": ["A", "A"], "sentence_id": ["a:s0", "a:s1"], "start": [0, 40],
        "text": ["Safety Inspector Ruth Okafor visited the plant.", "Road safety was the topic."]})
    table = facts.facts_table(sentences, None, "e")
    assert table.loc[table["kind"] == "name", "value"].tolist() == ["Inspector Ruth Okafor"]


def test_fact_matrix_counts_a_story_once_at_its_original():
    found = pd.DataFrame({"kind": ["number"] * 3, "value": ["24 years"] * 3, "text": ["24 years"] * 3,
                          "outlet": ["Associated Press", "Herald", "Seoul Times"],
                          "fact_id": ["ap:f0", "h:f0", "s:f0"], "in_copy": [False, True, False]})
    matrix = facts.fact_matrix(found)
    assert list(matrix.columns) == ["kind", "value", "as_written", "Associated Press", "Seoul Times"]
    assert "Herald" in facts.fact_matrix(found, include_copies=True).columns
