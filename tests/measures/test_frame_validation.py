"""Codebooks against the hand-coded gold sentences: per-frame precision and recall (printed)."""

import pandas as pd
import pytest

from analysis.measures import framing
from analysis.measures.frame_validation import GOLD_FRAMES, read_gold, score_frames, score_summary
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


def test_polnear_gold_stores_ids_offsets_and_labels_only():
    from analysis.measures.frame_validation import GOLD_POLNEAR

    stored = pd.read_csv(GOLD_POLNEAR, keep_default_na=False, dtype=str)
    assert list(stored.columns) == ["item_id", "doc_id", "start", "end", "sha1", "frames",
                                    "policy_single"]  # no text
    assert len(stored) >= 250 and stored["item_id"].is_unique
    books = {b.name: b for b in framing.read_codebooks()}
    keys = {f"{b.name}:{f.frame}" for b in books.values() for f in b.frames}
    assert set().union(*read_gold(GOLD_POLNEAR)["frames"]) <= keys
    assert set(stored["policy_single"]) <= {f.frame for f in books["policy"].frames} | {"other"}


def test_polnear_gold_reads_the_text_at_its_offsets_or_skips(tmp_path):
    from analysis.measures.frame_validation import read_polnear_gold

    text = "Title line.\n\nThe court ruled on Friday. Voters were not asked."
    dev = tmp_path / "dev.jsonl"
    dev.write_text(pd.Series([{"doc_id": "d1", "text": text}]).to_json(orient="records", lines=True))
    start = text.index("The court")
    end = start + len("The court ruled on Friday.")
    import hashlib
    sha = hashlib.sha1(text[start:end].encode()).hexdigest()[:12]
    gold = tmp_path / "gold.csv"
    pd.DataFrame([{"item_id": "d1:x", "doc_id": "d1", "start": start, "end": end, "sha1": sha,
                   "frames": "policy:legality", "policy_single": "legality"}]).to_csv(gold, index=False)
    read = read_polnear_gold(gold, dev)
    assert read.loc[0, "text"] == "The court ruled on Friday." and read.loc[0, "frames"] == {
        "policy:legality"}
    assert read_polnear_gold(gold, tmp_path / "absent.jsonl") is None  # skips cleanly
    pd.DataFrame([{"item_id": "d1:x", "doc_id": "d1", "start": start + 1, "end": end, "sha1": sha,
                   "frames": "", "policy_single": "other"}]).to_csv(gold, index=False)
    with pytest.raises(ValueError, match="not the coded sentence"):
        read_polnear_gold(gold, dev)
    # a gold file coded for the one policy frame only (no `frames` column): empty frame sets
    pd.DataFrame([{"item_id": "d1:x", "doc_id": "d1", "start": start, "end": end, "sha1": sha,
                   "policy_single": "legality"}]).to_csv(gold, index=False)
    read = read_polnear_gold(gold, dev, split="train")
    assert read.loc[0, "frames"] == set() and read.loc[0, "source"] == "polnear-train"


def test_polnear_train_gold_stores_ids_offsets_and_one_label_only():
    from analysis.measures.frame_validation import GOLD_POLNEAR_TRAIN, read_polnear_gold

    stored = pd.read_csv(GOLD_POLNEAR_TRAIN, dtype=str, keep_default_na=False)
    assert list(stored.columns) == ["item_id", "doc_id", "start", "end", "sha1", "policy_single",
                                    "batch"]
    assert len(stored) == 191 and stored["item_id"].is_unique
    assert stored["batch"].value_counts().to_dict() == {"1": 96, "2": 95}
    policy = next(b for b in framing.read_codebooks() if b.name == "policy")
    assert set(stored["policy_single"]) <= {f.frame for f in policy.frames} | {"other"}
    train = read_polnear_gold(GOLD_POLNEAR_TRAIN, split="train")  # None without ../shared
    assert train is None or len(train) == 191


def test_single_label_is_the_frame_with_most_hits_and_scores_by_hand():
    from analysis.measures.frame_validation import MFC_MERGE, single_label_scores, top_frame

    policy = next(b for b in framing.read_codebooks() if b.name == "policy")
    # legality: court, ruled, law (3) beats political: senator (1)
    assert top_frame("The court ruled that the senator broke the law.", policy) == "legality"
    assert top_frame("The sky was grey over the harbour.", policy) == "other"
    gold = pd.DataFrame({"text": ["The court ruled that the senator broke the law.",
                                  "Police arrested the suspect.", "The sky was grey."],
                         "policy_single": ["legality", "legality", "other"]})
    # unmerged: crime_punishment predicted for the second -> legality P 1, R 1/2
    scores, macro = single_label_scores(gold, policy)
    by = scores.set_index("label")
    assert by.loc["legality", ["gold", "predicted", "tp"]].tolist() == [2, 1, 1]
    assert macro == pytest.approx((2 * 1 * 0.5 / 1.5 + 1.0) / 2, abs=1e-3)
    # merged the MFC way (crime into legality): both right
    scores, macro = single_label_scores(gold, policy, MFC_MERGE)
    assert macro == 1.0 and "crime_punishment" not in set(scores["label"])


def test_print_polnear_scores_when_the_dev_data_is_there(capsys):
    from analysis.measures.frame_validation import read_polnear_gold, single_label_accuracy

    gold = read_polnear_gold()
    if gold is None:
        pytest.skip("PolNeAR dev data not found (../shared/dev-data)")
    books = framing.read_codebooks()  # general codebooks: the event codebook is the summit's
    summary = score_summary(score_frames(gold, books)).merge(single_label_accuracy(gold, books))
    with capsys.disabled():
        print(f"\n[polnear-dev: {len(gold)} sentences]\n{summary.to_string(index=False)}")
    assert len(gold) >= 250 and (summary["gold"] > 0).all()
