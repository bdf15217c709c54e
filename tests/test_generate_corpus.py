"""Tests for benchmarks/generate_corpus.py: deterministic, prefix-stable, realistic enough to exercise
cleaning, quotes and several outlets and events."""

import json

from analysis.run.pipeline import analyze
from benchmarks.generate_corpus import iter_articles, make_article, write_export, write_folder


def test_article_i_depends_only_on_seed_and_index():
    assert make_article(1, 5) == make_article(1, 5)
    assert make_article(1, 5) != make_article(2, 5)
    assert list(iter_articles(10, seed=1))[:5] == list(iter_articles(5, seed=1))


def test_articles_vary_and_carry_quotes_outlets_and_events():
    articles = list(iter_articles(200, seed=0))
    lengths = [len(a["text"]) for a in articles]
    assert max(lengths) > 4 * min(lengths)
    assert len({a["outlet"] for a in articles}) >= 5
    assert len({a["event"] for a in articles}) >= 4
    assert sum("“" in a["text"] for a in articles) > 100
    assert {a["language"] for a in articles} == {"en", "de"}


def test_boilerplate_lines_are_cleaned_by_the_pipeline(tmp_path):
    tables = analyze(write_folder(tmp_path / "c", 60, seed=2)).tables
    rules = set(tables["cleaning_log"].rule)
    assert {"byline", "photo_caption", "advertisement", "mojibake"} <= rules
    assert len(tables["articles"]) == 60


def test_exports_hold_one_article_per_row(tmp_path):
    path = write_export(tmp_path / "e.jsonl", 7, seed=4)
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert [r["article_id"] for r in rows] == [a["article_id"] for a in iter_articles(7, seed=4)]
    csv_path = write_export(tmp_path / "e.csv", 7, seed=4)
    assert len(analyze(csv_path).tables["articles"]) == 7


def test_newest_articles_are_the_next_ones_dated_after_all_others(tmp_path):
    import csv

    plain = write_folder(tmp_path / "plain", 20, seed=4)
    grown = write_folder(tmp_path / "grown", 20, seed=4, newest=3)
    rows = list(csv.DictReader((grown / "manifest.csv").open(encoding="utf-8")))
    first = list(csv.DictReader((plain / "manifest.csv").open(encoding="utf-8")))
    assert rows[:20] == first  # the same corpus, then three more
    assert [r["article_id"] for r in rows[20:]] == [make_article(4, k)["article_id"] for k in (20, 21, 22)]
    assert min(r["published"] for r in rows[20:]) > max(r["published"] for r in first)
