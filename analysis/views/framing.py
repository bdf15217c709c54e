"""Figures and joined tables for the framing report (``notebooks/04-framing.ipynb``).

Every function returns what a notebook cell shows; plotting functions return the figure and take
labels through :func:`analysis.views.display.plot_label` (outlet names and terms come from data).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from analysis.measures.frame_validation import read_gold, score_frames
from analysis.views.charts import MAX_PANELS, empty, heatmap, layout_below_title, panels_note
from analysis.views.display import plot_label
from analysis.views.palette import colour_of, outlet_colours


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
    """Heat map of one codebook: outlets as rows, frames as columns, cue hits per 1,000 body words
    written in each cell (50 outlets make 50 rows, never 50 bars per frame)."""
    part = side.xs(codebook, level="codebook").droplevel("frame")
    return heatmap(part.T, title=f"Frames of the '{codebook}' codebook, by outlet",
                   value_label="cue hits per 1,000 body words")


def plot_terms(top: pd.DataFrame, colours: dict[str, str] | None = None,
               max_panels: int = MAX_PANELS):
    """One panel per outlet (at most ``max_panels``, three to a row), each in the outlet's colour:
    its most distinctive terms by z, bars annotated with the term's count in the outlet / in the
    rest."""
    import math

    outlets = sorted(dict.fromkeys(top["outlet"]))
    if not outlets:
        return empty("No term reaches the minimum count: nothing is distinctive.")
    colours = colours or outlet_colours(outlets)
    shown = outlets[:max_panels]
    columns = min(3, len(shown))
    rows = math.ceil(len(shown) / columns)
    terms = max(1, top.groupby("outlet").size().max())
    fig, axes = plt.subplots(rows, columns, figsize=(3.9 * columns, rows * (0.9 + 0.3 * terms)),
                             squeeze=False)
    for ax in axes.flat[len(shown):]:
        ax.set_axis_off()
    for ax, outlet in zip(axes.flat, shown):
        part = top[top["outlet"] == outlet].iloc[::-1]
        ax.barh([plot_label(t) for t in part["term"]], part["z"], color=colour_of(colours, outlet))
        for y, (z, c, r) in enumerate(zip(part["z"], part["count"], part["count_rest"], strict=True)):
            ax.text(z, y, f" {int(c)}/{int(r)}", va="center", fontsize=7)
        ax.axvline(1.96, color="#999", linestyle=":", linewidth=1)
        ax.set_title(plot_label(outlet), fontsize=9, loc="left")
        ax.tick_params(axis="y", labelsize=8)
        ax.set_xlabel("z (outlet vs the rest)", fontsize=8)
    fig.suptitle("Distinctive terms (labels: count in outlet / in the rest)"
                 + panels_note(len(shown), len(outlets), "outlets"), fontsize=10)
    layout_below_title(fig)
    return fig


SCORE_COLUMNS = ("codebook", "frame", "precision", "recall", "precision_heldout", "recall_heldout",
                 "heldout_n")
MAX_OUTLET_COLUMNS = 8  # outlets shown as table columns; beyond, the heat map and its table


def scores_table(scored: pd.DataFrame, max_outlets: int = MAX_OUTLET_COLUMNS) -> pd.DataFrame:
    """:func:`frames_with_scores` as shown: with one rate column per outlet up to ``max_outlets``
    outlets, the precision / recall columns alone beyond (the rates are in the heat maps)."""
    outlets = [c for c in scored.columns if c not in SCORE_COLUMNS]
    if len(outlets) <= max_outlets:
        return scored
    return scored[[c for c in scored.columns if c in SCORE_COLUMNS]]


def own_labels(names: pd.DataFrame) -> pd.DataFrame:
    """Per outlet (rows) and concept (columns), the labels it uses in its own voice."""
    own = names[names["own"] > 0]
    if own.empty:
        return pd.DataFrame(columns=["outlet"])
    return (own.groupby(["outlet", "concept"])["label"].apply(", ".join).unstack("concept")
            .fillna("(none)").reset_index())
