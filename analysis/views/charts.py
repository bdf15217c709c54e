"""Outlet comparisons that stay readable from 2 to 50 outlets: sorted dot plots.

One row per outlet, sorted by value, the outlet's name (with its sample size) as the row label,
the outlet's colour from :mod:`analysis.views.palette`; the figure grows with the number of rows
(``ROW_INCHES`` each), never with empty space. Integer axes get integer ticks. Figures are shown
with :func:`analysis.views.display.figure`, which writes their alt text.
"""

from __future__ import annotations

import pandas as pd

from analysis.views.display import plot_label
from analysis.views.palette import colour_of

ROW_INCHES = 0.28  # height per outlet row: 50 rows ~ 15 inches, text stays 8 pt
BASE_INCHES = 1.3  # title and x axis
WIDTH_INCHES = 8.0
MARKERS = ("o", "s", "^", "D", "v")  # one marker shape per series when several share a row


def rows_height(n_rows: int) -> float:
    """Figure height in inches for ``n_rows`` outlet rows."""
    return BASE_INCHES + ROW_INCHES * max(1, n_rows)


def empty(message: str):
    """A small figure saying there is nothing to draw (figures never fail on an empty table)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 0.8))
    ax.text(0.5, 0.5, plot_label(message), ha="center", va="center")
    ax.set_axis_off()
    fig.np_alt = message
    return fig


def integer_ticks(axis) -> None:
    """Ticks at whole numbers only (counts are never 2.5)."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def dot_plot(frame: pd.DataFrame, value: str | list[str], *, colours: dict[str, str],
             title: str, xlabel: str, n: str | None = None, unit: str = "",
             low: str | None = None, high: str | None = None, xlim=None,
             integer: bool = False, series_labels: list[str] | None = None, zero_line: bool = False):
    """Sorted dot plot of one value (or several, one marker shape each) per outlet.

    Args:
        frame: one row per outlet, with an ``outlet`` column and the value column(s).
        value: the column drawn (rows sorted by it, highest at the top), or a list of columns
            drawn as different markers on the same row (sorted by the first).
        colours: :func:`analysis.views.palette.outlet_colours` of the whole corpus.
        n: column with the sample size shown in the label, ``"Outlet (n=12 unit)"``.
        low, high: columns of an interval drawn as a line through the dot.
        integer: the value is a count: integer ticks.
    """
    import matplotlib.pyplot as plt

    values = [value] if isinstance(value, str) else list(value)
    data = frame.dropna(subset=[values[0]]).sort_values([values[0], "outlet"],
                                                        ascending=[True, False])
    if not len(data):
        return empty(f"{title}: no outlet has a value.")
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, rows_height(len(data))))
    y = list(range(len(data)))
    point_colours = [colour_of(colours, o) for o in data["outlet"]]
    if low and high:
        ax.hlines(y, data[low], data[high], colors=point_colours, linewidth=1.5, alpha=0.6)
    for number, column in enumerate(values):
        label = (series_labels or values)[number]
        ax.scatter(data[column], y, c=point_colours, marker=MARKERS[number % len(MARKERS)], s=40,
                   zorder=3, label=plot_label(label), edgecolors="#333333", linewidths=0.4)
    labels = [plot_label(o if n is None else f"{o} (n={int(k)}{' ' + unit if unit else ''})")
              for o, k in zip(data["outlet"], data[n] if n else data["outlet"])]
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_ylim(-0.7, len(data) - 0.3)
    ax.grid(axis="x", color="#e0e0e0", linewidth=0.6)
    ax.grid(axis="y", color="#f2f2f2", linewidth=0.6)
    ax.set_axisbelow(True)
    if zero_line:
        ax.axvline(0, color="#777777", linewidth=0.8)
    if xlim is not None:
        ax.set_xlim(*xlim)
    if integer:
        integer_ticks(ax.xaxis)
    ax.set_xlabel(plot_label(xlabel))
    ax.set_title(plot_label(title), loc="left", fontsize=10)
    if len(values) > 1:  # marker shapes are the key (colours are the outlets, named on the axis)
        legend = ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
        for handle in legend.legend_handles:
            handle.set_facecolor("#bbbbbb")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    fig.np_alt = _dots_alt(data, values[0], title, xlabel, n, unit)
    return fig


def _number(value) -> str:
    return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def _dots_alt(data: pd.DataFrame, value: str, title: str, xlabel: str, n: str | None,
              unit: str) -> str:
    """Alt text of a dot plot: what it shows, the highest and lowest outlets with their values."""
    top, bottom = data.iloc[-1], data.iloc[0]
    sizes = [f" (n={int(row[n])}{' ' + unit if unit else ''})" if n else "" for row in (top, bottom)]
    return (f"{title}. Dot plot of {xlabel}, {len(data)} outlets; highest: "
            f"{top['outlet']} {_number(top[value])}{sizes[0]}; lowest: {bottom['outlet']} "
            f"{_number(bottom[value])}{sizes[1]}.")


