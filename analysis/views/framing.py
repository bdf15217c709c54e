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


EVIDENCE_COLUMNS = ["actor", "outlet", "article_id", "form", "descriptor", "voice", "match",
                    "sentence_id", "start", "end"]


def actor_descriptor_tables(t, n: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What each outlet calls the event's own most-mentioned people and organisations: the
    headline table (per actor, outlet and descriptor, counts by voice;
    :func:`analysis.measures.descriptors.actor_descriptors`) and its evidence (every descriptor
    with its article, sentence and offsets into the cleaned text). Empty tables when the run has
    no ``descriptors`` or entity tables."""
    from analysis.core.writer import read_columns, table_columns
    from analysis.entities.tables import TOP_ACTORS, linked_ids, top_actors
    from analysis.measures.descriptors import DESCRIPTOR_COLUMNS, actor_descriptors, link_descriptors

    empty = (pd.DataFrame(columns=DESCRIPTOR_COLUMNS), pd.DataFrame(columns=EVIDENCE_COLUMNS))
    needed = ("descriptors", "article_entities", "mentions", "entities")
    if any(table_columns(t, name) is None for name in needed):
        return empty
    actors = top_actors(t, n or TOP_ACTORS) or {}
    descriptors = t["descriptors"].copy()
    if not len(descriptors) or not actors:
        return empty
    for column in ("key", "descriptor", "voice", "form", "match", "sentence_id"):
        descriptors[column] = descriptors[column].fillna("").astype(str)
    descriptors["article_id"] = descriptors["article_id"].astype(str)
    rows = read_columns(t, "article_entities", ["article_id", "key", "name", "kind"])
    for column in ("article_id", "key", "name", "kind"):
        rows[column] = rows[column].fillna("").astype(str)
    articles = read_columns(t, "articles", ["article_id", "outlet", "event"])
    articles["article_id"] = articles["article_id"].astype(str)
    event_of = dict(zip(articles["article_id"], articles.get("event", pd.Series(dtype=str))
                        .fillna("").astype(str))) if "event" in articles else {}
    ids = linked_ids(rows, event_of)
    key_ids = dict(zip(zip(rows["article_id"], rows["key"]), ids))
    mentions = t["mentions"].assign(article_id=lambda m: m["article_id"].astype(str))
    entity_ids = link_descriptors(descriptors, key_ids, mentions, t["entities"])
    table = actor_descriptors(descriptors, entity_ids, actors, articles)
    evidence = descriptors.assign(entity_id=list(entity_ids))
    evidence["actor"] = [actors.get((a, e), "") for a, e in
                         zip(evidence["article_id"], evidence["entity_id"])]
    evidence = evidence[evidence["actor"] != ""]
    evidence["outlet"] = evidence["article_id"].map(dict(zip(articles["article_id"],
                                                             articles["outlet"])))
    return table, evidence[EVIDENCE_COLUMNS].sort_values(["actor", "outlet", "article_id", "start"]
                                                         ).reset_index(drop=True)
