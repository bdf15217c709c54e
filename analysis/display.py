"""Safe display helpers for report notebooks: article text is untrusted and always escaped.

Everything here turns text into HTML with :func:`html.escape`, so markup scraped with an article
(``<script>``, ``<img onerror=...>``, ``javascript:`` links) is shown as text, never run. Figure
labels escape ``$`` so matplotlib never enters math mode on a label taken from an article.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

FIGURE_TABLES = Path("figure-tables")  # relative to the notebook's working directory
SMALL_SAMPLE_ARTICLES = 5  # fewer articles per outlet than this: descriptive only, no inference
SMALL_SAMPLE_SENTENCES = 30  # fewer sentences than this: too few for stable averages


def escape(value) -> str:
    """HTML-escaped text of ``value`` (quotes included); None and NaN become ''."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _html(markup: str):
    from IPython.display import HTML

    return HTML(markup)


def say(template: str, **values):
    """A paragraph from a trusted template (our prose, may hold <b>, <i>) and untrusted values.

    >>> say("{n} articles from <b>{outlet}</b>", n=2, outlet="<script>")  # doctest: +SKIP
    """
    return _html("<p>" + template.format(**{k: escape(v) for k, v in values.items()}) + "</p>")


def note(text: str, kind: str = "limit"):
    """A boxed note (``limit``, ``small-sample``, ``method``) of trusted prose."""
    colours = {"limit": "#fff4e5", "small-sample": "#fde8e8", "method": "#eef4fb"}
    style = f"background:{colours.get(kind, '#f4f4f4')};padding:.5rem .8rem;border-radius:4px"
    return _html(f"<div class='np-note np-{escape(kind)}' style='{style}'>{text}</div>")


def show(frame: pd.DataFrame, caption: str = "", max_rows: int = 60, index: bool = False):
    """A table with every cell escaped; long tables are cut with a note saying so."""
    shown = frame.head(max_rows)
    table = shown.to_html(index=index, escape=True, na_rep="", border=0, classes="np-table")
    more = ""
    if len(frame) > max_rows:
        more = f"<p><i>{max_rows} of {len(frame)} rows shown; the full table is in the CSV.</i></p>"
    cap = f"<p><b>{escape(caption)}</b></p>" if caption else ""
    return _html(cap + table + more)


def sample_note(n_articles: int, n_sentences: int | None = None, unit: str = "article"):
    """A warning box when a sample is too small to be read as a finding."""
    small = n_articles < SMALL_SAMPLE_ARTICLES or (
        n_sentences is not None and n_sentences < SMALL_SAMPLE_SENTENCES)
    if not small:
        return note(f"Sample: {n_articles} {unit}(s)"
                    + (f", {n_sentences} sentences." if n_sentences is not None else "."), "method")
    extra = f", {n_sentences} sentences" if n_sentences is not None else ""
    return note(f"<b>Small sample</b>: {n_articles} {unit}(s){extra}. The figures describe these "
                "texts only; they are not evidence about the outlets in general.", "small-sample")


def plot_label(text) -> str:
    """A matplotlib-safe label: ``$`` escaped so it is never read as math mode."""
    return str(text).replace("$", r"\$")


def save_table(frame: pd.DataFrame, name: str, folder: str | Path | None = None):
    """Write the table behind a figure to ``figure-tables/<name>.csv`` and show a link to it."""
    folder = Path(folder) if folder else FIGURE_TABLES
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False)
    href = escape(path.as_posix())
    return _html(f"<p class='np-table-link'>Table behind this figure: "
                 f"<a href='{href}'>{href}</a> ({len(frame)} rows)</p>")
