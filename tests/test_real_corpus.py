"""Tests for benchmarks/real_corpus.py on a literal source in PolNeAR's format (no dev data)."""

import json

import pytest

from benchmarks import real_corpus


@pytest.fixture()
def source(tmp_path):
    path = tmp_path / "source.jsonl"
    docs = []
    for d in range(12):
        paragraphs = [f"Paragraph {p} of story {d} says the council met on Monday." for p in range(6)]
        line = {"doc_id": f"d{d}", "annotator": "a", "title": f"Story {d}",
                "text": "\n\n".join(paragraphs)}
        docs += [line, dict(line, annotator="b")]  # a second annotator's line is skipped
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_an_article_depends_only_on_seed_and_index(source, tmp_path):
    small = real_corpus.write_export(tmp_path / "a.jsonl", 20, seed=3, source=source)
    large = real_corpus.write_export(tmp_path / "b.jsonl", 30, seed=3, source=source)
    rows_small = small.read_text().splitlines()
    assert large.read_text().splitlines()[:20] == rows_small
    other = real_corpus.write_export(tmp_path / "c.jsonl", 20, seed=4, source=source)
    assert other.read_text().splitlines() != rows_small


def test_articles_are_recombined_paragraphs_with_events_outlets_and_dates(source, tmp_path):
    assert len(real_corpus.paragraphs(source)) == 12  # one per doc_id
    path = real_corpus.write_export(tmp_path / "e.jsonl", 600, seed=1, source=source, newest=5)
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    known = {p for _, paras in real_corpus.paragraphs(source) for p in paras}
    for row in rows:
        assert set(row["text"].split("\n\n")) <= known and row["outlet"]
        assert row["event"] == f"event-{rows.index(row) // real_corpus.EVENT_ARTICLES:05d}"
    assert len({r["event"] for r in rows}) == 3  # 605 articles in events of 250
    assert {r["published"] for r in rows[600:]} == {real_corpus.NEWEST_DATE}
    assert max(r["published"] for r in rows[:600]) < real_corpus.NEWEST_DATE
    assert len({r["article_id"] for r in rows}) == 605


def test_without_the_dev_data_it_says_skipped_and_writes_nothing(tmp_path, capsys):
    missing = tmp_path / "nowhere" / "polnear-train.jsonl"
    with pytest.raises(real_corpus.MissingSource, match="not found"):
        real_corpus.write_export(tmp_path / "x.jsonl", 5, source=missing)
    assert not (tmp_path / "x.jsonl").exists()
    assert real_corpus.main([str(tmp_path / "x.jsonl"), "--source", str(missing)]) == 0
    assert "skipped:" in capsys.readouterr().err
