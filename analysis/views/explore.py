"""Views of ``07-explore``: pick an outlet, actor, frame or source type and read the sentences
behind it; read one article with its quotes and reported speech highlighted by voice.

The tables come from :func:`analysis.run.tables.load_tables`. :func:`sentence_index` tags every body
sentence with the actors it names, the frames found in it, the source types whose attributed words
it holds and its voices; :func:`evidence` filters it. :func:`article_html` marks an article's text by
voice (``voice_spans``), every piece of article text escaped. :func:`explorer` is the live view:
ipywidgets pickers in a live session (:func:`analysis.views.display.live`), else the same tables
shown static, so a batch run (papermill, ``newsprism report``) imports no widget and writes no script.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.core.schema import VOICES
from analysis.views import display

ALL = "(all)"  # the picker value that does not filter
FILTERS = ("outlet", "actor", "frame", "source_type")  # the pickers, in the order shown
LABELS = {"outlet": "Outlet", "actor": "Actor", "frame": "Frame", "source_type": "Source type"}
EVIDENCE_COLUMNS = ["outlet", "headline", "sentence", "actors", "frames", "source_types", "voices"]
VOICE_COLOURS = {"own": "", "quoted": "#ffe08a", "reported": "#bfe3ff"}  # own voice is not marked
SEP = "; "
# JupyterLab right-aligns every table cell: text columns of the live view are read left-aligned
LIVE_STYLE = ("<style>.np-table th.text, .np-table td.text {text-align: left}"
              " .np-table td {vertical-align: top}</style>")


def _table(t, name: str) -> pd.DataFrame:
    try:
        return t[name]
    except KeyError:
        return pd.DataFrame()


def _joined(values) -> str:
    return SEP.join(sorted({str(v) for v in values if isinstance(v, str) and v}))


def _per_sentence(frame: pd.DataFrame, column: str) -> dict[str, str]:
    if frame.empty or column not in frame:
        return {}
    return frame.dropna(subset=["sentence_id"]).groupby("sentence_id")[column].agg(_joined).to_dict()


def _overlapping(sentences: pd.DataFrame, spans: pd.DataFrame, start: str, end: str,
                 column: str) -> dict[str, str]:
    """``{sentence_id: 'a; b'}``: the ``column`` values of the spans that overlap each sentence."""
    if spans.empty or sentences.empty:
        return {}
    spans = spans.dropna(subset=[start, end])[["article_id", start, end, column]]
    spans.columns = ["article_id", "span_start", "span_end", "value"]
    joined = sentences[["article_id", "sentence_id", "start", "end"]].merge(spans, on="article_id")
    hit = joined[(joined["span_start"] < joined["end"]) & (joined["span_end"] > joined["start"])]
    return hit.groupby("sentence_id")["value"].agg(_joined).to_dict()


def frame_labels(t) -> dict[tuple[str, str], str]:
    """``{(codebook, frame): 'codebook: Label'}`` from ``frames_articles``."""
    frames = _table(t, "frames_articles")
    if frames.empty:
        return {}
    pairs = frames[["codebook", "frame", "label"]].drop_duplicates(["codebook", "frame"])
    return {(c, f): f"{c}: {lab if isinstance(lab, str) and lab else f}"
            for c, f, lab in pairs.itertuples(index=False)}


def sentence_index(t) -> pd.DataFrame:
    """One row per body sentence: ``outlet``, ``headline``, ``sentence`` and the ``;``-joined
    ``actors`` (entity names), ``frames`` (``codebook: label``), ``source_types`` (of attributions
    whose content overlaps the sentence) and ``voices`` found in it, plus its ids for the article
    view."""
    articles = t.articles
    sentences = t.sentences
    sentences = sentences[sentences["role"] == "body"].copy()
    mentions, entities = _table(t, "mentions"), _table(t, "entities")
    if not mentions.empty and not entities.empty:
        mentions = mentions.merge(entities[["entity_id", "name"]], on="entity_id", how="left")
    actors = _per_sentence(mentions, "name")
    hits = _table(t, "frames_sentences")
    if not hits.empty:
        labels = frame_labels(t)
        hits = hits.assign(label=[labels.get((c, f), f"{c}: {f}")
                                  for c, f in zip(hits["codebook"], hits["frame"])])
    frames = _per_sentence(hits, "label")
    sources = _overlapping(sentences, _table(t, "attributions"), "content_start", "content_end",
                           "speaker_type")
    voices = _overlapping(sentences, _table(t, "voice_spans"), "start", "end", "voice")
    outlets = dict(zip(articles["article_id"], articles["outlet"].fillna("(unknown)")))
    heads = display.headlines(articles)
    ids = sentences["sentence_id"]
    out = pd.DataFrame({
        "outlet": sentences["article_id"].map(outlets).fillna("(unknown)").to_numpy(),
        "headline": sentences["article_id"].map(heads).fillna("").to_numpy(),
        "sentence": sentences["text"].fillna("").to_numpy(),
        "actors": ids.map(actors).fillna("").to_numpy(),
        "frames": ids.map(frames).fillna("").to_numpy(),
        "source_types": ids.map(sources).fillna("").to_numpy(),
        "voices": ids.map(voices).fillna("").to_numpy(),
        "article_id": sentences["article_id"].to_numpy(),
        "sentence_id": ids.to_numpy(),
    })
    return out


def choices(index: pd.DataFrame) -> dict[str, list[str]]:
    """The values each picker offers, ``(all)`` first, the rest sorted."""
    column = {"outlet": "outlet", "actor": "actors", "frame": "frames", "source_type": "source_types"}
    out = {}
    for name in FILTERS:
        values: set[str] = set()
        for cell in index[column[name]]:
            values.update([str(cell)] if name == "outlet" else (v for v in str(cell).split(SEP) if v))
        out[name] = [ALL, *sorted(values, key=str.casefold)]
    return out


def evidence(index: pd.DataFrame, outlet: str = ALL, actor: str = ALL, frame: str = ALL,
             source_type: str = ALL) -> pd.DataFrame:
    """The sentences that match every picked value (``(all)`` or empty: no filter), in text order,
    with :data:`EVIDENCE_COLUMNS`."""
    keep = pd.Series(True, index=index.index)
    if outlet not in (ALL, "", None):
        keep &= index["outlet"] == outlet
    for value, column in ((actor, "actors"), (frame, "frames"), (source_type, "source_types")):
        if value not in (ALL, "", None):
            keep &= index[column].map(lambda cell, v=value: v in str(cell).split(SEP))
    return index.loc[keep, EVIDENCE_COLUMNS].reset_index(drop=True)


def article_choices(t) -> list[tuple[str, str]]:
    """``[(label, article_id)]``: ``outlet: headline`` for the article picker, by outlet."""
    articles = t.articles.sort_values(["outlet", "article_id"], na_position="last")
    heads = display.headlines(articles)
    return [(f"{'(unknown)' if pd.isna(o) else o}: {heads[a]}", a)
            for o, a in zip(articles["outlet"], articles["article_id"])]


def _speakers(t) -> dict[str, str]:
    attributions = _table(t, "attributions")
    if attributions.empty:
        return {}
    return {a: (s if isinstance(s, str) and s else "unresolved speaker") + (
        f" ({k})" if isinstance(k, str) and k else "")
        for a, s, k in zip(attributions["attribution_id"], attributions["speaker"],
                           attributions["speaker_type"])}


def legend_html() -> str:
    """The key of the voice colours."""
    marks = [f"<mark style='background:{c};padding:0 .2em'>{v}</mark>" if c else f"{v} (unmarked)"
             for v, c in VOICE_COLOURS.items()]
    notes = "; ".join(f"{display.escape(v)}: {display.escape(VOICES[v])}" for v in VOICE_COLOURS
                      if v in VOICES)
    return (f"<p class='{display.NO_MATH} np-voice-legend'><b>Voice</b>: " + " &middot; ".join(marks)
            + (f"<br><small>{notes}</small>" if notes else "") + "</p>")


def article_html(t, article_id: str) -> str:
    """One article's headline and body paragraphs, each stretch of quoted or reported speech in
    ``<mark>`` coloured by voice (:data:`VOICE_COLOURS`) with its speaker as the tooltip. All text
    from the article is escaped."""
    articles = t.articles
    row = articles[articles["article_id"] == article_id]
    if row.empty:
        return f"<p class='np-empty'>No article {display.escape(article_id)}.</p>"
    head = display.headlines(row)[article_id]
    outlet = row["outlet"].iloc[0]
    paragraphs = t.paragraphs
    paragraphs = paragraphs[(paragraphs["article_id"] == article_id) & (paragraphs["role"] == "body")]
    spans = _table(t, "voice_spans")
    spans = spans[spans["article_id"] == article_id] if not spans.empty else spans
    speakers = _speakers(t)
    parts = [f"<h3>{display.escape(head)}</h3>",
             f"<p><i>{display.escape('(unknown)' if pd.isna(outlet) else outlet)}</i></p>"]
    for p in paragraphs.itertuples(index=False):
        text = "" if pd.isna(p.text) else str(p.text)
        start, cut, pieces = int(p.start), 0, []
        inside = spans[(spans["start"] < start + len(text)) & (spans["end"] > start)] \
            if not spans.empty else spans
        for s in inside.sort_values("start").itertuples(index=False):
            a, b = max(int(s.start) - start, cut), min(int(s.end) - start, len(text))
            if b <= a:
                continue
            pieces.append(display.escape(text[cut:a]))
            colour = VOICE_COLOURS.get(s.voice, "")
            piece = display.escape(text[a:b])
            if colour:
                who = speakers.get(s.attribution_id, "") if isinstance(s.attribution_id, str) else ""
                tip = display.escape(f"{s.voice}: {who}" if who else s.voice)
                piece = (f"<mark class='np-voice-{display.escape(s.voice)}' title='{tip}' "
                         f"style='background:{colour}'>{piece}</mark>")
            pieces.append(piece)
            cut = b
        pieces.append(display.escape(text[cut:]))
        parts.append(f"<p>{''.join(pieces)}</p>")
    if paragraphs.empty:
        parts.append("<p class='np-empty'>This article has no body text in the tables.</p>")
    return f"<div class='{display.NO_MATH} np-article'>{''.join(parts)}</div>"


@dataclass
class Explorer:
    """The live view's widgets (ipywidgets), kept so a test or a reader can drive them."""

    pickers: dict
    count: object  # ipywidgets.HTML: how many sentences the pick selects
    table: object  # ipywidgets.Output holding the evidence table
    article: object  # ipywidgets.Dropdown of articles
    reader: object  # ipywidgets.HTML with the article view
    box: object  # the whole view

    def _ipython_display_(self):
        _publish(self.box)