def share_bars(frame: pd.DataFrame, parts: list[str], *, part_colours: list[str], title: str,
               xlabel: str, n: str | None = None, unit: str = "", sort_by: str | None = None,
               labels: list[str] | None = None):
    """One stacked bar of shares (0..1) per outlet, sorted by ``sort_by`` (default: the first
    part); the legend (parts, not outlets) sits above the bars."""
    import matplotlib.pyplot as plt

    data = frame.sort_values([sort_by or parts[0], "outlet"], ascending=[True, False])
    if not len(data):
        return empty(f"{title}: nothing to draw.")
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, rows_height(len(data)) + 0.3))
    y = list(range(len(data)))
    start = pd.Series(0.0, index=data.index)
    for part, colour, label in zip(parts, part_colours, labels or parts):
        ax.barh(y, data[part], left=start, color=colour, label=plot_label(label), height=0.75)
        start = start + data[part].fillna(0)
    names = [plot_label(o if n is None else f"{o} (n={int(k)}{' ' + unit if unit else ''})")
             for o, k in zip(data["outlet"], data[n] if n else data["outlet"])]
    ax.set_yticks(y, names, fontsize=8)
    ax.set_ylim(-0.6, len(data) - 0.4)
    ax.set_xlim(0, 1)
    ax.set_xlabel(plot_label(xlabel))
    ax.set_title(plot_label(title), loc="left", fontsize=10, pad=22)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(parts), fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    first = parts[0]
    fig.np_alt = (f"{title}. Stacked bars of {', '.join(labels or parts)} per outlet, "
                  f"{len(data)} outlets; highest {(labels or parts)[0]} share: "
                  f"{data.iloc[-1]['outlet']} {data.iloc[-1][first]:.0%}; lowest: "
                  f"{data.iloc[0]['outlet']} {data.iloc[0][first]:.0%}.")
    return fig


MAX_PANELS = 12  # per-article or per-outlet panels drawn; the table behind the figure has all


def heatmap(matrix: pd.DataFrame, *, title: str, value_label: str, integer: bool = False,
            max_columns: int = 15):
    """Rows x columns of numbers as shaded cells with the number written in each: outlets (or
    speakers) as rows grow the figure downwards, never sideways. Columns beyond ``max_columns``
    (the ones with the smallest totals) are left out and the title says so."""
    import matplotlib.pyplot as plt

    if matrix.empty:
        return empty(f"{title}: nothing to draw.")
    data = matrix.astype(float)
    dropped = 0
    if data.shape[1] > max_columns:
        keep = data.sum().sort_values(ascending=False).index[:max_columns]
        dropped = data.shape[1] - len(keep)
        data = data[[c for c in data.columns if c in set(keep)]]
    height = BASE_INCHES + 0.9 + ROW_INCHES * len(data)
    fig, ax = plt.subplots(figsize=(WIDTH_INCHES, height))
    image = ax.imshow(data.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
    ax.set_yticks(range(len(data)), [plot_label(i) for i in data.index], fontsize=8)
    ax.set_xticks(range(data.shape[1]), [plot_label(c) for c in data.columns], fontsize=8,
                  rotation=35, ha="right")
    top = float(data.to_numpy().max()) if data.size else 0
    for (row, column), value in pd.DataFrame(data.to_numpy()).stack().items():
        text = f"{int(value)}" if integer else f"{value:.1f}"
        ax.text(column, row, text, ha="center", va="center", fontsize=7,
                color="white" if top and value > 0.6 * top else "#222222")
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.02)
    bar.set_label(plot_label(value_label), fontsize=8)
    if integer:
        integer_ticks(bar.ax.yaxis)
    more = f" ({dropped} smaller columns left out; all in the table)" if dropped else ""
    ax.set_title(plot_label(title + more), loc="left", fontsize=10)
    fig.tight_layout()
    peak = data.stack().idxmax() if data.size else ("", "")
    fig.np_alt = (f"{title}. Heat map, {len(data)} rows ({', '.join(map(str, data.index[:8]))}"
                  f"{' and more' if len(data) > 8 else ''}) by {data.shape[1]} columns "
                  f"({', '.join(map(str, data.columns[:8]))}); largest value {top:g} at "
                  f"{peak[0]}, {peak[1]}.")
    return fig


def panels_note(shown: int, total: int, what: str) -> str:
    """``" (12 of 100 articles shown; the table has all)"`` when panels were capped, else ''."""
    return f" ({shown} of {total} {what} shown; the table has all)" if shown < total else ""


def layout_below_title(fig, inches: float = 0.45) -> None:
    """``tight_layout`` that keeps ``inches`` at the top free for the figure's suptitle (plain
    ``tight_layout`` lets a left-aligned suptitle overlap the first panel's title)."""
    fig.tight_layout(rect=(0, 0, 1, 1 - inches / fig.get_figheight()))
