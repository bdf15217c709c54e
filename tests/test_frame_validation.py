"""Codebooks against the hand-coded gold sentences: per-frame precision and recall (printed)."""

import pandas as pd
import pytest

from analysis import framing
from analysis.frame_validation import GOLD_FRAMES, read_gold, score_frames, score_summary
from tests.conftest import SEED_CORPUS


def test_gold_covers_every_seed_sentence(seed_tables):
    gold = read_gold()
    seed = gold[gold["source"] == "seed"].set_index("item_id")
    sentences = seed_tables["sentences"].set_index("sentence_id")
    assert set(seed.index) == set(sentences.index)
    assert (seed["text"] == sentences.loc[seed.index, "text"]).all()
    assert (gold["source"] == "written").sum() >= 30 and (gold["source"] == "heldout").sum() >= 20
    keys = {f"{b.name}:{f.frame}" for b in framing.read_codebooks(corpus=SEED_CORPUS)
            for f in b.frames}
    assert set().union(*gold["frames"]) <= keys


def test_scores_by_hand_on_a_tiny_gold(tmp_path):
    path = tmp_path / "gold.csv"
    pd.DataFrame({"item_id": ["a", "b", "c"], "source": "written",
                  "text": ["Sanctions bite.", "A gala concert.", "Nothing here."],
                  "frames": ["event:isolation_sanctions", "event:alliance", ""]}).to_csv(path, index=False)
    scores = score_frames(read_gold(path), str(SEED_CORPUS / "event-summit.codebook.yaml"))
    scores = scores.set_index("frame")
    # isolation: predicted a, gold a -> P 1, R 1; alliance: gold b, predicted none -> R 0, P NaN;
    # diplomacy: predicted b ('gala', 'concert'), gold none -> P 0
    assert scores.loc["isolation_sanctions", ["tp", "fp", "fn"]].tolist() == [1, 0, 0]
    assert scores.loc["alliance", "recall"] == 0 and pd.isna(scores.loc["alliance", "precision"])
    assert scores.loc["diplomacy_ceremony", "precision"] == 0


@pytest.mark.parametrize("source", ["seed", "written", "heldout"])
def test_print_per_frame_precision_recall(source, capsys):
    gold = read_gold(GOLD_FRAMES)
    gold = gold[gold["source"] == source]
    scores = score_frames(gold)
    summary = score_summary(scores)
    with capsys.disabled():
        print(f"\n[{source}: {len(gold)} sentences]\n{summary.to_string(index=False)}")
    assert ((scores["tp"] <= scores["gold"]) & (scores["tp"] <= scores["predicted"])).all()
    assert scores["precision"].dropna().between(0, 1).all()
    assert scores["recall"].dropna().between(0, 1).all()
    assert (summary["gold"] > 0).all()
