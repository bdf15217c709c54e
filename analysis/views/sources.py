"""Summaries of the attribution tables for the sourcing report (who speaks, how, through whom).

Each function takes tables as written by ``newsprism analyze`` and returns a tidy DataFrame;
:func:`plot_citation_chains` draws the citation graph with matplotlib (no graph library needed).
"""

from __future__ import annotations

import pandas as pd

from analysis.core.schema import SOURCE_TYPES, VOICES
from analysis.entities.tables import distinct_sources


def _with_outlet(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    outlets = articles[["article_id", "outlet"]].copy()
    outlets["outlet"] = outlets["outlet"].fillna("").replace("", "(unknown outlet)")
    return frame.merge(outlets, on="article_id", how="left")


def speakers_by_outlet(attributions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Attributions per outlet and speaker (unresolved speakers counted as ``(unresolved)``)."""
    frame = _with_outlet(attributions, articles)
    frame["speaker"] = frame["speaker"].fillna("").replace("", "(unresolved)")
    return (frame.groupby(["outlet", "speaker", "speaker_type"], as_index=False)
            .size().rename(columns={"size": "n_attributions"})
            .sort_values(["outlet", "n_attributions"], ascending=[True, False]))


def voice_shares(voice_spans: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Share of each article's body words in each voice (0..1; rows sum to 1 per article)."""
    frame = _with_outlet(voice_spans, articles)
    words = frame.pivot_table(index=["article_id", "outlet"], columns="voice", values="n_words",
                              aggfunc="sum", fill_value=0)
    for voice in VOICES:
        if voice not in words:
            words[voice] = 0
    words = words[list(VOICES)]
    shares = words.div(words.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    shares.columns = [f"share_{c}" for c in shares.columns]
    out = pd.concat([words.add_prefix("words_"), shares], axis=1).reset_index()
    return out


def kinds_by_outlet(attributions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Direct, mixed and indirect attributions per outlet (relayed and nested ones excluded)."""
    frame = _with_outlet(attributions[attributions["parent_id"].fillna("") == ""], articles)
    table = frame.pivot_table(index="outlet", columns="kind", values="attribution_id",
                              aggfunc="count", fill_value=0)
    for kind in ("direct", "mixed", "indirect"):
        if kind not in table:
            table[kind] = 0
    return table[["direct", "mixed", "indirect"]].reset_index()


def cues_by_outlet(attributions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Cue lemmas with their class and hedges, counted per outlet."""
    frame = _with_outlet(attributions[attributions["cue"].fillna("") != ""], articles)
    frame["hedge"] = frame["hedge"].fillna("")
    return (frame.groupby(["outlet", "cue_lemma", "cue_class", "hedge"], as_index=False)
            .size().rename(columns={"size": "n"})
            .sort_values(["outlet", "n"], ascending=[True, False]))


def source_types_by_outlet(sources: pd.DataFrame, articles: pd.DataFrame,
                           canonical: dict | None = None) -> pd.DataFrame:
    """Distinct sources of each type per outlet (columns: outlets, rows: source types); a source
    counts once per outlet, under its canonical name when ``canonical`` links it
    (:func:`analysis.entities.tables.canonical_names`)."""
    counts = distinct_sources_by_type(sources, articles, canonical)
    return counts.pivot_table(index="source_type", columns="outlet", values="n_sources",
                              aggfunc="sum", fill_value=0).reset_index()


def distinct_sources_by_type(sources: pd.DataFrame, articles: pd.DataFrame,
                             canonical: dict | None = None) -> pd.DataFrame:
    """Per outlet and source type: distinct sources (``n_sources``), their ``share`` of the
    outlet's distinct sources and the outlet's total (``n_total``); from the per-article
    ``sources`` rows, an entity counted once per outlet (issue 14)."""
    outlets = articles[["article_id", "outlet"]].copy()
    outlets["outlet"] = outlets["outlet"].fillna("").replace("", "(unknown outlet)")
    frame = sources[sources["source"].fillna("") != ""].fillna({"source_type": "unknown"})
    canonical = canonical or {}
    entity = pd.Series([canonical.get((a, s), canonical.get(s, s)) for a, s in
                        zip(frame["article_id"], frame["source"])], index=frame.index, dtype=str)
    # an entity typed in one article keeps its type where another article gives no role
    known = frame["source_type"].where(frame["source_type"] != "unknown")
    typed = known.groupby(entity).agg(lambda v: v.mode().iloc[0] if v.notna().any() else None)
    frame = frame.assign(source_type=known.fillna(entity.map(typed)).fillna("unknown"))
    return distinct_sources(frame, dict(zip(outlets["article_id"], outlets["outlet"])),
                            canonical)


def source_type_shares(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet: distinct sources (``n_sources``) and the share of each source type
    (``share_<type>``, types in the order of the shared vocabulary), from
    :func:`distinct_sources_by_type`."""
    shares = counts.pivot_table(index="outlet", columns="source_type", values="share",
                                aggfunc="sum", fill_value=0.0)
    types = [t for t in SOURCE_TYPES if t in shares.columns]
    out = shares[types].add_prefix("share_")
    out.insert(0, "n_sources", counts.groupby("outlet")["n_total"].first())
    return out.reset_index()


def plot_source_types(shares: pd.DataFrame):
    """Stacked shares of each source type among an outlet's distinct sources."""
    from analysis.views.charts import share_bars

    parts = [c for c in shares.columns if c.startswith("share_")]
    types = [c.removeprefix("share_") for c in parts]
    colours = [TYPE_COLOURS.get(t, "#999999") for t in types]
    return share_bars(shares, parts, part_colours=colours, labels=types, n="n_sources",
                      unit="src.", title=f"Types of the distinct sources ({len(shares)} outlets)",
                      xlabel="share of the outlet's distinct sources")


TYPE_COLOURS = {"official": "#4c72b0", "expert": "#55a868", "business": "#c44e52",
                "advocacy": "#8172b3", "citizen": "#dd8452", "news_agency": "#937860",
                "state_media": "#da8bc3", "news_outlet": "#8c8c8c", "institution": "#ccb974",
                "anonymous": "#64b5cd", "document": "#b0b0b0", "unknown": "#e5e5e5"}


def chain_edges(citation_chains: pd.DataFrame) -> pd.DataFrame:
    """Distinct citation edges with the number of attributions behind each."""
    return (citation_chains.groupby(["citing", "cited", "depth"], as_index=False)
            .size().rename(columns={"size": "n_attributions"}))


def plot_citation_chains(edges: pd.DataFrame, ax, label=str) -> None:
    """Draw citing -> cited edges in columns: citing outlets, the sources they cite, and the
    sources those cite.

    Args:
        edges: :func:`chain_edges` rows.
        ax: a matplotlib Axes.
        label: turns a name into a safe label (``display.plot_label``).
    """
    column: dict[str, int] = {}
    for row in edges.sort_values("depth").itertuples():
        if row.depth == 1:
            column.setdefault(row.citing, 0)
        column[row.cited] = max(column.get(row.cited, 0), row.depth)
        column.setdefault(row.citing, row.depth - 1)
    rows: dict[int, list[str]] = {}
    for name, col in sorted(column.items(), key=lambda kv: (kv[1], kv[0])):
        rows.setdefault(col, []).append(name)
    position = {}
    for col, names in rows.items():
        for i, name in enumerate(names):
            position[name] = (col, -(i - (len(names) - 1) / 2))
    for row in edges.itertuples():
        (x0, y0), (x1, y1) = position[row.citing], position[row.cited]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "->", "color": "#888888", "shrinkA": 12,
                                "shrinkB": 12, "lw": 0.6 + 0.4 * row.n_attributions})
    for name, (x, y) in position.items():
        ax.text(x, y, label(name), ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round", "fc": "#eef4fb" if x == 0 else "#ffffff",
                      "ec": "#4c72b0"})
    width = max(rows) if rows else 0
    height = max((len(v) for v in rows.values()), default=1)
    ax.set_xlim(-0.6, width + 0.6)
    ax.set_ylim(-height / 2 - 0.5, height / 2 + 0.5)
    ax.set_xticks(range(width + 1))
    ax.set_xticklabels(["article's outlet", "cited by the article", "cited by a source"][
        : width + 1])
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)


def evidence(attributions: pd.DataFrame) -> pd.DataFrame:
    """Every attribution with the columns a reader needs to check it."""
    columns = ["attribution_id", "speaker", "speaker_role", "speaker_text", "speaker_type", "cue",
               "cue_class", "hedge", "kind", "content"]
    return attributions[[c for c in columns if c in attributions]]


TOP_SPEAKERS = 15  # speakers drawn as columns of the heat map (the table has all)
MAX_CHAIN_EDGES = 40  # citation edges drawn, the heaviest first (the table has all)


def plot_speakers(speakers: pd.DataFrame, top: int = TOP_SPEAKERS):
    """Heat map: outlets as rows, the ``top`` most attributed speakers as columns, attributions in
    each cell."""
    from analysis.views.charts import heatmap

    matrix = speakers.pivot_table(index="outlet", columns="speaker", values="n_attributions",
                                  aggfunc="sum", fill_value=0)
    return heatmap(matrix, title=f"Who is attributed, per outlet ({int(speakers['n_attributions'].sum())} "
                                 "attributions)", value_label="attributions", integer=True,
                   max_columns=top)


def voice_by_outlet(shares: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: body words and their share in each voice (pooled over its articles)."""
    words = shares.groupby("outlet")[[f"words_{v}" for v in VOICES]].sum()
    total = words.sum(axis=1)
    out = words.copy()
    for voice in VOICES:
        out[f"share_{voice}"] = words[f"words_{voice}"] / total.where(total > 0, 1)
    out.insert(0, "n_articles", shares.groupby("outlet").size())
    out.insert(1, "n_words", total.astype(int))
    return out.reset_index()


def plot_voices(by_outlet: pd.DataFrame):
    """Stacked shares of own, reported and quoted words per outlet, sorted by the own share."""
    from analysis.views.charts import share_bars

    return share_bars(by_outlet, ["share_own", "share_reported", "share_quoted"],
                      part_colours=["#cccccc", "#dd8452", "#4c72b0"],
                      labels=["own", "reported", "quoted"], n="n_articles", unit="art.",
                      title=f"Voice of the body words ({len(by_outlet)} outlets)",
                      xlabel="share of body words")


def kind_shares(kinds: pd.DataFrame) -> pd.DataFrame:
    """Direct, mixed and indirect attributions per outlet with their shares and total."""
    columns = ["direct", "mixed", "indirect"]
    total = kinds[columns].sum(axis=1)
    out = kinds.assign(n_attributions=total)
    for column in columns:
        out[f"share_{column}"] = kinds[column] / total.where(total > 0, 1)
    return out


def plot_kinds(kinds: pd.DataFrame):
    """Stacked shares of direct, mixed and indirect attributions per outlet."""
    from analysis.views.charts import share_bars

    shares = kind_shares(kinds)
    return share_bars(shares, ["share_direct", "share_mixed", "share_indirect"],
                      part_colours=["#4c72b0", "#8172b3", "#dd8452"],
                      labels=["direct", "mixed", "indirect"], n="n_attributions", unit="attr.",
                      title=f"Direct, mixed and indirect attributions ({len(shares)} outlets)",
                      xlabel="share of the outlet's attributions")


def cue_class_shares(cues: pd.DataFrame) -> pd.DataFrame:
    """Per outlet, attributions with a cue by class (neutral, loaded) and their shares."""
    table = cues.pivot_table(index="outlet", columns="cue_class", values="n", aggfunc="sum",
                             fill_value=0)
    for cue_class in ("neutral", "loaded"):
        if cue_class not in table:
            table[cue_class] = 0
    total = table.sum(axis=1)
    out = table.assign(n_cues=total)
    for cue_class in table.columns:
        out[f"share_{cue_class}"] = table[cue_class] / total.where(total > 0, 1)
    return out.reset_index()


def plot_cue_classes(cues: pd.DataFrame):
    """Stacked shares of neutral and loaded cue verbs per outlet."""
    from analysis.views.charts import share_bars

    shares = cue_class_shares(cues)
    return share_bars(shares, ["share_neutral", "share_loaded"], part_colours=["#4c72b0", "#dd8452"],
                      labels=["neutral", "loaded"], n="n_cues", unit="cues",
                      title=f"Neutral and loaded cues ({len(shares)} outlets)",
                      xlabel="share of the outlet's attributions with a cue")


def chain_figure(edges: pd.DataFrame, label=str, max_edges: int = MAX_CHAIN_EDGES):
    """The citation graph of the ``max_edges`` heaviest edges, sized to the tallest column."""
    import matplotlib.pyplot as plt

    shown = edges.sort_values(["n_attributions", "citing", "cited"],
                              ascending=[False, True, True]).head(max_edges)
    nodes = max(1, shown["citing"].nunique(), shown["cited"].nunique()) if len(shown) else 1
    fig, ax = plt.subplots(figsize=(9, 1.5 + 0.32 * nodes))
    plot_citation_chains(shown, ax, label=label)
    more = (f"; the {len(shown)} heaviest of {len(edges)} edges shown, the table has all"
            if len(shown) < len(edges) else "")
    ax.set_title(f"Citation chains ({len(edges)} edges{more})", loc="left", fontsize=10)
    fig.tight_layout()
    citing = ", ".join(map(str, shown["citing"].drop_duplicates().head(6)))
    fig.np_alt = (f"Citation chains: {len(edges)} edges from outlets to the sources they cite "
                  f"and on to the sources those cite; drawn: {len(shown)}, starting from {citing}.")
    return fig


def canonical_of(tables) -> dict:
    """``(article_id, source)`` -> canonical name from the entity tables
    (:func:`analysis.entities.tables.canonical_names`); empty when a run has no entity tables."""
    from analysis.entities.tables import canonical_names

    try:
        return canonical_names(tables)
    except (KeyError, FileNotFoundError):
        return {}
