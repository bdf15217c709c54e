"""Tests for the chunked writer and the streaming engine: chunked, one-shot, parallel and Dask runs
give the same tables; corpus stages see the tables read back from disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.core.writer import TableStore, iter_batches, read_table
from analysis.run import pipeline
from analysis.run.pipeline import analyze, analyze_to, write_tables
from benchmarks.generate_corpus import make_article, write_folder
from tests.conftest import SEED_CORPUS

N_ARTICLES = 40


@pytest.fixture(scope="session")
def small_corpus(tmp_path_factory) -> Path:
    """40 generated articles, the two seeds, an empty file and a duplicate article id."""
    folder = write_folder(tmp_path_factory.mktemp("corpus") / "c", N_ARTICLES, seed=3)
    for seed in SEED_CORPUS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_text("  \n")
    shutil.copy(folder / "syn-3-0000001.txt", folder / "syn-3-0000001-copy.txt")
    with open(folder / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.write("syn-3-0000001-copy.txt,syn-3-0000001,,,,,en,\n")
    return folder


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def assert_same_tables(a: Path, b: Path) -> None:
    assert files_of(a) == files_of(b)
    for path in sorted(a.glob("*.parquet")):
        pd.testing.assert_frame_equal(read_table(a, path.stem), read_table(b, path.stem))


@pytest.fixture(scope="session")
def one_shot(small_corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one-shot")
    analyze_to(small_corpus, out, jobs=1, chunk_size=10_000, cache=False)
    return out


def test_the_fixture_corpus_has_rejections_and_articles(one_shot):
    articles = pd.read_csv(one_shot / "articles.csv")
    rejected = pd.read_csv(one_shot / "rejected.csv")
    assert len(articles) == N_ARTICLES + 2
    assert sorted(rejected.reason.str.split().str[0]) == ["duplicate", "empty"]


def test_chunked_and_one_shot_runs_write_identical_tables(small_corpus, one_shot, tmp_path):
    result = analyze_to(small_corpus, tmp_path, jobs=1, chunk_size=3, cache=False)
    assert (result.n_articles, result.n_rejected) == (N_ARTICLES + 2, 2)
    assert_same_tables(one_shot, tmp_path)


def test_in_memory_analysis_writes_the_same_tables(small_corpus, one_shot, tmp_path):
    write_tables(analyze(small_corpus).tables, tmp_path)
    assert_same_tables(one_shot, tmp_path)


def test_worker_processes_give_the_serial_tables(small_corpus, one_shot, tmp_path, monkeypatch):
    from analysis.run import engine

    monkeypatch.setattr(engine, "POOL_WORTH_SECONDS", 0.0)  # start workers however small the work
    pools = []
    start = engine.LocalEngine.start
    monkeypatch.setattr(engine.LocalEngine, "start",
                        lambda self, preload=(): pools.append(start(self, preload)) or pools[-1])
    result = analyze_to(small_corpus, tmp_path, jobs=2, chunk_size=16, cache=False)
    assert result.n_articles == N_ARTICLES + 2
    assert pools and pools[0]._max_workers == 2
    assert_same_tables(one_shot, tmp_path)


def test_dask_engine_on_a_local_cluster_gives_the_local_tables(small_corpus, one_shot, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        result = analyze_to(small_corpus, tmp_path, engine="dask", scheduler=client,
                            chunk_size=11, cache=False)
        assert result.n_articles == N_ARTICLES + 2
        assert client.run(lambda: 1)  # the client is still usable: the engine did not close it
    assert_same_tables(one_shot, tmp_path)


def test_int_columns_with_gaps_are_written_as_integers(tmp_path):
    from analysis.core.writer import TableWriter, frame_of

    rows = [{"article_id": "a", "source_row": None, "n_words": 3, "english": True},
            {"article_id": "b", "source_row": 2, "n_words": 4, "english": None}]
    with TableWriter(tmp_path) as writer:
        writer.append("articles", frame_of("articles", rows))
    written = pd.read_csv(tmp_path / "articles.csv", dtype=str, keep_default_na=False)
    assert written.source_row.tolist() == ["", "2"]  # not "2.0": the schema says int
    assert written.english.tolist() == ["True", ""]
    assert read_table(tmp_path, "articles")["source_row"].tolist()[1] == 2


def test_a_rerun_into_the_same_folder_rewrites_nothing(small_corpus, tmp_path):
    first = analyze_to(small_corpus, tmp_path, jobs=1, cache=tmp_path / "cache")
    stamps = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.*")}
    again = analyze_to(small_corpus, tmp_path, jobs=1, cache=tmp_path / "cache")
    assert again.n_computed == 0 and again.n_articles == first.n_articles
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.*")} == stamps


def test_a_touched_but_unchanged_corpus_is_not_rewritten(small_corpus, tmp_path):
    import os

    corpus = tmp_path / "c"
    shutil.copytree(small_corpus, corpus)
    out = tmp_path / "out"
    analyze_to(corpus, out, jobs=1, cache=False)
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("*.csv")}
    for path in corpus.glob("*.txt"):
        os.utime(path, ns=(1, 1))  # new modification times, the same contents
    assert analyze_to(corpus, out, jobs=1, cache=False).n_computed == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.csv")} == stamps


def test_a_changed_corpus_is_rerun_into_the_same_folder(small_corpus, tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(small_corpus, corpus)
    out = tmp_path / "out"
    analyze_to(corpus, out, jobs=1, cache=False)
    (corpus / "extra.txt").write_text(make_article(9, 0)["text"])
    result = analyze_to(corpus, out, jobs=1, cache=False)
    assert result.n_articles == N_ARTICLES + 3
    assert "extra" in set(pd.read_csv(out / "articles.csv").article_id)


def count_sentences_by_outlet(tables, context):
    """A corpus stage that reads the sentences table in pieces (the bounded way)."""
    outlets = tables["articles"].set_index("article_id")["outlet"]
    counts: dict[str, int] = {}
    for piece in iter_batches(tables, "sentences", ["article_id"], size=50):
        for outlet, n in piece.article_id.map(outlets).value_counts().items():
            counts[outlet] = counts.get(outlet, 0) + int(n)
    frame = pd.DataFrame(sorted(counts.items()), columns=["outlet", "n_sentences"])
    return {"sentences_by_outlet": frame}


def test_corpus_stages_get_the_same_tables_from_disk(small_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "CORPUS_STAGES", ["tests.core.test_writer:count_sentences_by_outlet"])
    in_memory = analyze(small_corpus).tables["sentences_by_outlet"]
    result = analyze_to(small_corpus, tmp_path, jobs=1, chunk_size=5, cache=False)
    assert isinstance(result.tables, TableStore)
    on_disk = pd.read_csv(tmp_path / "sentences_by_outlet.csv", keep_default_na=False)
    assert on_disk.n_sentences.sum() == len(pd.read_csv(tmp_path / "sentences.csv"))
    pd.testing.assert_frame_equal(in_memory.reset_index(drop=True), on_disk, check_dtype=False)


def test_partitioned_reads_the_same_parts_from_disk_and_from_memory(one_shot):
    from analysis.core.writer import Partitioned

    store = TableStore(one_shot)
    sentences = read_table(one_shot, "sentences")
    ids = sorted(sentences["article_id"].unique())
    part_of = {aid: k % 3 for k, aid in enumerate(ids) if k != 0}  # the first article in no part
    columns = ["article_id", "sentence_id", "text"]
    with Partitioned(store, "sentences", part_of, columns, size=17) as on_disk:
        spill = on_disk._dir
        assert spill is not None and spill.exists()
        in_memory = Partitioned({"sentences": sentences}, "sentences", part_of, columns)
        for k in range(3):
            expected = sentences[sentences["article_id"].map(part_of) == k][columns]
            pd.testing.assert_frame_equal(on_disk[k], expected.reset_index(drop=True))
            pd.testing.assert_frame_equal(in_memory[k], expected.reset_index(drop=True))
        assert on_disk[7].empty and list(on_disk[7].columns) == columns
    assert not spill.exists()  # temporary files removed
    assert not list(one_shot.glob(".parts-*"))


def test_a_column_appearing_after_the_first_chunk_is_refused(tmp_path):
    from analysis.core.writer import TableWriter, frame_of

    with pytest.raises(ValueError, match="register them"):
        with TableWriter(tmp_path) as writer:
            writer.append("extra", frame_of("extra", [{"a": 1}]))
            writer.append("extra", frame_of("extra", [{"a": 2, "b": 3}]))


def test_a_value_that_contradicts_the_schema_is_named(tmp_path):
    from analysis.core.writer import TableWriter, frame_of

    rows = [{"article_id": "a", "n_words": 2.5}]
    with pytest.raises(ValueError, match="column n_words is registered as int"):
        with TableWriter(tmp_path) as writer:
            writer.append("articles", frame_of("articles", rows))


def test_system_arrow_memory_switches_the_pool_and_restores_it_even_on_error():
    import pyarrow as pa

    from analysis.core.writer import system_arrow_memory

    before = pa.default_memory_pool().backend_name
    with system_arrow_memory():
        assert pa.default_memory_pool().backend_name == "system"
        kept = pa.array(["made", "inside"])  # a buffer of the system pool, used after the block
    assert pa.default_memory_pool().backend_name == before
    with pytest.raises(RuntimeError), system_arrow_memory():
        raise RuntimeError("stage failed")
    assert pa.default_memory_pool().backend_name == before
    assert kept.to_pylist() == ["made", "inside"]


def test_release_memory_keeps_live_data():
    from analysis.core.writer import release_memory

    frame = pd.DataFrame({"text": [f"sentence {k}" for k in range(50_000)]})
    copy = frame.copy()
    del copy
    release_memory()
    assert frame["text"].iloc[-1] == "sentence 49999" and len(frame) == 50_000


# --- formats (issue 20 item 4) -----------------------------------------------------------------


def test_formats_are_parsed_in_one_order_and_unknown_ones_refused():
    from analysis.core.writer import parse_formats

    assert parse_formats("parquet,csv") == ("csv", "parquet")
    assert parse_formats(" Parquet ") == ("parquet",)
    assert parse_formats(["csv"]) == ("csv",)
    for bad in ("xml", "", "csv,json"):
        with pytest.raises(ValueError, match="not a table format"):
            parse_formats(bad)


def test_csv_made_from_parquet_has_the_bytes_the_writer_gives(tmp_path):
    from analysis.core.writer import TableWriter, csv_from_parquet, frame_of

    rows = [{"article_id": "0042", "source_row": None, "n_words": 3, "english": True,
             "title": 'A "quoted", comma\nnewline', "outlet": "", "published": "2024-06-19"},
            {"article_id": "b", "source_row": 2, "n_words": 4, "english": None, "title": None,
             "outlet": "X", "published": ""}]
    with TableWriter(tmp_path) as writer:
        writer.append("articles", frame_of("articles", rows))
        writer.append("scores", pd.DataFrame({"x": [0.1, 1e-7, None], "k": ["a", "", None]}))
    written = {name: (tmp_path / f"{name}.csv").read_bytes() for name in ("articles", "scores")}
    for name in written:
        (tmp_path / f"{name}.csv").unlink()
        csv_from_parquet(tmp_path, name)
        assert (tmp_path / f"{name}.csv").read_bytes() == written[name]


def test_parquet_only_tables_are_reused_for_a_csv_request_with_their_csv_made(
        small_corpus, one_shot, tmp_path):
    first = analyze_to(small_corpus, tmp_path, jobs=1, cache=False, formats=("parquet",))
    assert not list(tmp_path.glob("*.csv")) and (tmp_path / "articles.parquet").exists()
    assert len(first.tables["articles"]) == N_ARTICLES + 2
    again = analyze_to(small_corpus, tmp_path, jobs=1, cache=False, formats=("csv", "parquet"))
    assert again.n_computed == 0  # nothing analysed again
    assert_same_tables(one_shot, tmp_path)  # every CSV file written, byte for byte
    assert pipeline.read_run_stamp(tmp_path)["formats"] == ["csv", "parquet"]
    stamps = {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.*")}
    assert analyze_to(small_corpus, tmp_path, jobs=1, cache=False).n_computed == 0
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.glob("*.*")} == stamps  # the stamp holds


def test_csv_only_tables_are_written_without_parquet_and_not_reused_for_parquet(
        small_corpus, one_shot, tmp_path):
    first = analyze_to(small_corpus, tmp_path, jobs=1, cache=False, formats=("csv",))
    assert not list(tmp_path.glob("*.parquet"))
    assert files_of(tmp_path) == files_of(one_shot)
    assert len(first.tables["articles"]) == N_ARTICLES + 2
    again = analyze_to(small_corpus, tmp_path, jobs=1, cache=False, formats=("parquet",))
    assert again.n_computed > N_ARTICLES  # no Parquet to reuse: analysed again
    assert (tmp_path / "articles.parquet").exists()
    assert not list(tmp_path.glob("*.csv"))  # the earlier run's CSV files are gone with its stamp
