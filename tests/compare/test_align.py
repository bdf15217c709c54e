"""Alignment rows made a slice at a time (BlockAlignment) and the outlet counts taken from the pairs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from analysis.run.pipeline import load_stage_modules  # noqa: E402

load_stage_modules()  # register every table in stage order

from analysis.compare import align  # noqa: E402
from analysis.core.writer import arrow_schema, typed  # noqa: E402

# (article, outlet, sentence) of one made-up event: articles a1 and a2 carry the same wire story
# (one story: `source_of`), a3 and a4 are of one outlet, a5 has no outlet, a6 an empty one; some
# sentences are matched only within their story or outlet, one nowhere
ROWS = [
    ("a1", "Northern Post", "The harbour bridge reopened to traffic on Monday after repairs."),
    ("a1", "Northern Post", "Engineers replaced four steel cables during the closure."),
    ("a1", "Northern Post", "The mayor thanked residents for their patience."),
    ("a1", "Northern Post", "Distributed to subscribers by the regional news pool."),
    ("a2", "Valley Wire", "The harbour bridge reopened to traffic on Monday after repairs."),
    ("a2", "Valley Wire", "Engineers replaced four steel cables during the closure."),
    ("a2", "Valley Wire", "Distributed to subscribers by the regional news pool."),
    ("a3", "Coast Daily", "The harbour bridge reopened on Monday after months of repairs."),
    ("a3", "Coast Daily", "Ferry operators reported fewer passengers this week."),
    ("a3", "Coast Daily", "Our newsroom moved to a new office on Quay Street in March."),
    ("a3", "Coast Daily", "Local bakeries sold out of pastries by noon."),
    ("a4", "Coast Daily", "The harbour bridge reopened on Monday after months of repairs."),
    ("a4", "Coast Daily", "Cyclists will get a separate lane next spring."),
    ("a4", "Coast Daily", "Our newsroom moved to a new office on Quay Street in March."),
    ("a5", None, "Engineers replaced four steel cables during the long closure."),
    ("a5", None, "Ferry operators reported fewer passengers this week."),
    ("a6", "", "Cyclists will get a separate lane next spring, officials said."),
    ("a6", "", "The mayor thanked residents for their patience."),
]
SOURCE_OF = {"a1": "a1", "a2": "a1"}


def _sentences() -> pd.DataFrame:
    frame = pd.DataFrame(ROWS, columns=["article_id", "outlet", "text"])
    frame["sentence_id"] = [f"{a}:s{k}" for k, a in enumerate(frame["article_id"])]
    frame["start"] = [10 * k for k in range(len(frame))]
    frame["end"] = frame["start"] + frame["text"].str.len()
    return frame


@pytest.fixture(scope="module")
def block():
    sentences = _sentences()
    pairs = align.align_sentences(sentences["text"].tolist(), sentences["article_id"].tolist())
    return align.BlockAlignment(sentences, pairs, SOURCE_OF, "bridge")


def _csv(frame: pd.DataFrame) -> str:
    return typed("alignment", frame).to_csv(header=False, index=False)


def test_block_has_matches_unique_sentences_and_every_kind_of_pair(block):
    whole = block.frame()
    matches = whole[whole["kind"] == "match"]
    unique = set(whole.loc[whole["kind"] == "unique", "text_a"])
    assert len(matches) >= 5 and len(unique) == 3  # alone, in one story, in one outlet
    assert any(t.startswith("Distributed") for t in unique)
    assert any(t.startswith("Our newsroom") for t in unique)
    assert matches["same_source"].any() and not matches["same_source"].all()
    assert list(whole.columns) == align.ALIGNMENT_COLUMNS


def test_frame_is_what_alignment_table_gives(block):
    table = align.alignment_table(_sentences(), SOURCE_OF, "bridge")
    pd.testing.assert_frame_equal(block.frame(), table)


@pytest.mark.parametrize("size", [1, 2, 3, 5, 8, 1000])
def test_pieces_give_the_writer_the_same_csv_and_arrow_values_as_slices_of_the_whole(block, size):
    whole = block.frame()
    pieces = list(block.pieces(size))
    assert [len(p) for p in pieces] == [len(whole.iloc[k:k + size])
                                        for k in range(0, len(whole), size)]
    assert "".join(_csv(p) for p in pieces) == _csv(whole)
    schema = arrow_schema("alignment", typed("alignment", whole))
    joined = pa.concat_tables(pa.Table.from_pandas(typed("alignment", p), schema=schema,
                                                   preserve_index=False) for p in pieces)
    assert joined.equals(pa.Table.from_pandas(typed("alignment", whole), schema=schema,
                                              preserve_index=False))


def test_a_block_without_pairs_gives_one_piece_of_unique_rows():
    sentences = _sentences().iloc[:3]
    pairs = align.align_sentences(sentences["text"].tolist(), sentences["article_id"].tolist())
    block = align.BlockAlignment(sentences, pairs, {}, "bridge")
    pieces = list(block.pieces(2))
    assert [len(p) for p in pieces] == [2, 1]
    assert set(pd.concat(pieces)["kind"]) == {"unique"}
    empty = align.BlockAlignment(sentences.iloc[:0], pairs.iloc[:0], {}, "bridge")
    assert [len(p) for p in empty.pieces(2)] == [0]


@pytest.mark.parametrize("skip", [set(), {"a2"}, {"a3", "a5"}])
def test_outlet_content_counts_as_content_by_outlet_on_the_rows(block, skip):
    known = lambda s: s.fillna("").replace("", "(unknown)")  # noqa: E731  as the summary maps
    whole = block.frame()
    rows = whole[~whole["article_id_a"].isin(skip) & ~whole["article_id_b"].isin(skip)]
    sentences = block.sentences[~block.sentences["article_id"].isin(skip)]
    expected = align.content_by_outlet(
        rows.assign(outlet_a=known(rows["outlet_a"]), outlet_b=known(rows["outlet_b"])),
        sentences.assign(outlet=known(sentences["outlet"])))
    found = block.outlet_content(skip, known)
    assert [(o, n, s, "; ".join(p)) for o, n, s, p in found] == [
        (r.outlet, r.n_sentences, r.n_shared, r.shared_with)
        for r in expected.itertuples(index=False)]
    assert any(s for _, _, s, _ in found)  # something is shared: the comparison is not vacuous
    if not skip:
        assert "(unknown)" in [o for o, *_ in found]


def test_pair_cosines_do_not_depend_on_the_chunk_size(block):
    sentences = block.sentences
    chars = align._fit(align.char_vectorizer(), sentences["text"].tolist())
    i, j = block.i, block.j
    whole = align.pair_cosines(chars, i, j, chunk=len(i))
    for chunk in (1, 2, 3):
        assert np.array_equal(align.pair_cosines(chars, i, j, chunk=chunk), whole)
