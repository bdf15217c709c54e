"""Tests for analysis/views/display.py: untrusted text reaches HTML and figures only as text."""

import base64
import re
from html.parser import HTMLParser

import matplotlib
import pandas as pd
import pytest

from analysis.views import display, palette

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HOSTILE = [
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror=\"window.__pwned = 1\">",
    "<svg onload=window.__pwned=1>",
    "<a href=\"javascript:window.__pwned=1\">click</a>",
    "[click me](javascript:window.__pwned=1)",
    "</textarea><script>window.__pwned=1</script>",
    "<iframe src=\"javascript:window.__pwned=1\"></iframe>",
    "\" onmouseover=\"window.__pwned=1\" x=\"",
    "' onfocus='window.__pwned=1' autofocus x='",
    "price $x^2$ and $\\foo$",
]
SAFE_TAGS = {"p", "b", "i", "div", "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "style"}


class TagCollector(HTMLParser):
    """Every start tag with its attributes, and all text, as a browser's tokenizer sees them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(markup)
    collector.close()
    return collector


def assert_inert(markup: str, hostile: str = ""):
    """No element but our own, no event handler, no non-http link; the hostile text visible as text."""
    found = parse(markup)
    for tag, attrs in found.tags:
        assert tag in SAFE_TAGS, (tag, markup)
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        href = attrs.get("href", "https:").lower()
        # a data: URL only as our CSV download (text/csv is never rendered or run)
        assert not href.startswith(("javascript", "data")) or href.startswith("data:text/csv;"), attrs
    if hostile:
        assert hostile in "".join(found.text)


def html_of(obj) -> str:
    return obj.data if hasattr(obj, "data") else obj.to_html()


def test_the_checker_catches_raw_markup():
    with pytest.raises(AssertionError):
        assert_inert("<p>" + HOSTILE[1] + "</p>")
    with pytest.raises(AssertionError):
        assert_inert("<a href='javascript:x()'>x</a>")


@pytest.mark.parametrize("text", HOSTILE)
def test_escape_keeps_every_hostile_string_as_text(text):
    assert_inert(f"<p title='{display.escape(text)}'>{display.escape(text)}</p>", text)
    assert "<" not in display.escape(text) and "'" not in display.escape(text)
    assert '"' not in display.escape(text)


def test_escape_of_missing_values_is_empty():
    assert [display.escape(v) for v in (None, float("nan"), pd.NA)] == ["", "", ""]
    assert display.escape(3) == "3"


@pytest.mark.parametrize("text", HOSTILE)
def test_say_escapes_values_but_keeps_the_template(text):
    out = display.say("<b>{outlet}</b> wrote {n} articles, {share:.0%}", outlet=text, n=3, share=0.25)
    assert_inert(out.data, text)
    assert "<b>" in out.data and "wrote 3 articles, 25%" in out.data


def test_markdown_links_stay_text():
    out = display.say("Headline: {title}", title="[click me](javascript:alert(1))").data
    assert not [t for t, _ in parse(out).tags if t == "a"]
    assert "[click me](javascript:alert(1))" in "".join(parse(out).text)


def test_blocks_are_excluded_from_mathjax():
    for out in (display.say("{t}", t="$x$"), display.note("{t}", t="$x$"),
                display.show(pd.DataFrame({"t": ["$x$"]}))):
        first = parse(out.data).tags[0]
        assert "tex2jax_ignore" in first[1]["class"].split()


@pytest.mark.parametrize("text", HOSTILE)
def test_note_escapes_values(text):
    out = display.note("Outlet {outlet} has few articles.", "small-sample", outlet=text)
    assert_inert(out.data, text)
    assert "np-small-sample" in out.data


def test_note_without_values_keeps_braces():
    assert "{not a field}" in display.note("{not a field}").data


@pytest.mark.parametrize("text", HOSTILE)
def test_show_escapes_cells_headers_index_and_caption(text):
    frame = pd.DataFrame({text: [text, None]}, index=[text, "b"])
    out = display.show(frame, caption=text, index=True).data
    assert_inert(out, text)
    assert "".join(parse(out).text).count(text) == 4  # caption, header, index, cell


def test_show_cuts_long_tables_and_says_so():
    out = display.show(pd.DataFrame({"n": range(10)}), max_rows=3).data
    assert out.count("<td class=") == 3 and "3 of 10 rows shown" in out


@pytest.mark.parametrize("text", HOSTILE)
def test_style_escapes_cells_indexes_and_caption(text):
    frame = pd.DataFrame({text: [text], "score": [0.123456]}, index=[text])
    styled = display.style(frame, caption=text, precision=2).background_gradient(subset=["score"])
    out = styled.to_html()
    assert_inert(out, text)
    assert "".join(parse(out).text).count(text) == 4
    assert "0.12" in out


def test_plain_styler_does_not_escape_which_is_why_style_exists():
    out = pd.DataFrame({"a": ["<script>x()</script>"]}).style.set_caption("<b>c</b>").to_html()
    assert "<script>x()</script>" in out  # pandas' default: raw HTML


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", " JavaScript:alert(1)", "java\nscript:alert(1)", "data:text/html,<script>",
    "vbscript:x", "//evil.example/x", "file:///etc/passwd", "", None,
])
def test_link_refuses_unsafe_targets(url):
    out = display.link(url, "source")
    assert "<a" not in out and out == "source"


def test_link_makes_http_links_with_escaped_text_and_target():
    out = display.link("https://example.org/a?b=1&c='x'", "<b>Title</b>")
    tags = parse(out).tags
    assert tags[0][0] == "a" and tags[0][1]["href"] == "https://example.org/a?b=1&c='x'"
    assert "&lt;b&gt;Title&lt;/b&gt;" in out and "noopener" in tags[0][1]["rel"]


def test_sample_note_marks_small_samples_only():
    assert "Small sample" in display.sample_note(2, 100).data
    assert "Small sample" in display.sample_note(10, 5).data
    assert "Small sample" not in display.sample_note(10, 100).data
    assert "10 article(s), 100 sentences" in display.sample_note(10, 100).data


def test_importing_display_turns_matplotlib_math_mode_off():
    assert matplotlib.rcParams["text.parse_math"] is False


def test_dollar_labels_do_not_crash_or_become_math():
    labels = ["$\\foo$ Daily", "$x^2$ News"]
    fig, ax = plt.subplots()
    pd.Series([1, 2], index=labels).plot.barh(ax=ax, title="$\\nope$")
    fig.canvas.draw()  # would raise ValueError (unknown symbol) in math mode
    assert [t.get_text() for t in ax.get_yticklabels()] == labels
    plt.close(fig)


def test_math_mode_would_crash_on_the_same_labels():
    with matplotlib.rc_context({"text.parse_math": True}):
        fig, ax = plt.subplots()
        ax.set_title("$\\foo$")
        with pytest.raises(ValueError):
            fig.canvas.draw()
        plt.close(fig)


def test_plot_label_escapes_dollars_only_when_math_mode_is_on():
    assert display.plot_label("$5 and $6") == "$5 and $6"
    with matplotlib.rc_context({"text.parse_math": True}):
        assert display.plot_label("$5 and $6") == r"\$5 and \$6"
        fig, ax = plt.subplots()
        ax.set_title(display.plot_label("$\\foo$"))
        fig.canvas.draw()  # escaped: no math, no crash
        plt.close(fig)
    assert display.plot_label(None) == ""


def test_save_table_writes_the_csv_and_an_escaped_link(tmp_path):
    out = display.save_table(pd.DataFrame({"a": [1, 2]}), "fig-1", folder=tmp_path / "t")
    assert (tmp_path / "t" / "fig-1.csv").read_text().splitlines() == ["a", "1", "2"]
    assert_inert(out.data)
    assert "(2 rows)" in out.data
    embedded = re.search(r"href='data:text/csv;charset=utf-8;base64,([^']+)' download='fig-1.csv'", out.data)
    assert base64.b64decode(embedded.group(1)) == (tmp_path / "t" / "fig-1.csv").read_bytes()


def test_save_table_adds_the_outlet_colour_and_skips_embedding_big_tables(tmp_path, monkeypatch):
    colours = palette.outlet_colours(["B", "A"])
    out = display.save_table(pd.DataFrame({"outlet": ["A", "B"], "n": [1, 2]}), "c",
                             folder=tmp_path, colours=colours)
    frame = pd.read_csv(tmp_path / "c.csv")
    assert frame["colour"].tolist() == [palette.PALETTE[0], palette.PALETTE[1]]
    monkeypatch.setattr(display, "EMBED_MAX_BYTES", 5)
    out = display.save_table(pd.DataFrame({"outlet": ["A", "B"]}), "big", folder=tmp_path)
    assert "data:" not in out.data and "big.csv" in out.data


def test_show_writes_whole_numbers_as_integers_and_aligns_text_left():
    out = display.show(pd.DataFrame({"outlet": ["A", "B"], "n": [303.0, None], "x": [0.34412, 812.25]})).data
    assert "<td class='num'>303</td>" in out and "303.0" not in out
    assert "<td class='num'>0.344</td>" in out and "<td class='num'>812.2</td>" in out
    assert "<td class='text'>A</td>" in out and "<th class='text'>outlet</th>" in out


def test_an_empty_table_is_one_line_saying_why():
    out = display.show(pd.DataFrame({"a": []}), caption="Rejected <files>", empty="none").data
    assert "<table" not in out and "<b>Rejected &lt;files&gt;</b>: none." in out


def test_figure_publishes_a_png_with_alt_text_and_closes_the_figure(monkeypatch):
    import matplotlib.pyplot as plt
    from IPython import display as ipython_display

    published = []
    monkeypatch.setattr(ipython_display, "display",
                        lambda data, raw, metadata: published.append((data, metadata)))
    fig, ax = plt.subplots()
    ax.scatter([1, 2], [0, 1])
    ax.set_yticks([0, 1], ["Harbor <Times>", "Daily Ledger"])
    ax.set_title("Tone per outlet")
    display.figure(fig)
    data, metadata = published[0]
    alt = metadata["image/png"]["alt"]
    assert alt == data["text/plain"] and "Tone per outlet" in alt and "Harbor <Times>" in alt
    assert base64.b64decode(data["image/png"])[:4] == b"\x89PNG"
    assert not plt.get_fignums()


def test_readable_shows_outlet_and_headline_instead_of_ids():
    articles = pd.DataFrame({"article_id": ["000_e1d931b41acb5bb4", "b"], "outlet": ["Benzinga", "Herald"],
                             "title": ["", "Kim meets Putin"], "published": ["2024-06-19", ""]})
    frame = pd.DataFrame({"sentence_id": ["000_e1d931b41acb5bb4:s6", "b:s1"], "compound": [0.5, -0.2],
                          "text": ["One.", "Two."]})
    out = display.readable(frame, articles)
    assert list(out.columns) == ["outlet", "headline", "compound", "text"]
    assert out["headline"].tolist() == ["untitled (Benzinga, 2024-06-19)", "Kim meets Putin"]
    shown = display.show(frame, articles=articles).data
    assert "000_e1d931b41acb5bb4" not in shown and "Kim meets Putin" in shown
