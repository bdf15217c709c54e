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

import base64
import html
import io
import numbers
from pathlib import Path
from urllib.parse import urlsplit

import matplotlib
import pandas as pd

from analysis.core.config import SMALL_SAMPLE_ARTICLES, SMALL_SAMPLE_SENTENCES  # noqa: F401 - re-exported

FIGURE_TABLES = Path("figure-tables")  # relative to the notebook's working directory
SAFE_URL_SCHEMES = ("http", "https")  # links to anything else (javascript:, data:, file:) are not made
NO_MATH = "tex2jax_ignore mathjax_ignore"  # MathJax 2 / 3 class names that stop typesetting inside
INTERACTIVE_ENV = "NEWSPRISM_INTERACTIVE"  # "1" / "0" forces live widgets and tables on / off
EMBED_MAX_BYTES = 2_000_000  # figure tables up to this size are also embedded as a data: URL
ALT_MAX_CHARS = 600  # alt text is a summary; the table behind the figure has the rest
FIGURE_DPI = 96  # CSS pixels per inch: an 8-inch figure is 768 px wide, inside a 1280 px page

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


def live() -> bool:
    """True in a live session (JupyterLab, Notebook, VS Code): the kernel's frontend accepts
    input, which nbclient (papermill, ``newsprism report``) never does. ``NEWSPRISM_INTERACTIVE``
    set to ``1`` or ``0`` decides instead. Batch runs therefore never get scripts or widgets."""
    import os

    forced = os.environ.get(INTERACTIVE_ENV, "").strip()
    if forced in ("0", "1"):
        return forced == "1"
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    return bool(getattr(kernel, "_allow_stdin", False))


def interactive_tables() -> bool:
    """True when :func:`show` draws sortable, filterable, paged tables: a live session with
    itables installed (the ``lab`` extra)."""
    if not live():
        return False
    try:
        import itables  # noqa: F401
    except ImportError:
        return False
    return True


_ITABLES_READY = False


def _interactive(frame: pd.DataFrame, caption: str):
    """``frame`` as an itables DataTable: sort, search and pages in the browser. Cells are escaped
    by itables (``allow_html=False``); every cell is passed as text made by :func:`format_value`."""
    global _ITABLES_READY
    import itables

    if not _ITABLES_READY:
        itables.init_notebook_mode(all_interactive=False, connected=False)
        _ITABLES_READY = True
    shown = frame.copy()
    for column in shown.columns:
        values = shown[column]
        if not pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
            shown[column] = [format_value(v) for v in values]
        elif pd.api.types.is_float_dtype(values) and values.dropna().map(float.is_integer).all():
            shown[column] = values.astype("Int64")  # counts stay integers, and sort as numbers
    shown.columns = [str(c) for c in shown.columns]
    return _html(itables.to_html_datatable(  # itables escapes cells, not the caption: we do
        shown, caption=escape(caption) or None, allow_html=False, showIndex=False, maxBytes=0,
        classes="display compact np-itable", display_logo_when_loading=False,
        lengthMenu=[10, 25, 100, -1], pageLength=10))


def show(frame: pd.DataFrame, caption: str = "", max_rows: int = 60, index: bool = False,
         empty: str = "nothing to show", articles: pd.DataFrame | None = None,
         interactive: bool | None = None):
    """A table with every cell, header and the caption escaped; long tables are cut with a note.

    Whole numbers show as integers (303, never 303.0), other floats with three significant digits;
    text cells are left-aligned, numbers right-aligned (class ``num``). An empty table is one line,
    ``caption: empty``, never an empty table under a heading. With ``articles``, article,
    paragraph and sentence ids give way to the outlet and headline (:func:`readable`).

    In a live session with itables (:func:`interactive_tables`; ``interactive`` overrides it) the
    whole table is shown with sorting, a search box and pages instead (its caption escaped by
    itables); batch runs always get the static, script-free table.
    """
    if articles is not None:
        frame = readable(frame, articles)
    if not len(frame):
        label = f"<b>{escape(caption)}</b>: " if caption else ""
        return _html(_block(f"{label}{escape(empty)}.", tag="p", css_class="np-empty"))
    if interactive_tables() if interactive is None else (interactive and interactive_tables()):
        return _interactive(frame.reset_index() if index else frame, caption)
    shown = frame.head(max_rows)
    if index:
        shown = shown.reset_index()
    table = table_html(shown)
    more = ""
    if len(frame) > max_rows:
        more = f"<p><i>{max_rows} of {len(frame)} rows shown; the full table is in the CSV.</i></p>"
    cap = f"<p><b>{escape(caption)}</b></p>" if caption else ""
    return _html(_block(cap + table + more))


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def format_value(value) -> str:
    """A cell as text: '' for missing, integers without decimals, floats to 3 significant digits
    (one decimal from 100 up)."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if _is_number(value):
        number = float(value)
        if number.is_integer() and abs(number) < 1e15:
            return str(int(number))
        return f"{number:.1f}" if abs(number) >= 100 else f"{number:.3g}"
    return str(value)


def table_html(frame: pd.DataFrame) -> str:
    """``frame`` as an escaped HTML table: numeric columns right-aligned (``num``), text left."""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
               for c in frame.columns]
    head = "".join(f"<th class='{'num' if n else 'text'}'>{escape(c)}</th>"
                   for c, n in zip(frame.columns, numeric))
    rows = []
    for row in frame.itertuples(index=False):
        cells = "".join(f"<td class='{'num' if n else 'text'}'>{escape(format_value(v))}</td>"
                        for v, n in zip(row, numeric))
        rows.append(f"<tr>{cells}</tr>")
    return (f"<table class='np-table'><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}"
            "</tbody></table>")


def nothing(template: str, **values):
    """One line saying why a section has nothing to show (instead of empty tables and charts)."""
    text = template.format(**_escape_values(values)) if values else template
    return _html(_block(text, tag="p", css_class="np-empty"))


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


def headlines(articles: pd.DataFrame) -> dict[str, str]:
    """``{article_id: label}``: the article's headline, or ``untitled (outlet, date)`` when it has
    none. Reports show these, never article or sentence ids."""
    labels = {}
    for row in articles.itertuples(index=False):
        title = "" if pd.isna(getattr(row, "title", None)) else str(row.title).strip()
        if not title:
            outlet = "" if pd.isna(row.outlet) else str(row.outlet)
            date = getattr(row, "published", "")
            date = "" if pd.isna(date) else str(date).strip()
            title = f"untitled ({', '.join(x for x in (outlet, date) if x) or 'no outlet'})"
        labels[row.article_id] = title
    return labels


ID_COLUMNS = ("article_id", "sentence_id", "paragraph_id", "sentence_ids")


def readable(frame: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``frame`` for reading: its article (from ``article_id``, or the prefix of a sentence or
    paragraph id) shown as ``outlet`` and ``headline`` in front, the id columns dropped."""
    source = next((c for c in ID_COLUMNS[:3] if c in frame.columns), None)
    if source is None:
        return frame
    ids = frame[source].astype(str)
    if source != "article_id":
        ids = ids.str.rsplit(":", n=1).str[0]
    out = frame.drop(columns=[c for c in ID_COLUMNS if c in frame.columns])
    out.insert(0, "headline", ids.map(headlines(articles)).fillna("").to_numpy())
    if "outlet" not in out:
        outlets = dict(zip(articles["article_id"], articles["outlet"].fillna("(unknown)")))
        out.insert(0, "outlet", ids.map(outlets).fillna("(unknown)").to_numpy())
    else:
        out.insert(0, "outlet", out.pop("outlet"))
    return out


