"""Tests for analysis/views/charts.py: outlet comparisons that stay readable at 2, 10 and 50."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from analysis.views import charts, palette  # noqa: E402
from tests.outlet_corpora import outlet_names  # noqa: E402


def frame(n: int) -> pd.DataFrame:
    names = outlet_names(n)
    return pd.DataFrame({"outlet": names, "value": [i * 1.5 for i in range(n)],
                         "n": [2] * n})


@pytest.mark.parametrize("n", [2, 10, 50])
def test_a_dot_plot_has_one_labelled_row_per_outlet_sorted_and_coloured(n):
    data = frame(n)
    colours = palette.outlet_colours(data["outlet"])
    fig = charts.dot_plot(data, "value", colours=colours, n="n", unit="art.", title="T", xlabel="x")
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == n and labels[-1] == f"{data['outlet'].iloc[-1]} (n=2 art.)"  # top: highest
    assert fig.get_size_inches()[1] == pytest.approx(charts.rows_height(n))
    faces = ax.collections[0].get_facecolors()
    assert matplotlib.colors.to_hex(faces[-1]) == colours[data["outlet"].iloc[-1]].lower()
    assert ax.get_legend() is None  # outlets are named on the axis, not in a legend
    assert f"{n} outlets" in fig.np_alt and data["outlet"].iloc[-1] in fig.np_alt
    plt.close(fig)


def test_row_height_grows_linearly_with_no_empty_box():
    assert charts.rows_height(50) - charts.rows_height(10) == pytest.approx(40 * charts.ROW_INCHES)
    assert charts.rows_height(2) < 2.0


def test_integer_counts_get_integer_ticks():
    data = pd.DataFrame({"outlet": ["A", "B"], "value": [1, 3]})
    fig = charts.dot_plot(data, "value", colours={}, title="Counts", xlabel="n", integer=True)
    fig.canvas.draw()
    ticks = fig.axes[0].get_xticks()
    assert all(float(t).is_integer() for t in ticks)
    plt.close(fig)


def test_a_heat_map_grows_downwards_and_caps_its_columns():
    matrix = pd.DataFrame([[i + j for j in range(20)] for i in range(50)],
                          index=outlet_names(50), columns=[f"speaker {j}" for j in range(20)])
    fig = charts.heatmap(matrix, title="Who speaks", value_label="attributions", integer=True,
                         max_columns=15)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 50 and len(ax.get_xticklabels()) == 15
    assert "5 smaller columns left out" in ax.get_title(loc="left")
    assert fig.get_size_inches()[0] == charts.WIDTH_INCHES
    plt.close(fig)


def test_nothing_to_draw_is_a_small_figure_whose_alt_text_says_so():
    fig = charts.dot_plot(pd.DataFrame({"outlet": [], "value": []}), "value", colours={},
                          title="Tone", xlabel="x")
    assert fig.np_alt == "Tone: no outlet has a value."
    plt.close(fig)
