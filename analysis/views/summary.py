"""Building blocks of the summary report (``notebooks/00-summary.ipynb``): the outlets side by side,
with a link from every row to the report that holds its evidence, and quote drift as highlighted
word diffs. Every value taken from the data is HTML-escaped; only our own markup (links, table
tags, ``<del>``/``<ins>``) is emitted unescaped.
"""

from __future__ import annotations

import html
import numbers

import pandas as pd

from analysis.compare.quote_matching import diff_html
from analysis.core import config
from analysis.views.display import NO_MATH, format_value, headlines

SIDE_BY_SIDE_COLUMNS = 6  # measures per table: with the outlet column it fits 1280 px
MATRIX_MAX_OUTLETS = 8  # fact x outlet matrix up to this many outlets, a list beyond

# Section reports by topic (the notebook templates' names, rendered as <name>.html).
REPORTS = {
    "overview": "01-corpus-overview",
    "sentiment": "02-sentiment",
    "readability": "03-readability",
    "framing": "04-framing",
    "attribution": "05-attribution",
}
# Rows of the side-by-side table: (summary column, label, where the evidence is). An evidence
# starting with "#" is a section of the summary report itself.
MEASURES = [
    ("n_articles", "articles", "overview"),
    ("words_per_article", "words per article (body)", "overview"),
    ("words_per_sentence", "words per sentence", "readability"),
    ("reading_ease", "Flesch Reading Ease (higher = easier)", "readability"),
    ("sentiment", "sentiment, mean VADER compound", "sentiment"),
    ("sentiment_own", "sentiment of its own words", "#voice"),
    ("sentiment_quoted", "sentiment of what it quotes", "#voice"),
    ("sentiment_reported", "sentiment of reported speech", "#voice"),
    ("dominant_frame", "dominant frame per codebook", "framing"),
    ("top_naming", "naming choices (concept: label)", "framing"),
    ("n_sources", "sources named", "attribution"),
    ("n_citation_chains", "citation chain links", "attribution"),
    ("shared_share", "share of sentences another source also carries", "#content"),
    ("n_unique_sentences", "sentences only it carries", "#content"),
    ("shared_with", "shares content with", "#content"),
    ("n_facts", "facts mentioned", "#facts"),
    ("n_unique_facts", "facts only it mentions", "#facts"),
    ("n_quote_matches", "quotes matched in other outlets", "#quotes"),
    ("n_quote_variants", "of which reworded (variant)", "#quotes"),
    ("quote_similarity", "mean similarity of matched quotes (0-1)", "#quotes"),
    ("n_syndicated", "articles that copy another outlet's", "#syndication"),
]


def optional(tables, name: str) -> pd.DataFrame | None:
    """Table ``name`` of a :class:`~analysis.run.tables.Tables`, or None when it was not written."""
    try:
        return tables[name]
    except KeyError:
        return None


def report_link(topic: str) -> str:
    """``<a>`` to the section report of ``topic`` (or an anchor of this report), marked when the
    template is not in this installation."""
    if topic.startswith("#"):
        return f"<a href='{html.escape(topic, quote=True)}'>below</a>"
    name = REPORTS[topic]
    href = html.escape(f"{name}.html", quote=True)
    missing = "" if (config.NOTEBOOKS_DIR / f"{name}.ipynb").exists() else " (not built yet)"
    return f"<a href='{href}'>{html.escape(name)}</a>{missing}"


def side_by_side(summary: pd.DataFrame) -> pd.DataFrame:
    """Measures as rows, outlets as columns (plus ``measure`` and ``evidence``), from ``summary``."""
    outlets = summary["outlet"].astype(str).tolist()
    rows = []
    for column, label, evidence in MEASURES:
        values = summary[column].tolist() if column in summary else [None] * len(outlets)
        rows.append({"measure": label, **dict(zip(outlets, values)), "evidence": evidence})
    return pd.DataFrame(rows, columns=["measure", *outlets, "evidence"])


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "<span style='color:#888'>n/a</span>"
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return html.escape(format_value(value))
    return html.escape(str(value))


