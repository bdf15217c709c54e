"""Tests for analysis/views/palette.py: one colour per outlet, the same on every page."""

from __future__ import annotations

import pandas as pd

from analysis.views import palette


def test_colours_follow_the_sorted_names_not_the_order_given():
    one = palette.outlet_colours(["Harbor Times", "Capital Post", "River Wire"])
    other = palette.outlet_colours(pd.Series(["River Wire", "Harbor Times", "Capital Post", "River Wire"]))
    assert one == other
    assert list(one) == ["Capital Post", "Harbor Times", "River Wire"]
    assert one["Capital Post"] == palette.PALETTE[0]


def test_an_articles_table_gives_the_same_colours_as_its_outlets():
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["B", None, "A"]})
    assert palette.outlet_colours(articles) == palette.outlet_colours(["A", "B", "(unknown)"])
    assert palette.colour_of(palette.outlet_colours(articles), None) == palette.PALETTE[0]
    assert palette.colour_of({}, "Nowhere Gazette") == palette.UNKNOWN_COLOUR


def test_more_than_ten_outlets_get_distinct_colours_then_the_palette_repeats():
    names = [f"Outlet {i:02d}" for i in range(50)]
    assert len(set(palette.PALETTE)) == len(palette.PALETTE) > 10
    twelve = palette.outlet_colours(names[: len(palette.PALETTE)])
    assert palette.distinct(twelve)
    fifty = palette.outlet_colours(names)
    assert not palette.distinct(fifty)  # the charts then name outlets instead of a legend
    assert fifty["Outlet 12"] == fifty["Outlet 00"]


def test_with_colours_adds_a_column_only_to_tables_with_outlets():
    colours = palette.outlet_colours(["A", "B"])
    frame = palette.with_colours(pd.DataFrame({"outlet": ["B", "A"], "n": [1, 2]}), colours)
    assert frame["colour"].tolist() == [palette.PALETTE[1], palette.PALETTE[0]]
    plain = pd.DataFrame({"speaker": ["Kim"]})
    assert palette.with_colours(plain, colours) is plain
