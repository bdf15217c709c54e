"""Tests for analysis/views/findings.py: which differences the summary opens with, by rule."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.views import findings


def values(rows):
    return pd.DataFrame(rows, columns=["outlet", "measure", "value", "n"])


SOURCES = pd.DataFrame({
    "article_id": ["a1", "a1", "b1", "b1"],
    "source": ["Minister", "Neighbour", "Minister", "Neighbour"],
    "source_type": ["official", "anonymous", "official", "anonymous"],
    "n_attributions": [8, 2, 7, 13],
})
ARTICLES = pd.DataFrame({"article_id": ["a1", "b1"], "outlet": ["Outlet A", "Outlet B"]})


def test_a_large_share_difference_with_enough_attributions_is_a_finding():
    table = findings.outlet_values(pd.DataFrame({"outlet": ["Outlet A", "Outlet B"]}), SOURCES,
                                   ARTICLES)
    result = findings.find_differences(table).set_index("measure")
    assert result.loc["source_type:anonymous", "label"] == "attributions to anonymous sources"
    official = result.loc["source_type:official"]
    assert official["status"] == "finding"
    assert official["sentence"] == ("Outlet A gives official sources 80% of its attributions, "
                                    "Outlet B 35% (10 and 20 attributions).")
    h = 2 * math.asin(math.sqrt(0.8)) - 2 * math.asin(math.sqrt(0.35))
    assert official["effect"] == pytest.approx(h, abs=1e-3)
    assert official["strength"] == pytest.approx(h / findings.SHARE_H, abs=1e-3)


def test_an_outlet_below_the_minimum_sample_is_left_out_and_two_too_few_are_too_small_to_call():
    rows = [("A", "shared_share", 0.9, 12), ("B", "shared_share", 0.1, 25), ("C", "shared_share", 0.2, 30)]
    row = findings.find_differences(values(rows)).iloc[0]
    assert (row["status"], row["high_outlet"], row["low_outlet"], row["n_left_out"]) == (
        "no clear difference", "C", "B", 1)  # A's 90% rests on 12 sentences: not called
    small = findings.find_differences(values(rows[:2])).iloc[0]
    assert small["status"] == "too small to call" and small["sentence"] is None


def test_a_difference_below_its_threshold_is_no_clear_difference():
    rows = [("A", "sentiment", 0.05, 4), ("B", "sentiment", -0.04, 4)]
    row = findings.find_differences(values(rows)).iloc[0]
    assert row["status"] == "no clear difference" and row["strength"] == pytest.approx(0.9)


def test_findings_come_first_strongest_first_and_are_the_same_for_the_same_input():
    rows = [("A", "reading_ease", 70.0, 3), ("B", "reading_ease", 40.0, 3),  # 30 points: 3x
            ("A", "sentiment", 0.3, 3), ("B", "sentiment", 0.1, 3),  # 0.2: 2x
            ("A", "words_per_sentence", 20.0, 3), ("B", "words_per_sentence", 19.0, 3),  # 0.2x
            ("A", "words_per_article", 900.0, 1), ("B", "words_per_article", 300.0, 3)]  # too small
    result = findings.find_differences(values(rows))
    assert result["measure"].tolist() == ["reading_ease", "sentiment", "words_per_sentence",
                                          "words_per_article"]
    assert result["status"].tolist() == ["finding", "finding", "no clear difference",
                                         "too small to call"]
    assert result.iloc[0]["sentence"] == ("A is easiest to read (Flesch reading ease 70), B hardest "
                                          "(40) (3 and 3 articles).")
    pd.testing.assert_frame_equal(result, findings.find_differences(values(rows[::-1])))


def test_length_is_compared_as_a_ratio():
    rows = [("A", "words_per_article", 600.0, 2), ("B", "words_per_article", 300.0, 2),
            ("C", "words_per_article", 250.0, 2)]
    row = findings.find_differences(values(rows)).iloc[0]
    assert row["status"] == "finding" and row["effect"] == pytest.approx(2.4)
    assert row["strength"] == pytest.approx(math.log(2.4) / math.log(findings.LENGTH_RATIO), abs=1e-3)


def test_the_summary_columns_become_measures_with_their_sample_sizes():
    summary = pd.DataFrame({"outlet": ["A", "B"], "n_articles": [2, 3], "n_sentences": [40, 50],
                            "shared_share": [0.5, 0.25], "sentiment": [0.1, -0.1],
                            "n_quote_matches": [4, 0], "n_quote_variants": [1, 0]})
    table = findings.outlet_values(summary)
    assert set(table["measure"]) == {"shared_share", "sentiment", "quote_variant_share"}
    shared = table[table["measure"] == "shared_share"]
    assert shared["n"].tolist() == [40, 50]
    variant = table[table["measure"] == "quote_variant_share"].set_index("outlet")
    assert variant.loc["A", "value"] == 0.25 and pd.isna(variant.loc["B", "value"])


def test_the_html_lists_findings_and_says_what_is_too_small_or_unclear_with_names_escaped():
    rows = [("<b>A</b>", "reading_ease", 70.0, 3), ("B", "reading_ease", 40.0, 3),
            ("A", "sentiment", 0.1, 3), ("B", "sentiment", 0.05, 3),
            ("A", "words_per_article", 900.0, 1), ("B", "words_per_article", 300.0, 1)]
    markup = findings.findings_html(findings.find_differences(values(rows)))
    assert "<b>A</b>" not in markup and "&lt;b&gt;A&lt;/b&gt; is easiest to read" in markup
    assert markup.count("<li>") == 1 and "href='03-readability.html'" in markup
    assert "<b>No clear difference</b>" in markup and "mean tone" in markup
    assert ("<b>Too small to call</b> (fewer than two outlets have at least): 2 articles "
            "(words per article)") in markup


def test_no_finding_says_so():
    rows = [("A", "sentiment", 0.1, 3), ("B", "sentiment", 0.05, 3)]
    markup = findings.findings_html(findings.find_differences(values(rows)))
    assert "No difference between outlets reaches the thresholds" in markup and "<li>" not in markup
