"""The summary report's building blocks, and the summary notebook without the upstream tables."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.run.pipeline import Context, Options, load_stage_modules  # noqa: E402

load_stage_modules()  # register every table in stage order before this file's imports do it

from analysis.core import config  # noqa: E402
from analysis.views import summary as cr  # noqa: E402
from tests.conftest import SEED_CORPUS  # noqa: E402

SUMMARY = pd.DataFrame({"outlet": ["<script>alert(1)</script>", "Herald"], "n_articles": [1, 2],
                        "sentiment_own": [0.1, None], "sentiment_quoted": [0.8, 0.2]})


def test_side_by_side_has_one_row_per_measure_and_one_column_per_outlet():
    table = cr.side_by_side(SUMMARY)
    assert list(table.columns) == ["measure", "<script>alert(1)</script>", "Herald", "evidence"]
    assert len(table) == len(cr.MEASURES)
    row = table.set_index("measure").loc["articles"]
    assert (row["Herald"], row["evidence"]) == (2, "overview")
    assert table.set_index("measure").loc["sources named"].isna()["Herald"]  # absent: not invented


def test_side_by_side_html_escapes_outlets_and_links_every_row():
    markup = cr.side_by_side_html(SUMMARY).data
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    # outlets are rows (50 outlets make 50 rows, never 50 columns), measures in tables of six
    tables = -(-len(cr.MEASURES) // cr.SIDE_BY_SIDE_COLUMNS)
    assert markup.count("<tr><th class='text'>") == 3 * tables  # a header row and two outlets
    assert markup.count("<table") == -(-len(cr.MEASURES) // cr.SIDE_BY_SIDE_COLUMNS)
    assert "href='01-corpus-overview.html'" in markup and "href='#quotes'" in markup
    assert "n/a" in markup and "<td class='num'>2</td>" in markup


def test_report_link_marks_a_report_that_is_not_built(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "NOTEBOOKS_DIR", tmp_path)
    assert cr.report_link("sentiment") == "<a href='02-sentiment.html'>02-sentiment</a> (not built yet)"
    (tmp_path / "02-sentiment.ipynb").write_text("{}")
    assert cr.report_link("sentiment") == "<a href='02-sentiment.html'>02-sentiment</a>"


def test_voice_table_keeps_only_values_present():
    voices = cr.voice_table(SUMMARY)
    assert sorted(zip(voices["outlet"], voices["voice"])) == [
        ("<script>alert(1)</script>", "own"), ("<script>alert(1)</script>", "quoted"), ("Herald", "quoted")]


def test_quote_drift_html_escapes_quotes_and_highlights_the_diff():
    matches = pd.DataFrame([{"speaker": "Kim", "outlet_a": "A", "outlet_b": "B", "match_kind": "variant",
                             "similarity": 0.88, "text_a": "army <b>", "text_b": "military",
                             "diff": "[-army-] {+military+}"}])
    markup = cr.quote_drift_html(matches).data
    assert "army &lt;b&gt;" in markup
    assert "<del style='background:#fde8e8'>army</del>" in markup
    assert "<ins style='background:#e6f4ea'>military</ins>" in markup


@pytest.mark.slow
def test_summary_notebook_runs_without_the_upstream_tables(tmp_path, seed_tables):
    """As on a branch without sentiment, framing and attribution: the sections say so."""
    from analysis.compare import stage as compare
    from analysis.entities.registry import default_registry
    from analysis.report.runner import execute_one, kernel_name
    from analysis.run.pipeline import write_tables

    upstream = ("quotes", "attributions", "sources", "citation_chains", "voice_sentiment",
                "readability", "readability_paragraphs", "sentiment_sentences", "sentiment_articles",
                "frames_articles", "frames_sentences", "naming", "terms", "hedges")
    tables = {k: v for k, v in seed_tables.items() if k not in upstream}
    tables.update(compare.compare_corpus(tables, Context(Options(), default_registry())))
    write_tables(tables, tmp_path / "tables")
    template = config.NOTEBOOKS_DIR / "00-summary.ipynb"
    run = execute_one(template, tmp_path, {"corpus": str(SEED_CORPUS), "tables": "tables"},
                      kernel_name(), show_code=False)
    assert run.status == "ok", run.error
    page = (tmp_path / "00-summary.html").read_text(encoding="utf-8")
    for said in ("The <code>quotes</code> table (attribution) is absent",
                 "The <code>readability</code> table is absent",
                 "No <code>voice_sentiment</code> rows",
                 "The <code>sources</code> table (attribution) is absent"):
        assert said in page, said
    assert "Traceback" not in page


def test_the_summary_report_leads_the_index():
    from analysis.report.runner import list_templates

    assert list_templates()[0].stem == "00-summary"


def test_corpus_counts_need_no_event_column_and_raise_no_warning():
    import warnings

    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["A", "B", None],
                             "event": [float("nan")] * 3})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the Pandas4Warning of fillna("") on a float column
        assert cr.corpus_counts(articles) == {"n_outlets": 3, "n_articles": 3, "n_events": 1}
        assert cr.corpus_counts(articles.drop(columns="event"))["n_events"] == 1


def test_facts_become_a_list_beyond_eight_outlets():
    outlets = [f"Outlet {i}" for i in range(10)]
    facts = pd.DataFrame({"fact_id": range(11), "kind": "number", "value": ["4000"] * 10 + ["7"],
                          "text": ["4,000"] * 10 + ["seven"], "outlet": outlets + ["Outlet 3"]})
    table = cr.facts_table(facts)
    assert list(table.columns) == ["kind", "value", "as_written", "n_outlets", "outlets"]
    assert table.iloc[0]["n_outlets"] == 10 and table.iloc[1]["outlets"] == "Outlet 3"
    assert "Outlet 0" in cr.facts_table(facts[facts["outlet"].isin(outlets[:2])]).columns


def test_content_evidence_labels_sentences_by_outlet_and_headline():
    alignment = pd.DataFrame({"kind": ["match", "unique"], "score": [0.61234, None],
                              "outlet_a": ["A", "B"], "article_id_a": ["a1", "b1"],
                              "sentence_id_a": ["a1:s1", "b1:s2"], "text_a": ["x", "y"],
                              "outlet_b": ["B", None], "article_id_b": ["b1", None],
                              "sentence_id_b": ["b1:s1", None], "text_b": ["x", None],
                              "same_source": [False, None]})
    articles = pd.DataFrame({"article_id": ["a1", "b1"], "outlet": ["A", "B"],
                             "title": ["Summit ends", None], "published": ["2025-03-01", None]})
    matched = cr.content_evidence(alignment, "match", articles)
    assert matched.iloc[0][["score", "headline_a", "headline_b"]].tolist() == [0.61, "Summit ends", "untitled (B)"]
    assert not any("id" in c for c in matched.columns)
    unique = cr.content_evidence(alignment, "unique", articles)
    assert unique.to_dict("records") == [{"outlet": "B", "headline": "untitled (B)", "sentence": "y"}]
