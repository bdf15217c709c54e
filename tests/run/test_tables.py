"""Tests for analysis/run/tables.py: notebooks' one call reuses, computes and caches tables."""

import shutil

import pytest

from analysis.cli import main
from analysis.run.tables import Tables, fingerprint, load_tables
from tests.conftest import SEED_1, SEED_CORPUS


def test_reuses_the_tables_newsprism_analyze_wrote(tmp_path):
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path)]) == 0
    tables = load_tables(str(SEED_CORPUS), str(tmp_path / "tables"))
    assert tables.folder == tmp_path / "tables"
    assert len(tables.articles) == 2 and SEED_1 in set(tables["sentences"].article_id)


def test_computes_and_caches_then_recomputes_when_the_corpus_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    first = load_tables(str(corpus))
    assert len(first.articles) == 2
    stamp = (first.folder / "articles.csv").stat().st_mtime_ns
    again = load_tables(str(corpus))
    assert again.folder == first.folder
    assert (again.folder / "articles.csv").stat().st_mtime_ns == stamp  # reused, not recomputed
    (corpus / "extra.txt").write_text("Kim met Putin in Pyongyang on Wednesday. They signed a pact.")
    changed = load_tables(str(corpus))
    assert changed.folder != first.folder and len(changed.articles) == 3


def test_fingerprint_changes_with_options(tmp_path):
    assert fingerprint(SEED_CORPUS, "a") != fingerprint(SEED_CORPUS, "b")


def test_missing_table_and_folder_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no articles table"):
        load_tables(str(SEED_CORPUS), str(tmp_path))
    with pytest.raises(KeyError, match="no table 'nothing'"):
        Tables(tmp_path)["nothing"]


def test_parquet_only_tables_give_the_frames_of_csv_tables(tmp_path):
    import pandas as pd

    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "both"), "--jobs", "1"]) == 0
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "pq"), "--jobs", "1",
                 "--formats", "parquet"]) == 0
    both, parquet = Tables(tmp_path / "both" / "tables"), Tables(tmp_path / "pq" / "tables")
    assert not list(parquet.folder.glob("*.csv"))
    assert parquet.names() == both.names()
    for name in both.names():
        pd.testing.assert_frame_equal(parquet[name], both[name])
    assert len(load_tables(str(SEED_CORPUS), str(parquet.folder)).articles) == 2


def test_reading_given_tables_does_not_import_the_pipeline(tmp_path):
    """A report notebook gets its tables folder: the pipeline (every stage) is never imported."""
    import subprocess
    import sys

    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path), "--jobs", "1"]) == 0
    code = ("import sys\nfrom analysis.run.tables import load_tables\n"
            f"t = load_tables({str(SEED_CORPUS)!r}, {str(tmp_path / 'tables')!r})\n"
            "assert len(t.articles) == 2\n"
            "print(sorted(m for m in sys.modules if m.startswith('analysis.')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "analysis.run.pipeline" not in done.stdout and "analysis.run.tables" in done.stdout
