"""The comparison summary: one row per outlet, one column per headline measure.

Measures come from the other modules' tables when they are there (readability, sentiment,
framing, naming, attribution) and from the comparison's own tables; a measure whose table is
missing is left empty and :func:`summary_table` returns a note saying which table was missing.
Which column of an upstream table is read is data here (``UPSTREAM``), not guessed at run time
beyond that list.
"""

from __future__ import annotations

import pandas as pd

from analysis import schema
from analysis.comparison_tables import SUMMARY_TABLE

# (table, columns tried in order, what it measures). The first column present is used.
UPSTREAM = {
    "readability": ("readability", ("flesch_reading_ease", "fre", "reading_ease"),
                    "Flesch Reading Ease (higher = easier)"),
    "sentiment": ("sentiment_articles", ("compound_mean", "mean_compound", "compound"),
                  "mean VADER compound per article"),
    "frame": ("frames_articles", ("label", "frame"), "frame"),
    "frame_weight": ("frames_articles", ("sentences", "hits"), "frame weight"),
    "naming": ("naming", ("label",), "naming choice"),
}

SUMMARY_COLUMNS = SUMMARY_TABLE.column_names
NAMING_TOP = 3  # concepts shown per outlet in the summary (the naming report has them all)


def _column(frame: pd.DataFrame | None, candidates: tuple[str, ...]) -> str | None:
    if frame is None:
        return None
    return next((c for c in candidates if c in frame.columns), None)


def _by_outlet(frame: pd.DataFrame, outlets: pd.Series) -> pd.DataFrame:
    return frame.assign(outlet=frame["article_id"].map(outlets).fillna("(unknown)"))


def _upstream(tables: dict, key: str, outlets: pd.Series, notes: list):
    """(frame with outlet, column) of an upstream measure, or (None, None) with a note."""
    name, candidates, meaning = UPSTREAM[key]
    frame = tables.get(name)
    column = _column(frame, candidates)
    if frame is None or column is None or "article_id" not in frame.columns:
        why = "absent" if frame is None else f"has none of the columns {', '.join(candidates)}"
        notes.append((f"summary.{key}", "missing", f"table `{name}` {why}: {meaning} left empty"))
        return None, None
    return _by_outlet(frame, outlets), column


def _mean(frame, column, grouping="outlet") -> pd.Series:
    if frame is None:
        return pd.Series(dtype=float)
    return pd.to_numeric(frame[column], errors="coerce").groupby(frame[grouping]).mean().round(3)


def summary_table(tables: dict, comparison: dict, articles: pd.DataFrame
                  ) -> tuple[pd.DataFrame, list[tuple[str, str, str]]]:
    """The ``summary`` rows (one per outlet) and notes on measures that could not be filled."""
    from analysis.align import content_by_outlet

    notes: list[tuple[str, str, str]] = []
    articles = articles.assign(outlet=articles["outlet"].fillna("").replace("", "(unknown)"))
    outlets = articles.set_index("article_id")["outlet"]
    groups = articles.groupby("outlet", sort=True)
    out = pd.DataFrame({"outlet": sorted(articles["outlet"].unique())}).set_index("outlet")
    out["n_articles"] = groups.size()
    out["words_per_article"] = groups["n_words"].mean().round(1)
    out["words_per_sentence"] = (groups["n_words"].sum() / groups["n_sentences"].sum()).round(1)
    frame, column = _upstream(tables, "readability", outlets, notes)
    out["reading_ease"] = _mean(frame, column)
    frame, column = _upstream(tables, "sentiment", outlets, notes)
    out["sentiment"] = _mean(frame, column)
    voices = tables.get("voice_sentiment")
    if voices is not None and len(voices):
        voices = _by_outlet(voices, outlets)
        for voice in schema.VOICES:
            part = voices[voices["voice"] == voice]
            weighted = (part["compound"] * part["n_words"]).groupby(part["outlet"]).sum()
            out[f"sentiment_{voice}"] = (weighted / part.groupby("outlet")["n_words"].sum()).round(3)
    else:
        notes.append(("summary.voice", "missing", "no `voice_sentiment` rows (analysis.voice from "
                      "attribution not installed): sentiment by voice left empty"))
    out["dominant_frame"] = _dominant_frame(tables, outlets, notes)
    frame, column = _upstream(tables, "naming", outlets, notes)
    if frame is not None and len(frame):
        out["top_naming"] = naming_choices(frame, column)
    for name, target in (("sources", "n_sources"), ("citation_chains", "n_citation_chains")):
        frame = tables.get(name)
        if frame is None or "article_id" not in frame.columns:
            notes.append((f"summary.{target}", "missing", f"table `{name}` absent: left empty"))
            continue
        counts = _by_outlet(frame, outlets).groupby("outlet").size()
        out[target] = counts.reindex(out.index, fill_value=0)
    _add_comparison(out, comparison, content_by_outlet, tables, outlets)
    return out.reset_index().reindex(columns=SUMMARY_COLUMNS), notes