def side_by_side_html(summary: pd.DataFrame, columns_per_table: int = SIDE_BY_SIDE_COLUMNS):
    """The measures as HTML tables with one row per outlet (so 50 outlets make 50 rows, never 50
    columns), ``columns_per_table`` measures per table; each measure's header links to its
    evidence. Integers show as integers, values are escaped."""
    from IPython.display import HTML

    table = side_by_side(summary)
    outlets = [str(o) for o in table.columns[1:-1]]
    tables = []
    for start in range(0, len(table), columns_per_table):
        chunk = table.iloc[start:start + columns_per_table]
        head = "".join(f"<th class='num'>{html.escape(row.measure)}<br>"
                       f"<small>{report_link(row.evidence)}</small></th>"
                       for row in chunk.itertuples(index=False))
        body = []
        for outlet in outlets:
            cells = "".join(f"<td class='{'num' if _is_number(v) else 'text'}'>{_cell(v)}</td>"
                            for v in chunk[outlet])
            body.append(f"<tr><th class='text'>{html.escape(outlet)}</th>{cells}</tr>")
        tables.append("<table class='np-table'><thead><tr><th class='text'>outlet</th>" + head
                      + "</tr></thead><tbody>" + "".join(body) + "</tbody></table>")
    return HTML(f"<div class='{NO_MATH}'>" + "".join(tables)
                + "<p><i>n/a: the table behind the measure was not computed (see the notes at the "
                "end).</i></p></div>")


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool) and not pd.isna(value)


def corpus_counts(articles: pd.DataFrame) -> dict[str, int]:
    """Outlets, articles and events of a corpus (no ``event`` column, or none filled: one event)."""
    events = (articles["event"].astype("string").fillna("").str.strip()
              if "event" in articles else pd.Series("", index=articles.index, dtype="string"))
    outlets = articles["outlet"].astype("string").fillna("").replace("", "(unknown)")
    return {"n_outlets": int(outlets.nunique()), "n_articles": len(articles),
            "n_events": int(events.replace("", "all").nunique()) if len(articles) else 0}


def voice_table(summary: pd.DataFrame) -> pd.DataFrame:
    """Long table of sentiment by voice per outlet (outlet, voice, compound), rows with a value."""
    columns = [c for c in ("sentiment_own", "sentiment_quoted", "sentiment_reported") if c in summary]
    long = summary.melt(id_vars="outlet", value_vars=columns, var_name="voice", value_name="compound")
    long["voice"] = long["voice"].str.replace("sentiment_", "", regex=False)
    return long.dropna(subset=["compound"]).reset_index(drop=True)


def quote_drift_html(matches: pd.DataFrame, max_rows: int = 30):
    """Matched quotes as HTML: both texts escaped, and the word diff with removed words struck
    through (red) and added words underlined (green)."""
    from IPython.display import HTML

    rows = []
    for row in matches.head(max_rows).itertuples(index=False):
        rows.append(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
                row.speaker, f"{row.outlet_a} → {row.outlet_b}", row.match_kind,
                f"{row.similarity:.2f}", row.text_a, row.text_b))
            + f"<td>{diff_html(row.diff)}</td></tr>")
    more = (f"<p><i>{max_rows} of {len(matches)} matches shown; all are in quote_matches.csv."
            "</i></p>" if len(matches) > max_rows else "")
    return HTML("<table class='np-table'><thead><tr><th>speaker</th><th>outlets (a → b)</th>"
                "<th>kind</th><th>similarity</th><th>quote a</th><th>quote b</th>"
                "<th>word diff a → b</th></tr></thead><tbody>" + "".join(rows)
                + "</tbody></table>" + more)


