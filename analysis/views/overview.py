"""Corpus overview measures: what was loaded, what metadata is there, what cleaning removed."""

from __future__ import annotations

import pandas as pd

METADATA_COLUMNS = ("outlet", "title", "author", "published", "url", "language")


def metadata_completeness(articles: pd.DataFrame) -> pd.DataFrame:
    """Per article, each metadata field marked ``found`` or ``missing`` (never guessed)."""
    out = articles[["article_id"]].copy()
    for column in METADATA_COLUMNS:
        values = articles[column] if column in articles else pd.Series("", index=articles.index)
        out[column] = values.fillna("").astype(str).str.strip().ne("").map(
            {True: "found", False: "missing"})
    return out


def length_table(articles: pd.DataFrame) -> pd.DataFrame:
    """Words, sentences and paragraphs per article, with its outlet (body only, title excluded)."""
    columns = ["article_id", "outlet", "title", "n_words", "n_sentences", "n_paragraphs"]
    out = articles[[c for c in columns if c in articles]].copy()
    out["outlet"] = out["outlet"].fillna("(unknown)")
    out["words_per_sentence"] = (out["n_words"] / out["n_sentences"]).round(1)
    return out


def cleaning_summary(log: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Lines removed or changed per article and rule (articles with nothing removed included)."""
    counts = (log.groupby(["article_id", "rule", "action"]).size().rename("lines").reset_index()
              if len(log) else pd.DataFrame(columns=["article_id", "rule", "action", "lines"]))
    untouched = sorted(set(articles["article_id"]) - set(counts["article_id"]))
    if untouched:
        counts = pd.concat([counts, pd.DataFrame({"article_id": untouched, "rule": "(none)",
                                                  "action": "", "lines": 0})])
    return counts.sort_values(["article_id", "rule"]).reset_index(drop=True)


def outlet_lengths(lengths: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: articles, mean words per article, and its shortest and longest article."""
    groups = lengths.groupby("outlet")["n_words"]
    return pd.DataFrame({"n_articles": groups.size(), "words_per_article": groups.mean().round(1),
                         "min_words": groups.min(), "max_words": groups.max()}).reset_index()