def naming_choices(naming: pd.DataFrame, label: str = "label", top: int = NAMING_TOP) -> pd.Series:
    """Per outlet, ``concept: label`` for its ``top`` most-mentioned concepts, each with the label
    it uses most (``count`` column when present, else rows)."""
    counts = pd.to_numeric(naming["count"], errors="coerce") if "count" in naming else 1
    concept = "concept" if "concept" in naming else label
    totals = naming.assign(_n=counts).groupby(["outlet", concept, label])["_n"].sum().reset_index()
    best = totals.sort_values(["outlet", "_n", concept], ascending=[True, False, True])
    best = best.drop_duplicates(["outlet", concept]).groupby("outlet").head(top)
    return best.groupby("outlet").apply(
        lambda g: "; ".join(f"{c}: {n}" for c, n in zip(g[concept], g[label])), include_groups=False)


def _dominant_frame(tables: dict, outlets: pd.Series, notes: list) -> pd.Series:
    frame, column = _upstream(tables, "frame", outlets, notes)
    if frame is None or not len(frame):
        return pd.Series(dtype=str)
    weight = _column(frame, UPSTREAM["frame_weight"][1])
    weights = pd.to_numeric(frame[weight], errors="coerce") if weight else 1.0
    keys = ["outlet", "codebook", column] if "codebook" in frame.columns else ["outlet", column]
    totals = frame.assign(_w=weights).groupby(keys)["_w"].sum().reset_index()
    totals = totals[totals["_w"] > 0]
    best = totals.sort_values(keys[:-1] + ["_w", column], ascending=[True] * (len(keys) - 1) + [False, True])
    best = best.drop_duplicates(keys[:-1])
    return best.groupby("outlet")[column].agg(lambda s: "; ".join(s.astype(str)))


def _add_comparison(out, comparison, content_by_outlet, tables, outlets) -> None:
    sentences = tables["sentences"].assign(
        outlet=tables["sentences"]["article_id"].map(outlets).fillna("(unknown)"))
    alignment = comparison["alignment"].assign(
        outlet_a=lambda f: f["outlet_a"].fillna("").replace("", "(unknown)"),
        outlet_b=lambda f: f["outlet_b"].fillna("").replace("", "(unknown)"))
    content = content_by_outlet(alignment, sentences).set_index("outlet")
    out["n_sentences"] = content["n_sentences"]
    out["shared_share"] = content["shared_share"]
    out["n_unique_sentences"] = content["n_unique"]
    out["shared_with"] = content["shared_with"]
    facts = comparison["facts"]
    if len(facts):
        facts = facts.assign(outlet=facts["outlet"].fillna("").replace("", "(unknown)"),
                             key=facts["kind"] + "|" + facts["value"])
        out["n_facts"] = facts.groupby("outlet")["key"].nunique()
        alone = facts[facts["n_outlets"] == 1]
        out["n_unique_facts"] = alone.groupby("outlet")["key"].nunique().reindex(
            out.index, fill_value=0)
    matches = comparison["quote_matches"]
    if len(matches) or "quotes" in tables:
        both = pd.concat([matches.assign(outlet=matches["outlet_a"]),
                          matches.assign(outlet=matches["outlet_b"])])
        both["outlet"] = both["outlet"].fillna("").replace("", "(unknown)")
        grouped = both.groupby("outlet")
        out["n_quote_matches"] = grouped.size().reindex(out.index, fill_value=0)
        out["n_quote_variants"] = (both["match_kind"] == "variant").groupby(
            both["outlet"]).sum().reindex(out.index, fill_value=0)
        out["quote_similarity"] = grouped["similarity"].mean().round(3)
    syndication = comparison["syndication"]
    copies = syndication[syndication["syndicated"].astype(bool)] if len(syndication) else syndication
    ids = set(copies.get("article_id_a", [])) | set(copies.get("article_id_b", []))
    out["n_syndicated"] = outlets[outlets.index.isin(ids)].value_counts().reindex(
        out.index, fill_value=0)
