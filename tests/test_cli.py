"""Tests for analysis/cli.py: `newsprism analyze` on good and bad input; raw files never written."""

import shutil

import pandas as pd
import pytest

from analysis.cli import main
from tests.conftest import SEED_1, SEED_2, SEED_CORPUS, hash_tree

GERMAN = ("Der russische Präsident ist am Mittwoch zu einem Staatsbesuch in Nordkorea eingetroffen. "
          "Die beiden Staatschefs unterzeichneten ein Abkommen über eine strategische Partnerschaft.")


@pytest.fixture()
def bad_corpus(tmp_path):
    """The two seeds plus one example of every kind of bad input."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (corpus / "latin.txt").write_bytes("Kim met Putin in Pyongyang – a café summit. It ended.".encode("cp1252"))
    (corpus / "dupe").mkdir()
    shutil.copy(SEED_CORPUS / f"{SEED_1}.txt", corpus / "dupe" / f"{SEED_1}.txt")
    (corpus / "noise.txt").write_text("Advertisement\n\nShare on Facebook\n\nLoading...\n")
    (corpus / "german.txt").write_text(GERMAN)
    manifest = (corpus / "manifest.csv").read_text(encoding="utf-8")
    (corpus / "manifest.csv").write_text(manifest + "ghost.txt,ghost,X,,,,,en,,\n", encoding="utf-8")
    return corpus


def test_bad_inputs_each_get_a_reason_and_the_seeds_go_through(bad_corpus, tmp_path, capsys):
    before = hash_tree(bad_corpus)
    status = main(["analyze", str(bad_corpus), "--out", str(tmp_path / "out")])
    assert status == 0
    tables = tmp_path / "out" / "tables"
    articles = pd.read_csv(tables / "articles.csv", dtype=str)
    assert {SEED_1, SEED_2} <= set(articles.article_id)
    assert set(articles.article_id) == {SEED_1, SEED_2, "latin", "german"}
    rejected = pd.read_csv(tables / "rejected.csv", dtype=str).fillna("")
    reasons = dict(zip(rejected.source_file, rejected.reason))
    assert reasons == {
        "empty.txt": "empty file",
        "image.txt": "binary file, not text",
        f"dupe/{SEED_1}.txt": f"duplicate article id '{SEED_1}' (already used by {SEED_1}.txt)",
        "noise.txt": "no sentences left after cleaning",
        "ghost.txt": "listed in manifest.csv (row 4) but the file does not exist",
    }
    warnings = pd.read_csv(tables / "warnings.csv", dtype=str)
    assert any("latin.txt: not valid UTF-8" in m and "cp1252" in m for m in warnings.message)
    assert articles.set_index("article_id").loc["german", "language"] == "de"
    err = capsys.readouterr().err
    for name in reasons:
        assert name in err
    assert hash_tree(bad_corpus) == before  # raw files are never written


def test_strict_fails_on_any_rejection(bad_corpus, tmp_path):
    assert main(["analyze", str(bad_corpus), "--out", str(tmp_path / "o"), "--strict"]) == 1


def test_nothing_usable_is_an_error(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "empty.txt").write_text("")
    assert main(["analyze", str(tmp_path / "c"), "--out", str(tmp_path / "o")]) == 1


def test_missing_corpus_path_is_a_clear_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "corpus not found" in capsys.readouterr().err


def test_help_explains_every_option(capsys):
    for command in ("analyze", "report"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        assert "--out" in text and "--registry" in text and "--columns" in text


def test_a_second_run_says_what_came_from_the_cache(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "a"), "--jobs", "1"]) == 0
    first = capsys.readouterr().out
    assert "from the cache" not in first
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "b"), "--jobs", "1"]) == 0
    second = capsys.readouterr().out
    assert "2 article(s) analysed (2 from the cache)" in second
    assert "1 of 1 comparison block(s) from the cache" in second
