"""Agreement of the codebooks with hand coding: per-frame precision and recall on ``data/gold/``.

Three gold sets:

- ``data/gold/frames.csv``: one row per sentence, ``item_id``, ``source`` (``seed`` for a sentence
  of the bundled corpus, ``written`` / ``heldout`` for one written for the test set), ``text`` and
  ``frames`` (``codebook:frame`` keys joined by ``;``, empty when none);
- ``data/gold/frames_polnear.csv``: sentences of the PolNeAR dev articles (US election news, 2016),
  stored without their text: ``item_id``, ``doc_id``, ``start``, ``end`` (offsets into the
  article's text), ``sha1`` (first 12 hex digits of the sentence's SHA-1, to check the text is the
  one coded), ``frames`` and ``policy_single`` (the one policy frame that best describes the
  sentence, ``other`` when none). The text is read from the development data when it is there
  (:func:`read_polnear_gold` returns None otherwise);
- ``data/gold/frames_polnear_train.csv``: 96 sentences of PolNeAR train articles on policy topics,
  stored the same way but coded for ``policy_single`` only (no ``frames`` column), before any
  codebook was scored on them: an unseen check of cue changes (``split="train"``).

The codebooks are run on each ``text`` alone; a frame counts as predicted when any of its cues
matches (multi-label). The single-label figure takes, per sentence and codebook, the frame with
the most cue hits (ties: the one hit first in the sentence; no hit = ``other``).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pandas as pd

from analysis.core.config import DATA_DIR, DEFAULT_CORPUS, PROJECT_ROOT
from analysis.measures.framing import find_frames, read_codebooks, top_frame_of

GOLD_FRAMES = DATA_DIR / "gold" / "frames.csv"
GOLD_POLNEAR = DATA_DIR / "gold" / "frames_polnear.csv"
GOLD_POLNEAR_TRAIN = DATA_DIR / "gold" / "frames_polnear_train.csv"
POLNEAR_DEV = "polnear-dev.jsonl"
POLNEAR_TRAIN = "polnear-train.jsonl"
DEV_DATA_ENV = "NEWSPRISM_DEV_DATA"  # a folder holding the development data (overrides the search)
OTHER = "other"
# The usual merge of the Media Frames Corpus dimensions for sentence-level scoring: capacity into
# economic, crime into legality, political and policy prescription together, quality of life into
# health and safety (as in the MFC-based frame classifiers' evaluations that merge sparse classes).
MFC_MERGE = {"capacity_resources": "economic", "crime_punishment": "legality",
             "policy_prescription": "political", "quality_of_life": "health_safety"}


def read_gold(path: str | Path = GOLD_FRAMES) -> pd.DataFrame:
    """The hand-coded sentences, with ``frames`` parsed into a set of ``codebook:frame`` keys."""
    gold = pd.read_csv(path, keep_default_na=False, dtype=str)
    gold["frames"] = gold["frames"].map(_keys)
    return gold


def _keys(text: str) -> set[str]:
    return {f.strip() for f in text.split(";") if f.strip()}


def dev_data_file(name: str = POLNEAR_DEV) -> Path | None:
    """A file of the development data: in ``$NEWSPRISM_DEV_DATA``, else in ``shared/dev-data``
    beside the repository or one of its parent folders; None when absent."""
    folders = [Path(os.environ[DEV_DATA_ENV])] if os.environ.get(DEV_DATA_ENV) else []
    folders += [parent / "shared" / "dev-data" for parent in PROJECT_ROOT.parents]
    return next((folder / name for folder in folders if (folder / name).is_file()), None)


def read_polnear_gold(path: str | Path = GOLD_POLNEAR, dev: str | Path | None = None,
                      split: str = "dev") -> pd.DataFrame | None:
    """The PolNeAR gold sentences with their text read from the development data (``dev``, default
    :func:`dev_data_file` of the ``split``'s file, ``dev`` or ``train``); None when the data is
    absent. Columns as :func:`read_gold`, plus ``policy_single``; ``source`` is
    ``polnear-<split>``. A gold file without a ``frames`` column (``frames_polnear_train.csv``,
    coded for the one policy frame only) gets empty frame sets.

    Raises ValueError when a stored offset no longer gives the coded sentence (SHA-1 differs)."""
    dev = Path(dev) if dev else dev_data_file(POLNEAR_TRAIN if split == "train" else POLNEAR_DEV)
    if dev is None or not dev.is_file():
        return None
    gold = pd.read_csv(path, keep_default_na=False, dtype=str)
    texts = {}
    with open(dev, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts.setdefault(row["doc_id"], row["text"])
    sentences = []
    for row in gold.itertuples():
        text = texts[row.doc_id][int(row.start):int(row.end)]
        if hashlib.sha1(text.encode("utf-8")).hexdigest()[: len(row.sha1)] != row.sha1:
            raise ValueError(f"{row.item_id}: the text at these offsets is not the coded sentence")
        sentences.append(text)
    gold["text"] = sentences
    gold["source"] = f"polnear-{split}"
    gold["frames"] = gold["frames"].map(_keys) if "frames" in gold else [set() for _ in sentences]
    return gold


def predict_frames(text: str, codebooks) -> set[str]:
    """``codebook:frame`` keys whose cues match ``text``."""
    return {f"{book.name}:{hit.key}" for book in codebooks for hit in find_frames(text, book)}


def top_frame(text: str, codebook) -> str:
    """The frame of ``codebook`` with the most cue hits in ``text`` (ties: the one hit first in
    the text), ``other`` when none hits."""
    return top_frame_of(find_frames(text, codebook)) or OTHER


def score_frames(gold: pd.DataFrame, codebooks=None) -> pd.DataFrame:
    """Per-frame counts and scores of the codebooks against ``gold``.

    Returns one row per frame of the codebooks: ``codebook, frame, gold, predicted, tp, fp, fn,
    precision, recall, f1`` (precision = tp / predicted, recall = tp / gold; NaN when the
    denominator is 0). Range 0-1, higher = closer to the hand coding.
    """
    books = _books(codebooks)
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
    return _with_scores(pd.DataFrame(rows))


def _books(codebooks):
    """Codebooks to score: as given (objects, or a setting for :func:`read_codebooks`, names of the
    bundled corpus's codebooks included); by default the general ones and the bundled corpus's own
    (its gold is in ``frames.csv``)."""
    if isinstance(codebooks, (list, tuple)) and codebooks and not isinstance(codebooks[0], str):
        return list(codebooks)
    return read_codebooks(codebooks or None, corpus=DEFAULT_CORPUS)


def _with_scores(scores: pd.DataFrame) -> pd.DataFrame:
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


def single_label_accuracy(gold: pd.DataFrame, codebooks=None) -> pd.DataFrame:
    """Per codebook, the share of sentences whose top frame (:func:`top_frame`) the coder gave
    the sentence (or, for ``other``, where the coder gave none of the codebook's frames).

    Returns ``codebook, sentences, correct, accuracy`` (0-1, higher = closer to the hand coding).
    """
    rows = []
    for book in _books(codebooks):
        correct = 0
        for text, frames in zip(gold["text"], gold["frames"], strict=True):
            top = top_frame(text, book)
            mine = {k for k in frames if k.startswith(f"{book.name}:")}
            correct += (not mine) if top == OTHER else f"{book.name}:{top}" in mine
        rows.append({"codebook": book.name, "sentences": len(gold), "correct": correct,
                     "accuracy": round(correct / len(gold), 3) if len(gold) else float("nan")})
    return pd.DataFrame(rows)


def single_label_scores(gold: pd.DataFrame, codebook, merge: dict | None = None,
                        column: str = "policy_single") -> tuple[pd.DataFrame, float]:
    """One label per sentence against the coder's one label (``column``): per-label precision,
    recall and F1 (``other`` included), and their macro-average over the labels the coder used.

    ``merge`` maps frames onto merged classes first (e.g. :data:`MFC_MERGE`). Range 0-1, higher =
    closer to the hand coding."""
    merge = merge or {}
    truth = [merge.get(label, label) for label in gold[column]]
    pred = [merge.get(label, label) for label in (top_frame(t, codebook) for t in gold["text"])]
    labels = sorted(set(truth) | set(pred))
    rows = []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(truth, pred, strict=True))
        rows.append({"label": label, "gold": truth.count(label), "predicted": pred.count(label),
                     "tp": tp})
    scores = _with_scores(pd.DataFrame(rows))
    used = scores[scores["gold"] > 0]
    macro = float(used["f1"].fillna(0).mean()) if len(used) else float("nan")
    return scores, round(macro, 3)
