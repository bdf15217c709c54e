"""Safe display helpers for report notebooks: article text is untrusted and always escaped.

Everything here turns text into HTML with :func:`html.escape`, so markup scraped with an article
(``<script>``, ``<img onerror=...>``, ``javascript:`` links, Markdown links) is shown as text, never
run or followed. Every block is marked ``tex2jax_ignore`` so MathJax (loaded by rendered reports when
online, and by JupyterLab) never typesets a ``$...$`` found in an article.

Importing this module turns matplotlib's math mode off (``text.parse_math = False``): a ``$`` in an
outlet name or a title drawn as a tick label, legend or title stays a dollar sign, and a malformed
``$\\foo$`` cannot crash a report.
"""

from __future__ import annotations

import html
import numbers
from pathlib import Path
from urllib.parse import urlsplit

import matplotlib
import pandas as pd

from analysis.core.config import SMALL_SAMPLE_ARTICLES, SMALL_SAMPLE_SENTENCES  # noqa: F401 - re-exported

FIGURE_TABLES = Path("figure-tables")  # relative to the notebook's working directory
SAFE_URL_SCHEMES = ("http", "https")  # links to anything else (javascript:, data:, file:) are not made
NO_MATH = "tex2jax_ignore mathjax_ignore"  # MathJax 2 / 3 class names that stop typesetting inside

matplotlib.rcParams["text.parse_math"] = False  # labels come from article metadata: never math mode


def escape(value) -> str:
    """HTML-escaped text of ``value`` (quotes included); None, NaN and NA become ''."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def _escape_values(values: dict) -> dict:
    """Text values escaped; numbers kept as numbers so ``{share:.1%}`` formats still work."""
    return {k: v if isinstance(v, numbers.Number) and not isinstance(v, bool) else escape(v)
            for k, v in values.items()}


def _html(markup: str):
    from IPython.display import HTML

    return HTML(markup)


def _block(markup: str, tag: str = "div", css_class: str = "", style: str = "") -> str:
    classes = f"{NO_MATH} {css_class}".strip()
    style_attr = f" style='{style}'" if style else ""
    return f"<{tag} class='{classes}'{style_attr}>{markup}</{tag}>"


def say(template: str, **values):
    """A paragraph from a trusted template (our prose, may hold <b>, <i>) and untrusted values.

    Text values are escaped; numbers pass unchanged so format specs work.

    >>> say("{n} from <b>{outlet}</b>, {share:.0%}", n=2, outlet="<x>", share=.5)  # doctest: +SKIP
    """
    return _html(_block(template.format(**_escape_values(values)), tag="p"))


def note(template: str, kind: str = "limit", **values):
    """A boxed note (``limit``, ``small-sample``, ``method``): trusted prose, escaped ``values``."""
    colours = {"limit": "#fff4e5", "small-sample": "#fde8e8", "method": "#eef4fb"}
    style = f"background:{colours.get(kind, '#f4f4f4')};padding:.5rem .8rem;border-radius:4px"
    text = template.format(**_escape_values(values)) if values else template
    return _html(_block(text, css_class=f"np-note np-{escape(kind)}", style=style))


def link(url, text=None) -> str:
    """An ``<a>`` to ``url`` when it is an http(s) address, else the escaped text alone.

    ``javascript:``, ``data:`` or relative targets taken from an article never become links.
    """
    label = escape(url if text is None else text)
    target = str(url or "").strip()
    if urlsplit(target).scheme.lower() not in SAFE_URL_SCHEMES or any(c in target for c in "\n\r\t"):
        return label
    return f"<a href='{escape(target)}' rel='noopener noreferrer nofollow'>{label}</a>"


def show(frame: pd.DataFrame, caption: str = "", max_rows: int = 60, index: bool = False):
    """A table with every cell, header and the caption escaped; long tables are cut with a note."""
    shown = frame.head(max_rows)
    table = shown.to_html(index=index, escape=True, na_rep="", border=0, classes="np-table")
    more = ""
    if len(frame) > max_rows:
        more = f"<p><i>{max_rows} of {len(frame)} rows shown; the full table is in the CSV.</i></p>"
    cap = f"<p><b>{escape(caption)}</b></p>" if caption else ""
    return _html(_block(cap + table + more))


def style(frame: pd.DataFrame, caption: str = "", precision: int | None = None):
    """``frame.style`` with cells, both indexes and the caption escaped (pandas escapes none by
    default). Chain colour methods on the result; never call ``set_caption`` or ``set_tooltips``."""
    styler = frame.style.format(escape="html", precision=precision, na_rep="")
    styler = styler.format_index(escape="html", axis=0).format_index(escape="html", axis=1)
    styler = styler.set_table_attributes(f"class='np-table {NO_MATH}'")
    return styler.set_caption(escape(caption)) if caption else styler


def sample_note(n_articles: int, n_sentences: int | None = None, unit: str = "article"):
    """A warning box when a sample is too small to be read as a finding."""
    small = n_articles < SMALL_SAMPLE_ARTICLES or (
        n_sentences is not None and n_sentences < SMALL_SAMPLE_SENTENCES)
    extra = f", {int(n_sentences)} sentences" if n_sentences is not None else ""
    if not small:
        return note("Sample: {n} {unit}(s){extra}.", "method", n=int(n_articles), unit=unit,
                    extra=extra)
    return note("<b>Small sample</b>: {n} {unit}(s){extra}. The figures describe these texts only; "
                "they are not evidence about the outlets in general.", "small-sample",
                n=int(n_articles), unit=unit, extra=extra)


def plot_label(text) -> str:
    """A matplotlib-safe label: ``$`` escaped whenever math mode is on, so it is never math."""
    text = "" if text is None else str(text)
    if matplotlib.rcParams["text.parse_math"]:
        return text.replace("$", r"\$")
    return text


def save_table(frame: pd.DataFrame, name: str, folder: str | Path | None = None):
    """Write the table behind a figure to ``figure-tables/<name>.csv`` and show a link to it."""
    folder = Path(folder) if folder else FIGURE_TABLES
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False)
    href = escape(path.as_posix())
    return _html(_block(f"Table behind this figure: <a href='{href}'>{href}</a> ({len(frame)} rows)",
                        tag="p", css_class="np-table-link"))
