"""analysis/sentiment_views.py: the tables behind the sentiment report's figures."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import sentiment_views as views  # noqa: E402


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

    from analysis.config import NOTEBOOKS_DIR
    from analysis.report import run_reports
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
