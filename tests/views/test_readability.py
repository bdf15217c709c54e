"""analysis/views/readability.py: the tables behind the readability report's figures."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.measures.readability import INDICES  # noqa: E402
from analysis.views import readability as views  # noqa: E402


def test_index_table_is_long_with_bands(seed_tables):
    long = views.index_table(seed_tables["readability"], seed_tables["articles"])
    assert len(long) == len(INDICES) * len(seed_tables["readability"])
    ease = long[long["index"] == "flesch_reading_ease"]
    assert set(ease["band"]) <= {"difficult (college)", "very difficult (college graduate)"}


def test_outlet_table_weights_articles_equally():
    scores = pd.DataFrame([{"article_id": a, **{i: v for i in INDICES}, "words_per_sentence": v,
                            "long_sentence_share": 0.0, "mtld": 80.0}
                           for a, v in (("a1", 10.0), ("a2", 20.0), ("a3", 5.0))])
    articles = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet": ["A", "A", "B"]})
    out = views.outlet_table(scores, articles).set_index("outlet")
    assert out.loc["A", "flesch_kincaid_grade"] == 15.0 and out.loc["A", "n_articles"] == 2
    assert out.loc["B", "gunning_fog"] == 5.0


def test_hardest_paragraphs_come_first_with_their_text(seed_tables):
    top = views.hardest_paragraphs(seed_tables["readability_paragraphs"], seed_tables["paragraphs"],
                                   seed_tables["articles"], n=3)
    assert len(top) == 3
    assert list(top["flesch_kincaid_grade"]) == sorted(
        seed_tables["readability_paragraphs"]["flesch_kincaid_grade"], reverse=True)[:3]
    assert top["text"].str.len().min() > 0


@pytest.mark.parametrize("name", ["plot_grade_indices", "plot_reading_ease"])
def test_index_figures_draw(seed_tables, name):
    import matplotlib.pyplot as plt

    fig = getattr(views, name)(views.index_table(seed_tables["readability"], seed_tables["articles"]))
    assert fig.axes
    plt.close(fig)


def test_paragraph_figure_draws(seed_tables):
    import matplotlib.pyplot as plt

    fig = views.plot_paragraph_difficulty(seed_tables["readability_paragraphs"], seed_tables["articles"])
    assert len(fig.axes) == len(seed_tables["readability"])
    plt.close(fig)


@pytest.mark.slow
def test_report_shows_hardest_paragraphs_and_sample_sizes(tmp_path, seed_tables):
    import html
    import shutil

    from analysis.core.config import NOTEBOOKS_DIR
    from analysis.report.runner import run_reports
    from tests.conftest import SEED_CORPUS

    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    shutil.copy(NOTEBOOKS_DIR / "03-readability.ipynb", notebooks)
    summary = run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False)
    assert [n.status for n in summary.notebooks] == ["ok"], summary.notebooks
    page = (tmp_path / "out" / "03-readability.html").read_text(encoding="utf-8")
    top = views.hardest_paragraphs(seed_tables["readability_paragraphs"], seed_tables["paragraphs"],
                                   seed_tables["articles"], n=5)
    for text in top["text"]:
        assert html.escape(text[:40], quote=False) in page
    assert "Small sample" in page and "23 sentences" in page
    assert "figure-tables/readability-indices.csv" in page


def test_empty_tables_give_a_note_not_an_error():
    import matplotlib.pyplot as plt

    empty_long = pd.DataFrame(columns=["outlet", "article_id", "index", "value", "band"])
    empty_paragraphs = pd.DataFrame(columns=["article_id", "paragraph_id", "flesch_kincaid_grade"])
    articles = pd.DataFrame(columns=["article_id", "outlet"])
    for fig in (views.plot_grade_indices(empty_long), views.plot_reading_ease(empty_long),
                views.plot_paragraph_difficulty(empty_paragraphs, articles)):
        assert fig.axes
        plt.close(fig)
    assert "No English article" in views.describe_hardest(pd.DataFrame()).data
