"""Sentiment tables and figures for the report notebook (tables in, DataFrames and figures out).

Every figure function returns the matplotlib figure; the notebook shows it and saves the table
behind it with :func:`analysis.views.display.save_table`. Labels taken from articles (outlets, actors)
go through :func:`analysis.views.display.plot_label`.
"""

from __future__ import annotations

import pandas as pd

from analysis.measures.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD
from analysis.views import display
from analysis.views.charts import (
    MAX_PANELS,
    dot_plot,
    integer_ticks,
    layout_below_title,
    panels_note,
    share_bars,
)
from analysis.views.display import plot_label
from analysis.views.palette import colour_of, distinct, outlet_colours

LABEL_COLOURS = {"positive": "#2a9d8f", "neutral": "#b0b0b0", "negative": "#d1495b"}


def with_outlet(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the article's outlet joined on (``(unknown)`` when missing)."""
    outlets = articles[["article_id", "outlet"]].copy()
    outlets["outlet"] = outlets["outlet"].fillna("").astype(str).replace("", "(unknown)")
    return frame.merge(outlets, on="article_id", how="left")


def sentence_track(sentences: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Body sentences in text order with their position in the article (1 = first)."""
    body = sentences[sentences["role"] == "body"].copy()
    body["position"] = body.groupby("article_id").cumcount() + 1
    body = with_outlet(body, articles)
    return body[["outlet", "article_id", "position", "sentence_id", "compound", "label", "text"]]


def evidence(sentences: pd.DataFrame, articles: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """Per outlet, the ``n`` most positive and ``n`` most negative body sentences (the evidence)."""
    track = sentence_track(sentences, articles)
    parts = []
    for _, group in track.groupby("outlet", sort=True):
        top = group.nlargest(n, "compound").assign(direction="most positive")
        bottom = group.nsmallest(n, "compound").assign(direction="most negative")
        parts += [top, bottom]
    if not parts:
        return pd.DataFrame(columns=["outlet", "direction", "compound", "text", "sentence_id"])
    out = pd.concat(parts, ignore_index=True)
    return out[["outlet", "direction", "compound", "label", "text", "sentence_id"]]


def actor_comparison(actor_outlets: pd.DataFrame, min_sentences: int = 2) -> pd.DataFrame:
    """Actors named in at least ``min_sentences`` sentences across the corpus, per outlet."""
    totals = actor_outlets.groupby("actor")["n_sentences"].transform("sum")
    kept = actor_outlets[totals >= min_sentences]
    return kept.sort_values(["name", "outlet"]).reset_index(drop=True)


def actor_evidence(comparison: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and actor, the mean with the most negative and most positive sentence as text."""
    text = dict(zip(sentences["sentence_id"], sentences["text"]))
    out = comparison[["outlet", "name", "n_sentences", "mean_compound"]].copy()
    out["most_negative_sentence"] = comparison["most_negative_sentence_id"].map(text)
    out["most_positive_sentence"] = comparison["most_positive_sentence_id"].map(text)
    return out


def describe_lowest(outlets: pd.DataFrame):
    """One sentence naming the outlet with the lowest mean, with its interval and sample size."""
    if not len(outlets):
        return display.note("No English article with scored sentences in this corpus.")
    row = outlets.sort_values("mean_compound").iloc[0]
    return display.say(
        "Lowest mean: <b>{outlet}</b> at {mean} (95% interval {low} to {high}), over {n} article(s) "
        "and {s} sentences.", outlet=row["outlet"], mean=f"{row['mean_compound']:.3f}",
        low=f"{row['ci_low']:.3f}", high=f"{row['ci_high']:.3f}", n=int(row["n_articles"]),
        s=int(row["n_sentences"]))


def empty_figure(message: str = "No English article with scored text in this corpus."):
    """A small figure saying there is nothing to draw (figures never fail on an empty table)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 1))
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_axis_off()
    fig.np_alt = message
    return fig


def plot_sentence_track(track: pd.DataFrame, articles: pd.DataFrame | None = None,
                        max_panels: int = MAX_PANELS):
    """One panel per article (at most ``max_panels``, the first of each outlet first): each body
    sentence's compound score in text order, titled with outlet and headline."""
    import matplotlib.pyplot as plt

    if not len(track):
        return empty_figure()

    titles = display.headlines(articles) if articles is not None else {}
    order = track.drop_duplicates("article_id")[["outlet", "article_id"]]
    order = order.assign(rank=order.groupby("outlet").cumcount()).sort_values(["rank", "outlet"])
    article_ids = order["article_id"].tolist()[:max_panels]
    fig, axes = plt.subplots(len(article_ids), 1, figsize=(8, 1.0 + 1.5 * len(article_ids)),
                             sharex=True, squeeze=False)
    for ax, aid in zip(axes[:, 0], article_ids):
        rows = track[track["article_id"] == aid]
        ax.bar(rows["position"], rows["compound"], color=[LABEL_COLOURS[x] for x in rows["label"]])
        for threshold in (POSITIVE_THRESHOLD, NEGATIVE_THRESHOLD):
            ax.axhline(threshold, color="#777", linewidth=0.6, linestyle=":")
        ax.set_ylim(-1, 1)
        ax.set_ylabel("compound")
        ax.set_title(plot_label(f"{rows['outlet'].iloc[0]}: {titles.get(aid, aid)} "
                                f"({len(rows)} sentences)"), fontsize=9, loc="left")
    integer_ticks(axes[-1, 0].xaxis)
    axes[-1, 0].set_xlabel("sentence in the article body (1 = first)")
    fig.suptitle("Tone sentence by sentence" + panels_note(len(article_ids), len(order), "articles"),
                 fontsize=10, x=0.01, ha="left")
    layout_below_title(fig)
    return fig


def plot_outlets(outlets: pd.DataFrame, colours: dict[str, str] | None = None):
    """Left: mean compound per outlet with its bootstrap interval (sorted, outlet colours);
    right: label shares."""
    if not len(outlets):
        return empty_figure()
    colours = colours or outlet_colours(outlets)
    fig = dot_plot(outlets, "mean_compound", colours=colours, n="n_articles", unit="art.",
                   low="ci_low", high="ci_high", xlim=(-1, 1), zero_line=True,
                   title=f"Mean tone per outlet, 95% interval ({len(outlets)} outlets)",
                   xlabel="mean compound (articles weigh equally)")
    return fig


def plot_label_shares(outlets: pd.DataFrame):
    """Share of negative, neutral and positive body sentences per outlet, sorted by negative."""
    if not len(outlets):
        return empty_figure()
    return share_bars(outlets, ["share_negative", "share_neutral", "share_positive"],
                      part_colours=[LABEL_COLOURS[x] for x in ("negative", "neutral", "positive")],
                      labels=["negative", "neutral", "positive"], n="n_sentences", unit="sent.",
                      title=f"Sentence labels per outlet ({len(outlets)} outlets)",
                      xlabel="share of body sentences")


def plot_actors(comparison: pd.DataFrame, colours: dict[str, str] | None = None, reason: str = ""):
    """Mean compound of the sentences naming each actor, one dot per outlet in its colour. With
    more outlets than distinct colours there is no legend: the lowest and highest outlet of each
    actor are named beside its row instead. With no actor, a figure that says ``reason`` (see
    :func:`analysis.entities.tables.actor_gap`)."""
    import matplotlib.pyplot as plt

    if not len(comparison):
        return empty_figure(reason) if reason else empty_figure()
    colours = colours or outlet_colours(comparison)
    names = list(dict.fromkeys(comparison["name"]))
    fig, ax = plt.subplots(figsize=(8, 1.4 + 0.35 * max(len(names), 1)))
    for outlet, group in comparison.groupby("outlet", sort=True):
        y = [names.index(n) for n in group["name"]]
        ax.scatter(group["mean_compound"], y, label=plot_label(outlet), s=12 + 8 * group["n_sentences"],
                   color=colour_of(colours, outlet), edgecolors="#333333", linewidths=0.4, alpha=0.85)
    ax.set_yticks(range(len(names)), [plot_label(n) for n in names])
    ax.axvline(0, color="#999", linewidth=0.8)
    ax.set_xlim(-1, 1.6 if not distinct(colours) else 1)
    ax.set_xlabel("mean compound of the sentences naming the actor (marker size = sentences)")
    ax.set_title(f"Tone of the sentences naming each actor ({comparison['outlet'].nunique()} outlets)",
                 loc="left", fontsize=10)
    if distinct(colours):
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    else:
        for y, name in enumerate(names):
            group = comparison[comparison["name"] == name]
            low = group.nsmallest(1, "mean_compound").iloc[0]
            high = group.nlargest(1, "mean_compound").iloc[0]
            ax.text(1.03, y, plot_label(f"low: {low['outlet']}; high: {high['outlet']}"), fontsize=7,
                    va="center")
    fig.tight_layout()
    return fig
