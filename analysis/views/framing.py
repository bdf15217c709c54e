"""Figures and joined tables for the framing report (``notebooks/04-framing.ipynb``).

Every function returns what a notebook cell shows; plotting functions return the figure and take
labels through :func:`analysis.views.display.plot_label` (outlet names and terms come from data).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.measures.frame_validation import read_gold, score_frames
from analysis.views.display import plot_label

COLOURS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3",
           "#8c8c8c", "#ccb974", "#64b5cd"]  # matplotlib's 'deep' palette, one colour per outlet


def frames_with_scores(side: pd.DataFrame, codebooks=None) -> pd.DataFrame:
    """Frames side by side (``framing.frames_by_outlet``) with each frame's precision and recall
    against the hand-coded gold next to it: on all gold sentences, and on the held-out ones only
    (written after the codebooks were frozen, the fairer estimate)."""
    gold = read_gold()
    every = score_frames(gold, codebooks)[["codebook", "frame", "precision", "recall"]]
    held = score_frames(gold[gold["source"] == "heldout"], codebooks)
    held = held[["codebook", "frame", "precision", "recall", "gold"]].rename(columns={
        "precision": "precision_heldout", "recall": "recall_heldout", "gold": "heldout_n"})
    table = side.reset_index().merge(every, on=["codebook", "frame"], how="left")
    return table.merge(held, on=["codebook", "frame"], how="left")


def plot_frames(side: pd.DataFrame, codebook: str):
    """Horizontal grouped bars: frames of one codebook (rows), hits per 1,000 words per outlet."""
    part = side.xs(codebook, level="codebook").droplevel("frame")
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.3 * len(part) * max(1, len(part.columns))))
    part.index = [plot_label(i) for i in part.index]
    part.columns = [plot_label(c) for c in part.columns]
    part.iloc[::-1].plot.barh(ax=ax, color=COLOURS[: len(part.columns)], width=0.8)
    ax.set_xlabel("cue hits per 1,000 body words")
    ax.set_ylabel("")
    ax.set_title(plot_label(f"Frames of the '{codebook}' codebook, by outlet"))
    ax.legend(title="outlet", fontsize=8)
    fig.tight_layout()
    return fig


def plot_terms(top: pd.DataFrame):
    """One panel per outlet, side by side: its most distinctive terms by z, bars annotated with
    the term's count in the outlet / in the rest."""
    outlets = list(dict.fromkeys(top["outlet"]))
    rows = max(1, top.groupby("outlet").size().max()) if len(top) else 1
    fig, axes = plt.subplots(1, max(1, len(outlets)), figsize=(4.5 * max(1, len(outlets)),
                                                                 0.8 + 0.35 * rows), squeeze=False)
    for ax, outlet, colour in zip(axes[0], outlets, COLOURS * 10, strict=False):
        part = top[top["outlet"] == outlet].iloc[::-1]
        ax.barh([plot_label(t) for t in part["term"]], part["z"], color=colour)
        for y, (z, c, r) in enumerate(zip(part["z"], part["count"], part["count_rest"], strict=True)):
            ax.text(z, y, f" {c}/{r}", va="center", fontsize=7)
        ax.axvline(1.96, color="#999", linestyle=":", linewidth=1)
        ax.set_title(plot_label(outlet))
        ax.set_xlabel("z (outlet vs the rest)")
    fig.suptitle("Distinctive terms (labels: count in outlet / in the rest)")
    fig.tight_layout()
    return fig
