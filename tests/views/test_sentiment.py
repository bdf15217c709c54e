"""analysis/views/sentiment.py: the tables behind the sentiment report's figures."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.views import sentiment as views  # noqa: E402


def test_sentence_track_keeps_body_in_order(seed_tables):
    track = views.sentence_track(seed_tables["sentiment_sentences"], seed_tables["articles"])
    assert set(track["outlet"]) == {"Benzinga", "Pulse Nigeria"}
    for _, group in track.groupby("article_id"):
        assert list(group["position"]) == list(range(1, len(group) + 1))
    assert len(track) == seed_tables["articles"]["n_sentences"].sum()  # titles left out


def test_evidence_is_the_extremes_per_outlet(seed_tables):
    scored, articles = seed_tables["sentiment_sentences"], seed_tables["articles"]
    shown = views.evidence(scored, articles, n=2)
    body = views.sentence_track(scored, articles)
    for outlet, group in body.groupby("outlet"):
        top = shown[(shown["outlet"] == outlet) & (shown["direction"] == "most positive")]
        bottom = shown[(shown["outlet"] == outlet) & (shown["direction"] == "most negative")]
        assert list(top["compound"]) == sorted(group["compound"], reverse=True)[:2]
        assert list(bottom["compound"]) == sorted(group["compound"])[:2]


def test_actor_comparison_filters_rare_actors():
    frame = pd.DataFrame({"outlet": ["A", "B", "A"], "actor": ["x", "x", "y"], "name": ["X", "X", "Y"],
                          "n_sentences": [1, 1, 1], "mean_compound": [0.1, 0.2, 0.3]})
    assert set(views.actor_comparison(frame, 2)["actor"]) == {"x"}  # 2 sentences across outlets
    assert set(views.actor_comparison(frame, 1)["actor"]) == {"x", "y"}


@pytest.mark.parametrize("name", ["plot_sentence_track", "plot_outlets", "plot_actors"])
def test_figures_draw(seed_tables, name):
    import matplotlib.pyplot as plt

    data = {
        "plot_sentence_track": views.sentence_track(seed_tables["sentiment_sentences"],
                                                    seed_tables["articles"]),
        "plot_outlets": seed_tables["sentiment_outlets"],
        "plot_actors": views.actor_comparison(seed_tables["sentiment_actor_outlets"]),
    }[name]
    fig = getattr(views, name)(data)
    assert fig.axes
    plt.close(fig)


@pytest.mark.slow
def test_report_shows_evidence_and_sample_sizes(tmp_path, seed_tables):
    import html
    import shutil

    from analysis.core.config import NOTEBOOKS_DIR
    from analysis.report.runner import run_reports
    from tests.conftest import SEED_CORPUS

    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    shutil.copy(NOTEBOOKS_DIR / "02-sentiment.ipynb", notebooks)
    summary = run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False)
    assert [n.status for n in summary.notebooks] == ["ok"], summary.notebooks
    page = (tmp_path / "out" / "02-sentiment.html").read_text(encoding="utf-8")
    shown = views.evidence(seed_tables["sentiment_sentences"], seed_tables["articles"], n=3)
    for text in shown["text"]:
        assert html.escape(text[:40], quote=False) in page
    assert "Small sample" in page and "23 sentences" in page


def test_empty_tables_give_a_note_not_an_error():
    import matplotlib.pyplot as plt

    empty = pd.DataFrame(columns=["outlet", "article_id", "mean_compound", "n_articles", "n_sentences"])
    for fig in (views.plot_sentence_track(empty), views.plot_outlets(empty), views.plot_actors(empty)):
        assert fig.axes
        plt.close(fig)
    assert "No English article" in views.describe_lowest(empty).data


def test_describe_lowest_names_the_outlet_escaped():
    outlets = pd.DataFrame({"outlet": ["<b>A</b>", "B"], "mean_compound": [-0.2, 0.1],
                            "ci_low": [-0.4, 0.0], "ci_high": [0.0, 0.2], "n_articles": [1, 2],
                            "n_sentences": [10, 20]})
    text = views.describe_lowest(outlets).data
    assert "&lt;b&gt;A&lt;/b&gt;" in text and "-0.200" in text and "10 sentences" in text


@pytest.mark.slow
def test_reports_run_on_a_corpus_without_english(tmp_path):
    import shutil

    from analysis.core.config import NOTEBOOKS_DIR
    from analysis.report.runner import run_reports

    corpus = tmp_path / "de"
    corpus.mkdir()
    (corpus / "de1.txt").write_text(
        "Der russische Präsident ist am Mittwoch zu einem Besuch in Nordkorea eingetroffen. Er traf "
        "den Staatschef und sprach über eine neue strategische Partnerschaft zwischen beiden Ländern."
        "\n\nBeobachter in Seoul und Washington zeigten sich besorgt über die militärische "
        "Zusammenarbeit. Die Regierung in Berlin kündigte an, die Entwicklung genau zu verfolgen.\n",
        encoding="utf-8")
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    for name in ("02-sentiment.ipynb", "03-readability.ipynb"):
        shutil.copy(NOTEBOOKS_DIR / name, notebooks)
    summary = run_reports(corpus, tmp_path / "out", notebooks=notebooks, progress=False)
    assert [(n.name, n.status) for n in summary.notebooks] == [
        ("02-sentiment", "ok"), ("03-readability", "ok")], summary.notebooks


def test_actor_evidence_gives_the_sentences_as_text(seed_tables):
    comparison = views.actor_comparison(seed_tables["sentiment_actor_outlets"])
    shown = views.actor_evidence(comparison, seed_tables["sentiment_sentences"])
    scored = seed_tables["sentiment_sentences"].set_index("text")
    row = shown[(shown["name"] == "Vladimir Putin") & (shown["outlet"] == "Benzinga")].iloc[0]
    assert "Putin" in row["most_negative_sentence"] and "Putin" in row["most_positive_sentence"]
    assert scored.loc[row["most_negative_sentence"], "compound"] <= scored.loc[
        row["most_positive_sentence"], "compound"]
