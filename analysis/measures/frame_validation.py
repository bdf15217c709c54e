"""Agreement of the codebooks with hand coding: per-frame precision and recall on ``data/gold/``.

The gold file (``data/gold/frames.csv``) has one row per sentence: ``item_id``, ``source`` (``seed``
for a sentence of the bundled corpus, ``written`` for one written for the test set), ``text`` and
``frames`` (``codebook:frame`` keys joined by ``;``, empty when none). The codebooks are run on each
``text`` alone; a frame counts as predicted when any of its cues matches.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.core.config import DATA_DIR
from analysis.measures.framing import find_frames, read_codebooks

GOLD_FRAMES = DATA_DIR / "gold" / "frames.csv"


def read_gold(path: str | Path = GOLD_FRAMES) -> pd.DataFrame:
    """The hand-coded sentences, with ``frames`` parsed into a set of ``codebook:frame`` keys."""
    gold = pd.read_csv(path, keep_default_na=False, dtype=str)
    gold["frames"] = gold["frames"].map(lambda s: {f.strip() for f in s.split(";") if f.strip()})
    return gold


def predict_frames(text: str, codebooks) -> set[str]:
    """``codebook:frame`` keys whose cues match ``text``."""
    return {f"{book.name}:{hit.key}" for book in codebooks for hit in find_frames(text, book)}


def score_frames(gold: pd.DataFrame, codebooks=None) -> pd.DataFrame:
    """Per-frame counts and scores of the codebooks against ``gold``.

    Returns one row per frame of the codebooks: ``codebook, frame, gold, predicted, tp, fp, fn,
    precision, recall, f1`` (precision = tp / predicted, recall = tp / gold; NaN when the
    denominator is 0). Range 0-1, higher = closer to the hand coding.
    """
    books = read_codebooks(codebooks)
    predicted = [predict_frames(text, books) for text in gold["text"]]
    rows = []
    for book in books:
        for frame in book.frames:
            key = f"{book.name}:{frame.frame}"
            in_gold = [key in g for g in gold["frames"]]
            in_pred = [key in p for p in predicted]
            tp = sum(g and p for g, p in zip(in_gold, in_pred, strict=True))
            rows.append({"codebook": book.name, "frame": frame.frame, "gold": sum(in_gold),
                         "predicted": sum(in_pred), "tp": tp, "fp": sum(in_pred) - tp,
                         "fn": sum(in_gold) - tp})
    scores = pd.DataFrame(rows)
    scores["precision"] = (scores["tp"] / scores["predicted"].where(scores["predicted"] > 0)).round(3)
    scores["recall"] = (scores["tp"] / scores["gold"].where(scores["gold"] > 0)).round(3)
    pr = scores["precision"] + scores["recall"]
    scores["f1"] = (2 * scores["precision"] * scores["recall"] / pr.where(pr > 0)).round(3)
    return scores


def score_summary(scores: pd.DataFrame) -> pd.DataFrame:
    """Micro-averaged precision and recall per codebook (pooled over its frames)."""
    sums = scores.groupby("codebook")[["gold", "predicted", "tp"]].sum()
    sums["precision"] = (sums["tp"] / sums["predicted"]).round(3)
    sums["recall"] = (sums["tp"] / sums["gold"]).round(3)
    return sums.reset_index()