def content_evidence(alignment: pd.DataFrame, kind: str,
                     articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of the alignment table of one ``kind`` with the columns a reader needs: outlets,
    headlines (from ``articles``; never ids) and the sentences."""
    part = alignment[alignment["kind"] == kind]
    titles = headlines(articles) if articles is not None else {}
    label = lambda ids: ids.map(lambda i: titles.get(i, ""))  # noqa: E731
    if kind == "unique":
        return pd.DataFrame({"outlet": part["outlet_a"], "headline": label(part["article_id_a"]),
                             "sentence": part["text_a"]})
    return pd.DataFrame({
        "score": part["score"].round(2), "outlet_a": part["outlet_a"],
        "headline_a": label(part["article_id_a"]), "sentence_a": part["text_a"],
        "outlet_b": part["outlet_b"], "headline_b": label(part["article_id_b"]),
        "sentence_b": part["text_b"], "same_source": part["same_source"]})


def facts_table(facts: pd.DataFrame, max_outlet_columns: int = MATRIX_MAX_OUTLETS) -> pd.DataFrame:
    """Which outlet mentions which fact: the fact x outlet matrix up to ``max_outlet_columns``
    outlets; beyond, one row per fact with the number of outlets and their names (a 50-column
    matrix would not fit a page)."""
    from analysis.compare.facts import fact_matrix

    matrix = fact_matrix(facts)
    outlets = [c for c in matrix.columns if c not in ("kind", "value", "as_written")]
    if len(outlets) <= max_outlet_columns:
        return matrix
    present = matrix[outlets] > 0
    return pd.DataFrame({
        "kind": matrix["kind"], "value": matrix["value"], "as_written": matrix["as_written"],
        "n_outlets": present.sum(axis=1),
        "outlets": present.apply(lambda row: ", ".join(row.index[row]), axis=1),
    }).sort_values(["n_outlets", "kind", "value"], ascending=[False, True, True])


def plot_voices(summary: pd.DataFrame, colours: dict[str, str]):
    """Sentiment by voice: one row per outlet (sorted by its own words' tone), one marker shape per
    voice, the outlet's colour."""
    from analysis.views.charts import dot_plot

    columns = [c for c in ("sentiment_own", "sentiment_quoted", "sentiment_reported")
               if c in summary and summary[c].notna().any()]
    return dot_plot(summary, columns, colours=colours, n="n_articles", unit="art.",
                    title=f"Sentiment by voice ({summary['outlet'].nunique()} outlets)",
                    xlabel="mean VADER compound, word-weighted (-1 negative, +1 positive)",
                    xlim=(-1, 1), zero_line=True,
                    series_labels=[c.replace("sentiment_", "") + " words" for c in columns])


def plot_shared(summary: pd.DataFrame, colours: dict[str, str]):
    """Share of each outlet's sentences another outlet also carries, sorted."""
    from analysis.views.charts import dot_plot

    return dot_plot(summary, "shared_share", colours=colours, n="n_sentences", unit="sent.",
                    title=f"Sentences another outlet also carries ({summary['outlet'].nunique()} "
                          "outlets)", xlabel="share of the outlet's sentences (titles included)",
                    xlim=(0, 1))


def reading_ease_plot(length: pd.DataFrame, colours: dict[str, str]):
    """Flesch reading ease per outlet (mean over its articles), sorted, with the article count."""
    from analysis.views.charts import dot_plot

    return dot_plot(length, "reading_ease", colours=colours, n="n_articles", unit="art.",
                    title=f"Reading ease ({length['outlet'].nunique()} outlets)",
                    xlabel="Flesch reading ease, mean over articles (higher = easier)")


def voice_gaps(voices: pd.DataFrame) -> pd.Series:
    """Per outlet, quoted minus own compound (sorted ascending); empty without both voices."""
    if voices.empty:
        return pd.Series(dtype=float)
    wide = voices.pivot(index="outlet", columns="voice", values="compound")
    if not {"quoted", "own"} <= set(wide.columns):
        return pd.Series(dtype=float)
    return (wide["quoted"] - wide["own"]).dropna().sort_values()
