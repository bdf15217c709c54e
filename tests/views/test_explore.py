"""07-explore's views: sentences tagged and filtered by outlet, actor, frame and source type, an
article marked by voice with every piece of article text escaped, widgets only in a live session,
and display.show's interactive tables only there too."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.views import display, explore

PAYLOAD = "<img src=x onerror=alert(1)>"
A, B = "a1", "b1"
TEXT_A = 'The minister said the talks failed. "We will not sign," she said. Rain fell.'
TEXT_B = f"Officials met. {PAYLOAD} arrived."


class FakeTables:
    """The part of analysis.run.tables.Tables the views use: t[name] (KeyError when missing)."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        self.frames = frames

    def __getitem__(self, name):
        return self.frames[name]

    def __getattr__(self, name):
        try:
            return self.frames[name]
        except KeyError:
            raise AttributeError(name) from None


def spans(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


@pytest.fixture
def tables() -> FakeTables:
    s0, s1, s2 = (spans(TEXT_A, x) for x in ("The minister said the talks failed.",
                                              '"We will not sign," she said.', "Rain fell."))
    b0, b1 = spans(TEXT_B, "Officials met."), spans(TEXT_B, f"{PAYLOAD} arrived.")
    quote = spans(TEXT_A, '"We will not sign,"')
    reported = spans(TEXT_A, "the talks failed")
    articles = pd.DataFrame({"article_id": [A, B], "outlet": ["Daily <b>Bold</b>", "Wire"],
                             "title": ["Talks fail", f"Meeting {PAYLOAD}"], "published": ["", ""]})
    sentences = pd.DataFrame({
        "article_id": [A, A, A, A, B, B],
        "sentence_id": [f"{A}:s0", f"{A}:s1", f"{A}:s2", f"{A}:s3", f"{B}:s0", f"{B}:s1"],
        "paragraph_id": [f"{A}:p0"] * 4 + [f"{B}:p0"] * 2,
        "start": [0, s0[0], s1[0], s2[0], b0[0], b1[0]], "end": [0, s0[1], s1[1], s2[1], b0[1], b1[1]],
        "text": ["Talks fail", "The minister said the talks failed.", '"We will not sign," she said.',
                 "Rain fell.", "Officials met.", f"{PAYLOAD} arrived."],
        "role": ["title", "body", "body", "body", "body", "body"]})
    paragraphs = pd.DataFrame({"article_id": [A, B], "paragraph_id": [f"{A}:p0", f"{B}:p0"],
                               "role": ["body", "body"], "start": [0, 0],
                               "end": [len(TEXT_A), len(TEXT_B)], "text": [TEXT_A, TEXT_B]})
    entities = pd.DataFrame({"entity_id": ["minister", "officials"], "name": ["The Minister", "Officials"]})
    mentions = pd.DataFrame({"article_id": [A, B], "entity_id": ["minister", "officials"],
                             "sentence_id": [f"{A}:s1", f"{B}:s0"]})
    frames_sentences = pd.DataFrame({"article_id": [A, B], "sentence_id": [f"{A}:s1", f"{B}:s0"],
                                     "codebook": ["generic", "generic"], "frame": ["conflict", "conflict"]})
    frames_articles = pd.DataFrame({"article_id": [A], "codebook": ["generic"], "frame": ["conflict"],
                                    "label": ["Conflict"]})
    attributions = pd.DataFrame({
        "article_id": [A, A], "attribution_id": [f"{A}:a0", f"{A}:a1"],
        "speaker": ["The Minister", "The Minister"], "speaker_type": ["official", "official"],
        "content_start": [reported[0], quote[0]], "content_end": [reported[1], quote[1]]})
    voice_spans = pd.DataFrame({
        "article_id": [A, A, A, A, A, B],
        "start": [0, reported[0], reported[1], quote[0], quote[1], 0],
        "end": [reported[0], reported[1], quote[0], quote[1], len(TEXT_A), len(TEXT_B)],
        "voice": ["own", "reported", "own", "quoted", "own", "own"],
        "attribution_id": [None, f"{A}:a0", None, f"{A}:a1", None, None]})
    return FakeTables({"articles": articles, "sentences": sentences, "paragraphs": paragraphs,
                       "entities": entities, "mentions": mentions, "frames_sentences": frames_sentences,
                       "frames_articles": frames_articles, "attributions": attributions,
                       "voice_spans": voice_spans})


def test_every_body_sentence_is_tagged(tables):
    index = explore.sentence_index(tables)
    assert list(index["sentence"]) == ["The minister said the talks failed.", '"We will not sign," she said.',
                                       "Rain fell.", "Officials met.", f"{PAYLOAD} arrived."]
    first = index.iloc[0]
    assert (first["outlet"], first["headline"]) == ("Daily <b>Bold</b>", "Talks fail")
    assert (first["actors"], first["frames"], first["source_types"]) == ("The Minister", "generic: Conflict", "official")
    assert first["voices"] == "own; reported" and index.iloc[1]["voices"] == "own; quoted"
    assert index.iloc[2][["actors", "frames", "source_types"]].tolist() == ["", "", ""]


def test_pickers_offer_every_value_and_filter_together(tables):
    index = explore.sentence_index(tables)
    options = explore.choices(index)
    assert options["outlet"] == [explore.ALL, "Daily <b>Bold</b>", "Wire"]
    assert options["actor"] == [explore.ALL, "Officials", "The Minister"]
    assert options["source_type"] == [explore.ALL, "official"]
    assert len(explore.evidence(index)) == 5
    assert list(explore.evidence(index, outlet="Wire")["sentence"]) == ["Officials met.", f"{PAYLOAD} arrived."]
    assert list(explore.evidence(index, frame="generic: Conflict")["outlet"]) == ["Daily <b>Bold</b>", "Wire"]
    both = explore.evidence(index, outlet="Wire", source_type="official")
    assert both.empty and list(both.columns) == explore.EVIDENCE_COLUMNS


def test_the_article_is_marked_by_voice_and_escaped(tables):
    marked = explore.article_html(tables, A)
    assert ("<mark class='np-voice-reported' title='reported: The Minister (official)' "
            "style='background:#bfe3ff'>the talks failed</mark>") in marked
    assert "title='quoted: The Minister (official)'" in marked and "&quot;We will not sign,&quot;</mark>" in marked
    hostile = explore.article_html(tables, B)
    assert PAYLOAD not in hostile and "&lt;img src=x onerror=alert(1)&gt;" in hostile
    assert "<mark" not in hostile  # own voice only
    assert "No article" in explore.article_html(tables, "nope")


def test_batch_gets_a_static_view_without_widgets_or_scripts(tables, monkeypatch):
    monkeypatch.setenv(display.INTERACTIVE_ENV, "0")
    view = explore.explorer(tables)
    markup = view.data
    assert "<script" not in markup.lower() and PAYLOAD not in markup
    assert "Sentences of Daily &lt;b&gt;Bold&lt;/b&gt;" in markup and "np-voice-reported" in markup


def test_live_session_gets_widgets_that_change_the_evidence(tables, monkeypatch):
    pytest.importorskip("ipywidgets")
    monkeypatch.setenv(display.INTERACTIVE_ENV, "1")
    shown = []
    monkeypatch.setattr(explore, "_publish", lambda obj: shown.append(obj))
    view = explore.explorer(tables)
    assert isinstance(view, explore.Explorer)
    assert "5 of 5" in view.count.value and "Rain fell." in shown[-1].data
    view.pickers["outlet"].value = "Wire"
    assert "2 of 5" in view.count.value and "Rain fell." not in shown[-1].data
    assert "&lt;img src=x" in shown[-1].data
    view.article.value = B
    assert "&lt;img src=x" in view.reader.value and PAYLOAD not in view.reader.value


def test_show_is_static_in_batch_and_interactive_live(monkeypatch):
    frame = pd.DataFrame({"text": [PAYLOAD, "b"], "n": [1.0, 2.0]})
    monkeypatch.setenv(display.INTERACTIVE_ENV, "0")
    assert not display.live() and "<script" not in display.show(frame).data
    pytest.importorskip("itables")
    monkeypatch.setenv(display.INTERACTIVE_ENV, "1")
    markup = display.show(frame, caption=f"cap {PAYLOAD}").data
    assert "<script" in markup and PAYLOAD not in markup  # cells and caption escaped
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert "<script" not in display.show(frame, interactive=False).data


def test_live_is_false_outside_a_kernel(monkeypatch):
    monkeypatch.delenv(display.INTERACTIVE_ENV, raising=False)
    assert display.live() is False


def test_a_batch_run_imports_neither_itables_nor_ipywidgets(tmp_path):
    """The report runs from the core lock: the lab extra's packages are only imported live."""
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        import os, sys
        os.environ.pop("NEWSPRISM_INTERACTIVE", None)
        import pandas as pd
        from analysis.views import display, explore
        display.show(pd.DataFrame({"a": [1]}))
        print(sorted(n for n in sys.modules if n.split(".")[0] in ("itables", "ipywidgets")))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