def plot_label(text) -> str:
    """A matplotlib-safe label: ``$`` escaped whenever math mode is on, so it is never math."""
    text = "" if text is None else str(text)
    if matplotlib.rcParams["text.parse_math"]:
        return text.replace("$", r"\$")
    return text


def save_table(frame: pd.DataFrame, name: str, folder: str | Path | None = None,
               colours: dict[str, str] | None = None, label: str = "Table behind this figure"):
    """Write the table behind a figure to ``figure-tables/<name>.csv`` and show two links to it:
    the relative path (works beside the report folder) and the same CSV as a ``data:`` URL (works
    when the HTML file is sent alone; tables over ``EMBED_MAX_BYTES`` are not embedded).

    With ``colours`` (:func:`analysis.views.palette.outlet_colours`), a table with an ``outlet``
    column gets a ``colour`` column: the colour the figure drew that outlet in.
    """
    from analysis.views.palette import with_colours

    folder = Path(folder) if folder else FIGURE_TABLES
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    frame = with_colours(frame, colours)
    frame.to_csv(path, index=False)
    data = path.read_bytes()
    href = escape(path.as_posix())
    embedded = ""
    if len(data) <= EMBED_MAX_BYTES:
        url = "data:text/csv;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")
        embedded = (f" &middot; <a href='{url}' download='{escape(path.name)}'>download "
                    f"{escape(path.name)}</a> (inside this page)")
    return _html(_block(f"{escape(label)}: <a href='{href}'>{href}</a>{embedded} "
                        f"({len(frame)} rows)", tag="p", css_class="np-table-link"))


def describe_figure(fig) -> str:
    """Alt text of a matplotlib figure from its titles, axis labels, category labels and the
    range of its data (used when the plotting function did not write one)."""
    parts = []
    title = fig._suptitle.get_text() if getattr(fig, "_suptitle", None) else ""
    if title:
        parts.append(title)
    for ax in fig.axes[:4]:
        bits = [t for t in (ax.get_title(loc="left"), ax.get_title()) if t]
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        if ax.get_xlabel():
            bits.append(f"x: {ax.get_xlabel()}")
        if ax.get_ylabel():
            bits.append(f"y: {ax.get_ylabel()}")
        if labels and not all(_numeric_text(t) for t in labels):
            listed = ", ".join(labels[:8]) + (f" and {len(labels) - 8} more" if len(labels) > 8 else "")
            bits.append(f"{len(labels)} rows: {listed}")
        if bits:
            parts.append("; ".join(bits))
    return _clip(". ".join(parts) or "A figure; its table is linked below it.")


def _numeric_text(text: str) -> bool:
    try:
        float(text.replace("\u2212", "-"))
    except ValueError:
        return False
    return True


def _clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= ALT_MAX_CHARS else text[: ALT_MAX_CHARS - 1] + "\u2026"


def figure(fig, alt: str | None = None):
    """Show a matplotlib figure as a PNG with alt text (``alt``, the figure's ``np_alt`` set by
    :mod:`analysis.views.charts`, or :func:`describe_figure`), then close it (so it is not shown a
    second time at the end of the cell)."""
    import matplotlib.pyplot as plt
    from IPython.display import display as publish

    text = _clip(alt or getattr(fig, "np_alt", "") or describe_figure(fig))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", facecolor="white")
    plt.close(fig)
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    publish({"image/png": png, "text/plain": text}, raw=True,
            metadata={"image/png": {"alt": text}})
