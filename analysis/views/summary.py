"""Building blocks of the summary report (``notebooks/00-summary.ipynb``): the outlets side by side,
with a link from every row to the report that holds its evidence, and quote drift as highlighted
word diffs. Every value taken from the data is HTML-escaped; only our own markup (links, table
tags, ``<del>``/``<ins>``) is emitted unescaped.
"""

from __future__ import annotations

import html

import pandas as pd

from analysis.compare.quote_matching import diff_html
from analysis.core import config

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
    if isinstance(value, float):
        return html.escape(f"{value:.3g}" if abs(value) < 10 else f"{value:.1f}")
    return html.escape(str(value))


def side_by_side_html(summary: pd.DataFrame):
    """The side-by-side table as HTML: escaped values, one evidence link per row."""
    from IPython.display import HTML

    table = side_by_side(summary)
    outlets = table.columns[1:-1]
    head = "".join(f"<th>{html.escape(str(o))}</th>" for o in outlets)
    body = []
    for row in table.itertuples(index=False):
        cells = "".join(f"<td>{_cell(v)}</td>" for v in row[1:-1])
        body.append(f"<tr><th style='text-align:left'>{html.escape(row[0])}</th>{cells}"
                    f"<td>{report_link(row[-1])}</td></tr>")
    return HTML("<table class='np-table'><thead><tr><th>measure</th>" + head
                + "<th>evidence</th></tr></thead><tbody>" + "".join(body) + "</tbody></table>"
                "<p><i>n/a: the table behind the measure was not computed (see the notes at the "
                "end).</i></p>")


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


def content_evidence(alignment: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Rows of the alignment table of one ``kind`` with the columns a reader needs."""
    part = alignment[alignment["kind"] == kind]
    if kind == "unique":
        return part[["outlet_a", "sentence_id_a", "text_a"]].rename(
            columns={"outlet_a": "outlet", "sentence_id_a": "sentence_id", "text_a": "text"})
    return part[["score", "outlet_a", "text_a", "outlet_b", "text_b", "sentence_id_a",
                 "sentence_id_b", "same_source"]]
