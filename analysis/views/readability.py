"""Readability tables and figures for the report notebook (tables in, DataFrames and figures out)."""

from __future__ import annotations

import pandas as pd

from analysis.measures.readability import FLESCH_BANDS, GRADE_BANDS, INDICES, band_of
from analysis.views import display
from analysis.views.display import plot_label
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


def plot_grade_indices(long: pd.DataFrame):
    """Each article's grade-level indices as points against US school-level bands."""
    import matplotlib.pyplot as plt

    if not len(long):
        return empty_figure()

    grades = long[long["index"].isin(GRADE_INDICES)]
    fig, ax = plt.subplots(figsize=(9, 4))
    top = max(20.0, float(grades["value"].max()) + 1) if len(grades) else 20.0
    _shade(ax, [(low, min(high, top), name) for low, high, name in GRADE_BANDS], vertical=False,
           easy_first=True)
    indices = list(GRADE_INDICES)
    articles = list(dict.fromkeys(grades["article_id"]))
    for number, aid in enumerate(articles):
        rows = grades[grades["article_id"] == aid]
        x = [indices.index(i) + 0.12 * (number - (len(articles) - 1) / 2) for i in rows["index"]]
        ax.scatter(x, rows["value"], zorder=3, label=plot_label(f"{rows['outlet'].iloc[0]}: {aid}"))
    ax.set_xticks(range(len(indices)), [i.replace("_", " ") for i in indices], rotation=30,
                  ha="right", fontsize=8)
    ax.set_ylim(0, top)
    ax.set_ylabel("US school grade")
    ax.legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    return fig


def plot_reading_ease(long: pd.DataFrame):
    """Flesch reading ease per article against Flesch's (1948) bands."""
    import matplotlib.pyplot as plt

    if not len(long):
        return empty_figure()

    ease = long[long["index"] == "flesch_reading_ease"]
    fig, ax = plt.subplots(figsize=(9, 2.4 + 0.4 * len(ease)))
    _shade(ax, FLESCH_BANDS, vertical=True, easy_first=False)
    labels = [plot_label(f"{o}: {a}") for o, a in zip(ease["outlet"], ease["article_id"])]
    ax.scatter(ease["value"].clip(0, 100), range(len(ease)), color="#333", zorder=3)
    ax.set_yticks(range(len(ease)), labels, fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.8, len(ease) - 0.2)
    ax.set_xlabel("Flesch reading ease (higher = easier; values beyond 0-100 drawn at the edge)")
    fig.tight_layout()
    return fig


def plot_paragraph_difficulty(paragraph_scores: pd.DataFrame, articles: pd.DataFrame):
    """One panel per article: Flesch-Kincaid grade of each body paragraph in text order."""
    import matplotlib.pyplot as plt

    if not len(paragraph_scores):
        return empty_figure()

    frame = with_outlet(paragraph_scores, articles)
    article_ids = list(dict.fromkeys(frame["article_id"]))
    fig, axes = plt.subplots(len(article_ids), 1, figsize=(8, 1.0 + 1.8 * len(article_ids)),
                             squeeze=False)
    for ax, aid in zip(axes[:, 0], article_ids):
        rows = frame[frame["article_id"] == aid]
        ax.bar(range(1, len(rows) + 1), rows["flesch_kincaid_grade"], color="#4c72b0")
        ax.axhline(12, color="#d1495b", linewidth=0.8, linestyle=":")
        ax.set_ylabel("FK grade")
        ax.set_title(plot_label(f"{rows['outlet'].iloc[0]}: {aid} ({len(rows)} paragraphs)"),
                     fontsize=9, loc="left")
    axes[-1, 0].set_xlabel("body paragraph (1 = first); dotted line: grade 12, end of high school")
    fig.tight_layout()
    return fig
