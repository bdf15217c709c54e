"""Readability tables and figures for the report notebook (tables in, DataFrames and figures out)."""

from __future__ import annotations

import pandas as pd

from analysis.measures.readability import FLESCH_BANDS, GRADE_BANDS, INDICES, band_of
from analysis.views import display
from analysis.views.charts import MAX_PANELS, dot_plot, integer_ticks, layout_below_title, panels_note
from analysis.views.display import plot_label
from analysis.views.palette import outlet_colours
from analysis.views.sentiment import empty_figure, with_outlet

GRADE_INDICES = tuple(i for i in INDICES if i not in ("flesch_reading_ease",
                                                      "dale_chall_readability_score"))
BAND_COLOURS = ("#edf8e9", "#c7e9c0", "#a1d99b", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d")


def index_table(readability: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Long table: one row per article and index, with its interpretation band."""
    frame = with_outlet(readability, articles)
    long = frame.melt(id_vars=["outlet", "article_id"], value_vars=list(INDICES),
                      var_name="index", value_name="value")
    long["band"] = [band_of(i, v) for i, v in zip(long["index"], long["value"])]
    return long.sort_values(["index", "outlet", "article_id"]).reset_index(drop=True)


def outlet_table(readability: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, the mean of each index and count over its articles (each article weighs the same)."""
    frame = with_outlet(readability, articles)
    columns = [*INDICES, "words_per_sentence", "long_sentence_share", "mtld"]
    out = frame.groupby("outlet")[columns].mean()
    out.insert(0, "n_articles", frame.groupby("outlet").size())
    return out.reset_index()


def hardest_paragraphs(paragraph_scores: pd.DataFrame, paragraphs: pd.DataFrame,
                       articles: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` paragraphs with the highest Flesch-Kincaid grade, with their text (evidence)."""
    text = paragraphs[["paragraph_id", "text"]]
    frame = with_outlet(paragraph_scores.merge(text, on="paragraph_id"), articles)
    columns = ["outlet", "paragraph_id", "flesch_kincaid_grade", "flesch_reading_ease",
               "words_per_sentence", "n_sentences", "text"]
    if not len(frame):
        return frame[columns]
    return frame.nlargest(n, "flesch_kincaid_grade")[columns]


def describe_hardest(scores: pd.DataFrame):
    """One sentence naming the article with the highest consensus grade, with its size."""
    if not len(scores):
        return display.note("No English article was measured in this corpus.")
    row = scores.sort_values("text_standard", ascending=False).iloc[0]
    return display.say(
        "Highest consensus grade (textstat's text_standard): <b>{aid}</b>, {label}, {words} words in "
        "{n} sentences.", aid=row["article_id"], label=row["text_standard_label"],
        words=int(row["n_words"]), n=int(row["n_sentences"]))


def _shade(ax, bands, vertical: bool, easy_first: bool):
    """Shade interpretation bands, green (easy) to orange (hard), each labelled inside."""
    ordered = sorted(bands, reverse=not easy_first)  # from the easiest band to the hardest
    for colour, (low, high, name) in zip(BAND_COLOURS, ordered):
        span = ax.axvspan if vertical else ax.axhspan
        span(low, high, color=colour, alpha=0.6, zorder=0)
        position = (low + high) / 2
        if vertical:
            ax.text(position, 0.5, name, rotation=90, fontsize=7, ha="center", va="center",
                    color="#555", transform=ax.get_xaxis_transform())
        else:
            ax.text(1.01, position, name, fontsize=7, va="center", transform=ax.get_yaxis_transform())


def outlet_index_means(long: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: the mean of each index over its articles, the article count, and the lowest
    and highest article value of Flesch reading ease (``ease_low``, ``ease_high``)."""
    wide = long.pivot_table(index=["outlet", "article_id"], columns="index", values="value")
    means = wide.groupby("outlet").mean()
    means.insert(0, "n_articles", wide.groupby("outlet").size())
    if "flesch_reading_ease" in wide:
        ease = wide["flesch_reading_ease"].clip(0, 100).groupby("outlet")
        means["ease_low"], means["ease_high"] = ease.min(), ease.max()
    return means.reset_index()


def plot_grade_indices(long: pd.DataFrame, colours: dict[str, str] | None = None):
    """Per outlet (one row each, sorted), the mean of each grade-level index as a marker shape in
    the outlet's colour, against US school-level bands."""
    if not len(long):
        return empty_figure()
    means = outlet_index_means(long)
    columns = [i for i in GRADE_INDICES if i in means]
    means = means.assign(grade_mean=means[columns].mean(axis=1))
    fig = dot_plot(means, ["grade_mean", *columns], colours=colours or outlet_colours(means),
                   n="n_articles", unit="art.", series_labels=["mean of the indices"] + [
                       c.replace("_", " ") for c in columns],
                   title=f"Grade-level indices per outlet ({len(means)} outlets)",
                   xlabel="US school grade, mean over the outlet's articles")
    ax = fig.axes[0]
    top = max(20.0, float(means[columns].max().max()) + 1)
    _shade(ax, [(low, min(high, top), name) for low, high, name in GRADE_BANDS], vertical=True,
           easy_first=True)
    ax.set_xlim(0, top)
    return fig


def plot_reading_ease(long: pd.DataFrame, colours: dict[str, str] | None = None):
    """Flesch reading ease per outlet (mean, line from its easiest to hardest article) against
    Flesch's (1948) bands."""
    if not len(long):
        return empty_figure()
    means = outlet_index_means(long)
    fig = dot_plot(means, "flesch_reading_ease", colours=colours or outlet_colours(means),
                   n="n_articles", unit="art.", low="ease_low", high="ease_high", xlim=(0, 100),
                   title=f"Flesch reading ease per outlet ({len(means)} outlets; line: easiest to "
                         "hardest article)",
                   xlabel="Flesch reading ease (higher = easier; values beyond 0-100 drawn at the edge)")
    _shade(fig.axes[0], FLESCH_BANDS, vertical=True, easy_first=False)
    return fig


def plot_paragraph_difficulty(paragraph_scores: pd.DataFrame, articles: pd.DataFrame,
                              max_panels: int = MAX_PANELS):
    """One panel per article (at most ``max_panels``, the first of each outlet first): the
    Flesch-Kincaid grade of each body paragraph in text order, titled with outlet and headline."""
    import matplotlib.pyplot as plt

    if not len(paragraph_scores):
        return empty_figure()

    frame = with_outlet(paragraph_scores, articles)
    titles = display.headlines(articles)
    order = frame.drop_duplicates("article_id")[["outlet", "article_id"]]
    order = order.assign(rank=order.groupby("outlet").cumcount()).sort_values(["rank", "outlet"])
    article_ids = order["article_id"].tolist()[:max_panels]
    fig, axes = plt.subplots(len(article_ids), 1, figsize=(8, 1.0 + 1.5 * len(article_ids)),
                             squeeze=False)
    for ax, aid in zip(axes[:, 0], article_ids):
        rows = frame[frame["article_id"] == aid]
        ax.bar(range(1, len(rows) + 1), rows["flesch_kincaid_grade"], color="#4c72b0")
        ax.axhline(12, color="#d1495b", linewidth=0.8, linestyle=":")
        ax.set_ylabel("FK grade")
        integer_ticks(ax.xaxis)
        ax.set_title(plot_label(f"{rows['outlet'].iloc[0]}: {titles.get(aid, aid)} "
                                f"({len(rows)} paragraphs)"), fontsize=9, loc="left")
    axes[-1, 0].set_xlabel("body paragraph (1 = first); dotted line: grade 12, end of high school")
    fig.suptitle("Difficulty paragraph by paragraph"
                 + panels_note(len(article_ids), len(order), "articles"), fontsize=10, x=0.01,
                 ha="left")
    layout_below_title(fig)
    return fig
