"""Tests for analysis/core/cache.py: hits, misses, and invalidation on a change of text, options, code
or data files (on a temporary copy of the package, never the real one)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.core import cache, config
from analysis.corpus.load import RawArticle
from analysis.run import pipeline
from analysis.run.pipeline import Options, analyze_to
from benchmarks.generate_corpus import write_folder

N = 12


@pytest.fixture()
def corpus(tmp_path) -> Path:
    return write_folder(tmp_path / "corpus", N, seed=5)


@pytest.fixture()
def package_copy(tmp_path, monkeypatch) -> Path:
    """A copy of the package whose files key the cache instead of the real ones."""
    copy = tmp_path / "package"
    shutil.copytree(config.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "code_files", lambda: cache.code_files([copy]))
    return copy


def run(corpus, tmp_path, name, options=None):
    return analyze_to(corpus, tmp_path / name, options, jobs=1, cache=tmp_path / "cache")


def test_code_files_are_the_package_code_and_resources():
    names = {p.relative_to(config.PACKAGE_DIR).as_posix() for p in cache.code_files()}
    assert {"run/pipeline.py", "corpus/clean.py", "resources/entities.csv",
            "resources/boilerplate.csv", "resources/abbreviations.txt"} <= names
    assert not any("__pycache__" in n for n in names)


def test_first_run_misses_second_run_hits_with_the_same_tables(corpus, tmp_path):
    first = run(corpus, tmp_path, "a")
    assert (first.n_computed, first.n_cached) == (N, 0)
    second = run(corpus, tmp_path, "b")
    assert (second.n_computed, second.n_cached) == (0, N)
    for path in sorted((tmp_path / "a").glob("*.csv")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_adding_articles_computes_only_the_new_ones(tmp_path):
    small = write_folder(tmp_path / "small", N, seed=5)
    run(small, tmp_path, "a")
    larger = write_folder(tmp_path / "larger", N + 3, seed=5)  # the same N articles plus 3
    result = run(larger, tmp_path, "b")
    assert (result.n_computed, result.n_cached) == (3, N)


def test_a_fresh_output_folder_reuses_every_comparison_block(corpus, tmp_path):
    options = Options(params={"compare_block_articles": 4})  # small blocks, several per event
    first = run(corpus, tmp_path, "a", options)
    assert first.n_blocks_cached == 0 and first.n_blocks_computed >= 5  # 12 articles, 5 events
    second = run(corpus, tmp_path, "b", options)
    assert (second.n_blocks_cached, second.n_blocks_computed) == (first.n_blocks_computed, 0)
    for path in sorted((tmp_path / "a").glob("*.csv")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_adding_articles_recomputes_only_the_comparison_blocks_they_join(tmp_path):
    options = Options(params={"compare_block_articles": 6})
    small = write_folder(tmp_path / "small", 60, seed=5)
    first = run(small, tmp_path, "a", options)
    larger = write_folder(tmp_path / "larger", 62, seed=5)  # the same 60 articles plus 2
    second = run(larger, tmp_path, "b", options)
    assert second.n_blocks_computed + second.n_blocks_cached >= first.n_blocks_computed
    assert 1 <= second.n_blocks_computed <= 2 * 2  # each new article: its block and the next
    assert second.n_blocks_cached >= first.n_blocks_computed - 2 * 2
    fresh = analyze_to(larger, tmp_path / "c", options, jobs=1, cache=False)  # no cache at all
    for path in sorted((tmp_path / "c").glob("*.csv")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name
    assert fresh.n_blocks_computed == 0  # without a cache nothing is counted


def test_a_changed_text_is_recomputed(corpus, tmp_path):
    run(corpus, tmp_path, "a")
    path = next(corpus.glob("*.txt"))
    path.write_text(path.read_text() + "\nOne more sentence was added here.\n")
    assert run(corpus, tmp_path, "b").n_computed == 1


def test_changed_options_invalidate(corpus, tmp_path):
    run(corpus, tmp_path, "a")
    result = run(corpus, tmp_path, "b", Options(params={"min_count": 3}))
    assert (result.n_computed, result.n_cached) == (N, 0)


def test_a_changed_registry_file_invalidates_though_its_name_is_the_same(corpus, tmp_path):
    registry = tmp_path / "entities.csv"
    shutil.copy(config.resource("entities.csv"), registry)
    options = Options(registry=str(registry))
    run(corpus, tmp_path, "a", options)
    assert run(corpus, tmp_path, "b", options).n_computed == 0
    with open(registry, "a", encoding="utf-8") as handle:
        handle.write("\n")  # the same entities: only the bytes changed
    assert run(corpus, tmp_path, "c", options).n_computed == N


def test_a_changed_code_file_invalidates(corpus, tmp_path, package_copy):
    run(corpus, tmp_path, "a")
    assert run(corpus, tmp_path, "b").n_computed == 0
    with open(package_copy / "segment.py", "a", encoding="utf-8") as handle:
        handle.write("\n# a comment is a change too\n")
    assert run(corpus, tmp_path, "c").n_computed == N


def test_a_changed_data_file_invalidates(corpus, tmp_path, package_copy):
    run(corpus, tmp_path, "a")
    with open(package_copy / "resources" / "boilerplate.csv", "a", encoding="utf-8") as handle:
        handle.write("Some Outlet,footer,^Copyright Some Outlet$,added in a test\n")
    assert run(corpus, tmp_path, "b").n_computed == N


def test_entries_of_other_code_are_dropped(tmp_path):
    old = cache.ArticleCache(tmp_path, code="old")
    old.put_many([("k1", cache.encode({"a": 1}))])
    old.close()
    assert cache.ArticleCache(tmp_path, code="old").get_many(["k1"]) == {"k1": cache.encode({"a": 1})}
    fresh = cache.ArticleCache(tmp_path, code="new")
    assert fresh.get_many(["k1"]) == {}
    assert (fresh.hits, fresh.misses) == (0, 1)


def test_article_key_depends_on_text_metadata_and_salt():
    raw = RawArticle("a", "a.txt", "Text.", {"outlet": "X"})
    key = cache.article_key(raw, b"s")
    assert key == cache.article_key(RawArticle("a", "a.txt", "Text.", {"outlet": "X"}), b"s")
    assert key != cache.article_key(RawArticle("a", "a.txt", "Text!", {"outlet": "X"}), b"s")
    assert key != cache.article_key(RawArticle("a", "a.txt", "Text.", {"outlet": "Y"}), b"s")
    assert key != cache.article_key(raw, b"t")


def test_encode_round_trips():
    rows = {"articles": [{"article_id": "a", "n_words": 3, "english": True}]}
    assert cache.decode(cache.encode(rows)) == rows


def test_a_large_value_is_decompressed_piece_by_piece_to_the_same_value():
    import pandas as pd

    frame = pd.DataFrame({"text": [f"sentence {k} of a block" for k in range(300_000)],
                          "start": range(300_000)})
    blob = cache.encode({"alignment": frame})
    assert len(blob) >= cache.STREAM_BYTES  # the streaming path, not the one-shot one
    pd.testing.assert_frame_equal(cache.decode(blob)["alignment"], frame)
    inflating = cache._Inflating(blob)
    assert inflating.read(5) and len(inflating.read()) > cache.STREAM_BYTES  # a plain stream



def test_frame_digest_changes_with_values_types_order_and_columns():
    import pandas as pd

    from analysis.core.cache import frame_digest

    frame = pd.DataFrame({"a": ["x", "y"], "b": [1, 2]})
    assert frame_digest(frame) == frame_digest(frame.copy())
    assert frame_digest(frame) == frame_digest(frame.set_axis([5, 6]))  # the index is ignored
    assert frame_digest(frame) != frame_digest(frame.assign(b=[1, 3]))
    assert frame_digest(frame) != frame_digest(frame.assign(b=[1.0, 2.0]))
    assert frame_digest(frame) != frame_digest(frame.iloc[::-1].reset_index(drop=True))
    assert frame_digest(frame) != frame_digest(frame.rename(columns={"b": "c"}))
    assert frame_digest(frame.iloc[:0]) != frame_digest(frame.iloc[:0].drop(columns="b"))


def test_corpus_results_are_kept_per_code_version(tmp_path):
    store = cache.ArticleCache(tmp_path, code="one")
    assert store.get_result("k") is None
    store.put_result("k", {"rows": [1, 2]})
    assert store.get_result("k") == {"rows": [1, 2]}
    assert (store.result_hits, store.result_misses) == (1, 1)
    store.close()
    assert cache.ArticleCache(tmp_path, code="one").get_result("k") == {"rows": [1, 2]}
    assert cache.ArticleCache(tmp_path, code="two").get_result("k") is None  # other code: dropped


# --- nothing read back is trusted ---------------------------------------------------------------


def test_a_damaged_entry_is_dropped_with_a_warning(tmp_path, caplog):
    import sqlite3

    store = cache.ArticleCache(tmp_path, code="c")
    store.put_many([("k1", cache.encode({"a": 1}))])
    store.close()
    with sqlite3.connect(tmp_path / cache.CACHE_FILE) as db:
        stored = db.execute("SELECT blob FROM results WHERE key = 'k1'").fetchone()[0]
        db.execute("UPDATE results SET blob = ? WHERE key = 'k1'", (stored[:-3] + b"bad",))
    store = cache.ArticleCache(tmp_path, code="c")
    assert store.get_many(["k1"]) == {} and (store.hits, store.misses, store.dropped) == (0, 1, 1)
    assert "damaged cache entry k1… dropped" in caplog.text
    with sqlite3.connect(tmp_path / cache.CACHE_FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM results").fetchone()[0] == 0


def test_an_entry_stored_under_another_key_is_not_served(tmp_path):
    import sqlite3

    store = cache.ArticleCache(tmp_path, code="c")
    store.put_many([("k1", cache.encode({"id": "a"})), ("k2", cache.encode({"id": "b"}))])
    store.close()
    with sqlite3.connect(tmp_path / cache.CACHE_FILE) as db:  # k1 now holds k2's result
        other = db.execute("SELECT blob FROM results WHERE key = 'k2'").fetchone()[0]
        db.execute("UPDATE results SET blob = ? WHERE key = 'k1'", (other,))
    store = cache.ArticleCache(tmp_path, code="c")
    assert list(store.get_many(["k1", "k2"])) == ["k2"]


def test_a_cache_file_with_a_garbage_header_is_moved_aside_and_rebuilt(tmp_path, caplog):
    (tmp_path / cache.CACHE_FILE).write_bytes(b"not a database at all " * 200)
    store = cache.ArticleCache(tmp_path, code="c")
    store.put_many([("k", cache.encode(1))])
    assert cache.decode(store.get_many(["k"])["k"]) == 1
    aside = [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and (tmp_path / aside[0]).read_bytes().startswith(b"not a database")
    assert "cache file unreadable (file is not a database)" in caplog.text


def test_a_corrupt_corpus_result_is_recomputed(tmp_path):
    import sqlite3

    store = cache.ArticleCache(tmp_path, code="c")
    store.put_result("block", {"rows": [1]})
    store.close()
    with sqlite3.connect(tmp_path / cache.CACHE_FILE) as db:
        db.execute("UPDATE corpus_results SET blob = zeroblob(64)")
    store = cache.ArticleCache(tmp_path, code="c")
    assert store.get_result("block") is None and store.dropped == 1


def test_swapped_cache_blobs_give_the_same_tables_as_a_fresh_run(corpus, tmp_path):
    import sqlite3

    run(corpus, tmp_path, "a")
    with sqlite3.connect(tmp_path / "cache" / cache.CACHE_FILE) as db:
        (first, blob_1), (second, blob_2) = db.execute(
            "SELECT key, blob FROM results ORDER BY key LIMIT 2").fetchall()
        db.execute("UPDATE results SET blob = ? WHERE key = ?", (blob_2, first))
        db.execute("UPDATE results SET blob = ? WHERE key = ?", (blob_1, second))
    result = run(corpus, tmp_path, "b")
    assert (result.n_computed, result.n_cached) == (2, N - 2)
    for path in sorted((tmp_path / "a").glob("*.csv")):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_a_cache_that_cannot_be_written_is_turned_off_and_the_run_goes_on(tmp_path, caplog):
    store = cache.ArticleCache(tmp_path, code="c")
    store.db.execute("PRAGMA query_only = ON")  # every write now fails, as on a full disk
    store.put_many([("k", cache.encode(1))])
    assert "cache write failed (attempt to write a readonly database)" in caplog.text
    assert store.get_many(["k"]) == {}
    store.put_many([("k", cache.encode(2))])  # the run's own in-memory cache from here on
    assert cache.decode(store.get_many(["k"])["k"]) == 2
