"""Frames from codebook files: per-sentence hits with evidence, per-article counts, editability."""

import shutil

import pandas as pd
import pytest

from analysis import framing
from analysis.pipeline import Options, analyze
from tests.conftest import SEED_1, SEED_2, SEED_CORPUS

SUMMIT = SEED_CORPUS / "event-summit.codebook.yaml"  # the bundled corpus carries its codebook


def test_shipped_codebooks_cover_the_published_frame_lists():
    assert [b.name for b in framing.read_codebooks()] == ["generic", "policy"]  # general only
    books = {b.name: b for b in framing.read_codebooks(corpus=SEED_CORPUS)}
    assert {f.frame for f in books["generic"].frames} == {
        "conflict", "human_interest", "responsibility", "economic_consequences", "morality"}
    assert len(books["policy"].frames) == 14  # Boydstun et al. 2014, 'other' not coded
    assert {f.frame for f in books["event"].frames} == {
        "alliance", "isolation_sanctions", "military_cooperation", "diplomacy_ceremony"}
    assert "Semetko" in books["generic"].reference and "Boydstun" in books["policy"].reference


def test_sentence_hits_carry_cue_and_offsets():
    book = framing.read_codebook(SUMMIT)
    sentences = [{"sentence_id": "x:s0", "start": 100, "role": "body",
                  "text": "The leaders signed a treaty at a gala banquet."}]
    rows = framing.frame_sentence_rows("x", sentences, [book])
    assert [(r["frame"], r["match"], r["start"], r["end"]) for r in rows] == [
        ("alliance", "treaty", 121, 127), ("diplomacy_ceremony", "gala", 133, 137),
        ("diplomacy_ceremony", "banquet", 138, 145)]
    assert [r["frame_hit_id"] for r in rows] == ["x:fr0", "x:fr1", "x:fr2"]


def test_article_rows_density_and_dominant():
    book = framing.read_codebook(SUMMIT)
    hits = [{"codebook": "event", "frame": "alliance", "sentence_id": "s1", "role": "body"},
            {"codebook": "event", "frame": "alliance", "sentence_id": "s1", "role": "body"},
            {"codebook": "event", "frame": "diplomacy_ceremony", "sentence_id": "s2", "role": "body"},
            {"codebook": "event", "frame": "diplomacy_ceremony", "sentence_id": "s0", "role": "title"}]
    rows = {r["frame"]: r for r in framing.frame_article_rows("x", hits, [book], n_words=250)}
    assert rows["alliance"]["hits"] == 2 and rows["alliance"]["sentences"] == 1
    assert rows["alliance"]["per_1000_words"] == pytest.approx(8.0)  # 2 / 250 * 1000
    assert rows["diplomacy_ceremony"]["hits"] == 1 and rows["diplomacy_ceremony"]["in_title"]
    assert rows["alliance"]["dominant"] and rows["diplomacy_ceremony"]["dominant"]  # tie: 1 sentence each
    assert not rows["military_cooperation"]["dominant"] and rows["military_cooperation"]["hits"] == 0


def test_no_frame_present_means_no_dominant():
    book = framing.read_codebook(SUMMIT)
    rows = framing.frame_article_rows("x", [], [book], n_words=0)
    assert not any(r["dominant"] for r in rows) and all(r["per_1000_words"] == 0 for r in rows)


def test_every_seed_hit_traces_to_its_sentence_and_cue(seed_tables):
    hits = seed_tables["frames_sentences"]
    sentences = seed_tables["sentences"].set_index("sentence_id")
    assert len(hits) > 20 and hits["frame_hit_id"].is_unique
    books = {b.name: b for b in framing.read_codebooks(corpus=SEED_CORPUS)}
    for row in hits.itertuples():
        sentence = sentences.loc[row.sentence_id]
        assert sentence["start"] <= row.start < row.end <= sentence["end"]
        offset = row.start - sentence["start"]
        assert sentence["text"][offset: offset + len(row.match)] == row.match
        frame = next(f for f in books[row.codebook].frames if f.frame == row.frame)
        assert row.cue in frame.cues


