"""Tests for analysis/views/overview.py."""

import pandas as pd

from analysis.views.overview import cleaning_summary, length_table, metadata_completeness


def test_metadata_completeness_marks_found_and_missing():
    articles = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "title": [""], "author": [None],
                             "published": ["2024-06-19"], "url": [" "], "language": ["en"]})
    row = metadata_completeness(articles).iloc[0].to_dict()
    assert row == {"article_id": "a", "outlet": "found", "title": "missing", "author": "missing",
                   "published": "found", "url": "missing", "language": "found"}


def test_length_table_words_per_sentence():
    articles = pd.DataFrame({"article_id": ["a"], "outlet": [None], "n_words": [30],
                             "n_sentences": [4], "n_paragraphs": [2]})
    row = length_table(articles).iloc[0]
    assert row.outlet == "(unknown)" and row.words_per_sentence == 7.5


def test_cleaning_summary_lists_untouched_articles():
    log = pd.DataFrame({"article_id": ["a", "a"], "rule": ["photo_caption"] * 2,
                        "action": ["removed"] * 2})
    articles = pd.DataFrame({"article_id": ["a", "b"]})
    summary = cleaning_summary(log, articles)
    assert summary[["article_id", "rule", "lines"]].values.tolist() == [
        ["a", "photo_caption", 2], ["b", "(none)", 0]]
