"""Per-frame precision and recall of the shipped codebooks against the hand-coded gold sentences.

Run: .venv/bin/python benchmarks/framing_eval.py [--source seed|written|heldout|all]
     [--codebooks a.yaml,b.yaml]
"""

import argparse

import pandas as pd

from analysis.measures.frame_validation import read_gold, score_frames, score_summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default="all", choices=["all", "seed", "written", "heldout"])
    parser.add_argument("--codebooks", default="", help="codebook files (comma-separated)")
    args = parser.parse_args()
    gold = read_gold()
    if args.source != "all":
        gold = gold[gold["source"] == args.source]
    scores = score_frames(gold, args.codebooks or None)
    pd.set_option("display.width", 140)
    print(f"gold sentences: {len(gold)} ({args.source})")
    print(scores.to_string(index=False))
    print()
    print(score_summary(scores).to_string(index=False))


if __name__ == "__main__":
    main()