def _publish(obj) -> None:
    """IPython's display (a function of ours so tests can watch what is shown)."""
    from IPython.display import display as publish

    publish(obj)


def _widgets_available() -> bool:
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    return True


def explorer(t, index: pd.DataFrame | None = None, max_rows: int = 200, live: bool | None = None):
    """The exploring view: pickers for outlet, actor, frame and source type above the sentences
    they select, and an article picker above the article marked by voice. In a live session with
    ipywidgets it returns an :class:`Explorer`; otherwise (batch) it returns static HTML: the first
    outlet's evidence and the first article (the notebook shows both)."""
    index = sentence_index(t) if index is None else index
    live = display.live() if live is None else live
    if not (live and _widgets_available()):
        return static_view(t, index, max_rows)
    import ipywidgets as widgets

    options = choices(index)
    pickers = {name: widgets.Dropdown(options=options[name], value=ALL, description=LABELS[name],
                                      style={"description_width": "initial"})
               for name in FILTERS}
    table = widgets.Output()
    count = widgets.HTML()

    def refresh(_change=None):
        picked = {name: picker.value for name, picker in pickers.items()}
        rows = evidence(index, **picked)
        count.value = (f"<p class='np-evidence-count'>{len(rows)} of {len(index)} body sentences"
                       f"{' (first ' + str(max_rows) + ' shown)' if len(rows) > max_rows else ''}</p>")
        table.clear_output()
        with table:
            _publish(display.show(rows.head(max_rows), caption="Sentences behind the pick",
                                 empty="no sentence matches every pick", max_rows=max_rows,
                                 interactive=False))

    for picker in pickers.values():
        picker.observe(refresh, names="value")
    refresh()

    articles = article_choices(t)
    article = widgets.Dropdown(options=articles, description="Article",
                               layout=widgets.Layout(width="95%"))
    reader = widgets.HTML(value=legend_html() + (article_html(t, articles[0][1]) if articles else ""))

    def read(change):
        reader.value = legend_html() + article_html(t, change["new"])

    article.observe(read, names="value")
    box = widgets.VBox([widgets.HTML(LIVE_STYLE),
                        widgets.HBox(list(pickers.values()), layout=widgets.Layout(flex_flow="row wrap")),
                        count, table, widgets.HTML("<h3>Read an article</h3>"), article, reader])
    return Explorer(pickers, count, table, article, reader, box)


def static_view(t, index: pd.DataFrame, max_rows: int = 200):
    """What a batch run shows instead of widgets: the first outlet's evidence, then the first
    article marked by voice, with a line saying how to get the live view."""
    options = choices(index)
    outlet = options["outlet"][1] if len(options["outlet"]) > 1 else ALL
    rows = evidence(index, outlet=outlet).drop(columns="outlet")  # the caption names the outlet
    parts = [display.note("Static view (batch run): open this notebook in JupyterLab (<code>make "
                          "lab</code>) to pick any outlet, actor, frame or source type and any "
                          "article.", "method").data]
    table = display.show(rows, caption=f"Sentences of {outlet}", max_rows=max_rows,
                         empty="no sentence", interactive=False)
    parts.append(table.data)
    articles = article_choices(t)
    if articles:
        parts.append(legend_html() + article_html(t, articles[0][1]))
    from IPython.display import HTML

    return HTML("".join(parts))
