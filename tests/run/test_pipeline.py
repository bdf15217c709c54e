"""Tests for analysis/run/pipeline.py on the bundled seeds: the foundation's acceptance figures."""

import os
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SEED_1, SEED_2, SEED_CORPUS


def raw_lines(article_id):
    return Path(SEED_CORPUS / f"{article_id}.txt").read_text(encoding="utf-8").splitlines()


def test_cleaning_log_holds_exactly_the_named_lines(seed_tables):
    log = seed_tables["cleaning_log"]
    got = sorted(zip(log.article_id, log.line_no, log.rule, log.action))
    assert got == sorted([
        (SEED_1, 1, "crawler_date", "changed"), (SEED_1, 1, "loading_noise", "removed"),
        (SEED_2, 1, "breadcrumb", "removed"), (SEED_2, 5, "byline", "to_metadata"),
        (SEED_2, 9, "photo_caption", "removed"), (SEED_2, 22, "photo_caption", "removed"),
        (SEED_2, 31, "photo_caption", "removed"),
    ])


def test_every_other_line_survives_verbatim(seed_tables):
    paragraphs = seed_tables["paragraphs"]
    log = seed_tables["cleaning_log"]
    for article_id in (SEED_1, SEED_2):
        logged = set(log[log.article_id == article_id].line_no)
        kept = paragraphs[paragraphs.article_id == article_id]
        expected = [(n, line) for n, line in enumerate(raw_lines(article_id), start=1)
                    if line.strip() and n not in logged]
        assert list(zip(kept.raw_line, kept.text)) == expected


def test_articles_metadata(seed_tables):
    articles = seed_tables["articles"].set_index("article_id")
    assert articles.loc[SEED_1, "published"] == "2024-06-19"
    assert articles.loc[SEED_1, "outlet"] == "Benzinga"
    assert "inferred" in articles.loc[SEED_1, "notes"]
    assert articles.loc[SEED_2, ["outlet", "author"]].tolist() == ["Pulse Nigeria", "Segun Adeyemi"]
    assert articles.loc[SEED_2, "title"] == "North Korea ‘fully supports’ Russia on Ukraine - Kim tells Putin"
    assert articles.loc[SEED_2, "published"] in ("", None) or pd.isna(articles.loc[SEED_2, "published"])


def test_sentence_counts_and_title_paragraph(seed_tables):
    sentences = seed_tables["sentences"]
    body = sentences[sentences.role == "body"]
    assert body.groupby("article_id").size().to_dict() == {SEED_1: 12, SEED_2: 11}
    titles = sentences[sentences.role == "title"]
    assert titles.article_id.tolist() == [SEED_2]
    paragraphs = seed_tables["paragraphs"]
    assert paragraphs[paragraphs.role == "title"].paragraph_id.tolist() == [f"{SEED_2}:p0"]


def test_no_boundary_inside_abbreviations_or_names(seed_tables):
    for text in seed_tables["sentences"].text:
        assert not text.endswith(("U.", "U.S", "U.N")), text
    starts = [t.split()[0] for t in seed_tables["sentences"].text]
    assert "S." not in starts and "N." not in starts


def test_offsets_point_at_the_text(seed_tables):
    from analysis.corpus.document import document_from_raw
    from analysis.corpus.load import iter_corpus

    docs = {d.article_id: d for d in map(document_from_raw, iter_corpus(SEED_CORPUS))}
    for table in ("paragraphs", "sentences"):
        for row in seed_tables[table].itertuples():
            assert docs[row.article_id].text[row.start:row.end] == row.text


def test_section_column(seed_tables):
    paragraphs = seed_tables["paragraphs"]
    first = paragraphs[paragraphs.article_id == SEED_1]
    assert first.section.fillna("").tolist() == (
        [""] + ["What Happened"] * 4 + ["Why It Matters"] * 3)


def test_english_only_stages_skip_other_languages_with_a_warning(tmp_path, monkeypatch):
    from analysis.run import article, pipeline

    def shout(doc, context):
        return {"shouts": [{"article_id": doc.article_id}]}

    shout.english_only = True
    monkeypatch.setattr(pipeline, "_resolve", lambda spec: shout)
    monkeypatch.setattr(article, "_resolve", lambda spec: shout)
    monkeypatch.setattr(pipeline, "ARTICLE_STAGES", ["tests:shout"])
    monkeypatch.setattr(article, "ARTICLE_STAGES", ["tests:shout"])
    monkeypatch.setattr(pipeline, "CORPUS_STAGES", [])  # _resolve is patched for every stage
    (tmp_path / "de.txt").write_text("Der russische Präsident ist am Mittwoch zu einem Besuch in "
                                     "Nordkorea eingetroffen. Er traf den Staatschef und sprach über "
                                     "eine neue strategische Partnerschaft.")
    (tmp_path / "en.txt").write_text("Putin arrived in Pyongyang on Wednesday, his first visit in 24 "
                                     "years. He met Kim Jong Un and the two signed a new partnership.")
    tables = pipeline.analyze(tmp_path).tables
    assert tables["shouts"].article_id.tolist() == ["en"]
    [message] = tables["warnings"].message
    assert message == "de.txt: language 'de' is not English; 1 English-only measure(s) skipped: tests"


