"""Per-frame precision and recall of the codebooks against both hand-coded gold sets.

Gold sets: ``data/gold/frames.csv`` (sentences of and like the bundled summit corpus; scored with
the general codebooks and the summit's), ``data/gold/frames_polnear.csv`` (sentences of the
PolNeAR dev articles, text read from the development data when present, else skipped; scored
with the general codebooks only, the event codebook belonging to the summit corpus) and
``data/gold/frames_polnear_train.csv`` (191 sentences of PolNeAR train articles on policy topics
in two batches, coded for the one policy frame only, before any codebook was scored on them:
single-label only).

Per gold set: per-frame counts and scores (multi-label: a frame is predicted when any cue
matches), micro precision / recall per codebook beside the single-label accuracy (the frame with
most cue hits per sentence, none = other), and on PolNeAR the policy frames as one label per
sentence against the coder's one label, Media Frames Corpus dimensions merged the usual way
(macro-F1).

Run: .venv/bin/python benchmarks/framing_eval.py [--source seed|written|heldout|all]
     [--codebooks a.yaml,b.yaml] [--frames]
"""

import argparse

import pandas as pd

from analysis.measures.frame_validation import (
    GOLD_POLNEAR_TRAIN,
    MFC_MERGE,
    read_gold,
    read_polnear_gold,
    score_frames,
    score_summary,
    single_label_accuracy,
    single_label_scores,
)
from analysis.measures.framing import read_codebooks


def report(title: str, gold: pd.DataFrame, codebooks, frames: bool) -> None:
    scores = score_frames(gold, codebooks)
    print(f"== {title}: {len(gold)} sentences ==")
    if frames:
        print(scores.to_string(index=False))
        print()
    summary = score_summary(scores).merge(
        single_label_accuracy(gold, codebooks)[["codebook", "accuracy"]], on="codebook")
    print(summary.rename(columns={"accuracy": "single_label_accuracy"}).to_string(index=False))
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="all", choices=["all", "seed", "written", "heldout"],
                        help="part of frames.csv to score")
    parser.add_argument("--codebooks", default="", help="codebook files (comma-separated)")
    parser.add_argument("--frames", action="store_true", help="print per-frame rows too")
    args = parser.parse_args()
    pd.set_option("display.width", 160)
    gold = read_gold()
    if args.source != "all":
        gold = gold[gold["source"] == args.source]
    summit_books = args.codebooks or None  # default: general + the bundled corpus's own
    report(f"frames.csv ({args.source})", gold, summit_books, args.frames)

    polnear = read_polnear_gold()
    if polnear is None:
        print("== frames_polnear.csv: skipped (PolNeAR dev data not found) ==")
        return
    books = read_codebooks(args.codebooks or None)  # general codebooks only
    report("frames_polnear.csv (PolNeAR dev)", polnear, books, args.frames)
    policy = next((b for b in books if b.name == "policy"), None)
    if policy is None:
        return
    single_label_report("PolNeAR dev", polnear, policy)
    train = read_polnear_gold(GOLD_POLNEAR_TRAIN, split="train")
    if train is None:
        print("== frames_polnear_train.csv: skipped (PolNeAR train data not found) ==")
        return
    print()
    print(f"== frames_polnear_train.csv (PolNeAR train, policy_single only): {len(train)} "
          "sentences ==")
    single_label_report("PolNeAR train", train, policy)
    for batch, part in train.groupby("batch"):
        print(f"batch {batch} ({len(part)} sentences): macro-F1 merged "
              f"{single_label_scores(part, policy, MFC_MERGE)[1]:.3f}")


def single_label_report(title: str, gold: pd.DataFrame, policy) -> None:
    per_label, macro = single_label_scores(gold, policy, MFC_MERGE)
    _, macro_raw = single_label_scores(gold, policy)
    print(f"{title}: policy, one label per sentence (most cue hits, none = other) vs the coder's "
          "one label; MFC dimensions merged:")
    print(per_label.to_string(index=False))
    print(f"macro-F1 merged {macro:.3f}; unmerged {macro_raw:.3f}; "
          f"accuracy {per_label['tp'].sum() / len(gold):.3f}")


if __name__ == "__main__":
    main()