def test_seed_frames_examples(seed_tables):
    hits = seed_tables["frames_sentences"]
    s6 = hits[hits["sentence_id"] == f"{SEED_1}:s6"]
    assert {"alliance"} <= set(s6[s6["codebook"] == "event"]["frame"])
    assert "military operation" in set(s6[s6["frame"] == "conflict"]["match"])
    articles = seed_tables["frames_articles"]
    assert len(articles) == 2 * 23  # every frame of the three codebooks, for both articles
    sanctions = articles[(articles["frame"] == "isolation_sanctions")].set_index("article_id")
    assert sanctions.loc[SEED_1, "hits"] > 0 and sanctions.loc[SEED_2, "hits"] == 0


def test_editing_a_codebook_file_changes_results_without_code_change(tmp_path):
    book = tmp_path / "my-codebook.yaml"
    shutil.copy(SUMMIT, book)
    opts = Options(params={"codebooks": str(book)})
    before = analyze(SEED_CORPUS, opts).tables["frames_articles"]
    assert set(before["codebook"]) == {"event"}
    text = book.read_text(encoding="utf-8")
    text = text.replace("  - frame: alliance\n", "  - frame: hospitality\n    label: Hospitality\n"
                        "    cues: [gala concert, Kumsusan Palace]\n  - frame: alliance\n")
    book.write_text(text, encoding="utf-8")
    after = analyze(SEED_CORPUS, opts)
    frames = after.tables["frames_articles"]
    new = frames[(frames["frame"] == "hospitality") & (frames["article_id"] == SEED_1)].iloc[0]
    assert new["hits"] == 2 and new["label"] == "Hospitality"
    assert "hospitality" not in set(before["frame"])
    evidence = after.tables["frames_sentences"]
    assert set(evidence[evidence["frame"] == "hospitality"]["match"]) == {"gala concert", "Kumsusan Palace"}


def test_frames_from_tables_matches_the_stage(seed_tables):
    hits, articles = framing.frames_from_tables(seed_tables["sentences"], corpus=SEED_CORPUS)
    stage = seed_tables["frames_articles"]
    merged = articles.merge(stage, on=["article_id", "codebook", "frame"], suffixes=("", "_stage"))
    assert len(merged) == len(stage)
    assert (merged["hits"] == merged["hits_stage"]).all()
    assert (merged["n_words"] == merged["n_words_stage"]).all()


def test_side_by_side_and_evidence(seed_tables):
    side = framing.frames_by_outlet(seed_tables["frames_articles"], seed_tables["articles"])
    assert list(side.columns) == ["Benzinga", "Pulse Nigeria"]
    ev = framing.evidence(seed_tables["frames_sentences"], seed_tables["articles"], "event")
    assert {"outlet", "frame", "cues", "sentence"} <= set(ev.columns)
    dom = framing.dominant_frames(seed_tables["frames_articles"])
    assert isinstance(dom, pd.DataFrame) and set(dom["codebook"]) == {"event", "generic", "policy"}


def test_bad_codebook_is_refused(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("codebook: bad\nframes:\n  - frame: x\n    cues: []\n")
    with pytest.raises(ValueError):
        framing.read_codebook(bad)
    with pytest.raises(FileNotFoundError):
        framing.codebook_paths("no-such-codebook")


def test_one_search_for_all_codebooks_finds_what_one_search_per_codebook_finds():
    from analysis.load import iter_corpus
    from analysis.pipeline import prepare

    books = framing.read_codebooks(corpus=SEED_CORPUS)
    cues = framing.codebooks_cues(tuple(books))
    assert {key for key, *_ in cues.entries} == {(b.name, f.frame) for b in books for f in b.frames}
    twin = framing.Codebook(books[0].name, "", "", books[0].frames, "")  # same name: searched apart
    for doc in (prepare(raw) for raw in iter_corpus(SEED_CORPUS)):
        together = framing.frame_sentence_rows(doc.article_id, doc.sentences, books)
        apart = [r for book in books
                 for r in framing.frame_sentence_rows(doc.article_id, doc.sentences, [book])]
        apart.sort(key=lambda r: (r["start"], r["codebook"], r["frame"]))
        assert [dict(r, frame_hit_id="") for r in together] == [
            dict(r, frame_hit_id="") for r in apart]
        doubled = framing.frame_sentence_rows(doc.article_id, doc.sentences, [books[0], twin])
        assert len(doubled) == 2 * sum(r["codebook"] == books[0].name for r in together)