def test_an_article_in_another_language_gets_one_warning_however_many_stages_skip_it(tmp_path,
                                                                                    monkeypatch):
    from analysis.run import article, pipeline

    def shout(doc, context):
        return {"shouts": [{"article_id": doc.article_id}]}

    def plain(doc, context):
        return {"plain": [{"article_id": doc.article_id}]}

    shout.english_only = True
    stages = {"analysis.measures.hedging:shout": shout, "analysis.attribution.stage:whisper": shout,
              "analysis.entities.tables:echo": shout, "analysis.measures.naming:plain": plain}
    monkeypatch.setattr(pipeline, "_resolve", lambda spec: stages.get(spec, plain))
    monkeypatch.setattr(article, "_resolve", lambda spec: stages.get(spec, plain))
    monkeypatch.setattr(pipeline, "ARTICLE_STAGES", list(stages))
    monkeypatch.setattr(article, "ARTICLE_STAGES", list(stages))
    monkeypatch.setattr(pipeline, "CORPUS_STAGES", [])
    for name in ("de1", "de2"):
        (tmp_path / f"{name}.txt").write_text(
            "Der russische Präsident ist am Mittwoch zu einem Besuch in Nordkorea eingetroffen. Er "
            "traf den Staatschef und sprach über eine neue strategische Partnerschaft.")
    tables = pipeline.analyze(tmp_path).tables
    assert sorted(tables["plain"].article_id) == ["de1", "de2"]  # other stages still run
    assert "shouts" not in tables or tables["shouts"].empty
    messages = tables["warnings"].message.tolist()
    assert len(messages) == 2  # one per article, not one per skipped stage (three each)
    assert messages[0] == ("de1.txt: language 'de' is not English; 3 English-only measure(s) "
                           "skipped: hedging, attribution, entities")


def test_without_a_manifest_metadata_is_derived_never_invented(tmp_path):
    import shutil

    from analysis.run.pipeline import analyze

    for name in (SEED_1, SEED_2):
        shutil.copy(SEED_CORPUS / f"{name}.txt", tmp_path / f"{name}.txt")
    articles = analyze(tmp_path).tables["articles"].set_index("article_id").fillna("")
    assert articles.loc[SEED_2, ["outlet", "author", "published"]].tolist() == [
        "Pulse Nigeria", "Segun Adeyemi", ""]
    assert articles.loc[SEED_2, "title"].startswith("North Korea ‘fully supports’")
    assert articles.loc[SEED_1, ["outlet", "title", "author", "published"]].tolist() == [
        "", "", "", "2024-06-19"]


# --- tables are reused only when complete; a failed run leaves the earlier tables -----------------


@pytest.fixture()
def small_corpus(tmp_path):
    from benchmarks.generate_corpus import write_folder

    return write_folder(tmp_path / "corpus", 4, seed=3)


@pytest.mark.parametrize("damaged", ["articles.csv", "sentences.parquet"])
def test_truncated_tables_are_written_again_not_reused(small_corpus, tmp_path, caplog, damaged):
    from analysis.run.pipeline import analyze_to
    from tests.conftest import hash_tree

    folder = tmp_path / "out" / "tables"
    first = analyze_to(small_corpus, folder, jobs=1, cache=tmp_path / "cache")
    good = hash_tree(folder)
    path = folder / damaged
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    second = analyze_to(small_corpus, folder, jobs=1, cache=tmp_path / "cache")
    assert f"tables not reused ({damaged}: " in caplog.text
    assert second.n_articles == first.n_articles == 4 and second.n_cached == 4
    assert hash_tree(folder) == good  # whole again
    third = analyze_to(small_corpus, folder, jobs=1, cache=tmp_path / "cache")
    assert third.n_computed == 0 and third.n_cached == 4 and hash_tree(folder) == good


def test_a_full_disk_leaves_the_earlier_tables_and_no_partial_file(small_corpus, tmp_path,
                                                                     monkeypatch):
    import errno

    from analysis.core import writer
    from analysis.run.pipeline import analyze_to
    from tests.conftest import hash_tree

    out = tmp_path / "out"
    analyze_to(small_corpus, out / "tables", jobs=1, cache=False)
    before = hash_tree(out)
    (small_corpus / "extra.txt").write_text("Putin met Kim in Pyongyang. They signed a pact.\n")
    real_append = writer.TableWriter.append
    calls = []

    def full_disk(self, name, frame):
        calls.append(name)
        if len(calls) > 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(self.folder / f"{name}.csv"))
        return real_append(self, name, frame)

    monkeypatch.setattr(writer.TableWriter, "append", full_disk)
    with pytest.raises(OSError, match="No space left"):
        analyze_to(small_corpus, out / "tables", jobs=1, cache=False)
    assert hash_tree(out) == before and sorted(os.listdir(out)) == ["tables"]
