"""Tests for analysis/run/article.py: one article through every stage, within its budget."""

from analysis.corpus.load import RawArticle, Rejection
from analysis.entities.registry import default_registry
from analysis.run.article import Context, Options, analyze_article

TEXT = ("Putin arrived in Pyongyang on Wednesday, his first visit in 24 years. "
        "“We will go on,” Kim said.")


def test_an_article_over_the_size_budget_is_rejected_with_that_reason():
    context = Context(Options(params={"max_article_chars": "100"}), default_registry())
    raw = RawArticle("long", "long.txt", TEXT + " " + "More words here. " * 10)
    result = analyze_article(raw, context)
    assert isinstance(result, Rejection)
    assert (result.source_file, result.article_id) == ("long.txt", "long")
    assert result.reason == ("article text of 267 characters is over the per-article budget of 100 "
                             "(setting max_article_chars)")


def test_an_article_within_the_budget_is_analysed_and_zero_means_no_limit():
    for limit in (len(TEXT), 0):
        context = Context(Options(params={"max_article_chars": limit}), default_registry())
        rows = analyze_article(RawArticle("short", "short.txt", TEXT), context)
        assert not isinstance(rows, Rejection)
        assert rows["articles"][0]["article_id"] == "short"


def test_the_default_budget_is_two_million_characters():
    from analysis.core.settings import registry

    assert registry()["max_article_chars"].default == 2_000_000


def test_a_run_rejects_the_long_article_and_goes_on(tmp_path):
    from analysis.run.pipeline import analyze

    (tmp_path / "short.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "long.txt").write_text(TEXT + " " + "More words here. " * 10, encoding="utf-8")
    result = analyze(tmp_path, Options(params={"max_article_chars": 200}))
    assert result.tables["articles"].article_id.tolist() == ["short"]
    [reason] = result.tables["rejected"].reason
    assert "over the per-article budget of 200" in reason


def test_a_corpus_of_only_rejected_articles_ends_with_the_rejections(tmp_path):
    # the sentiment corpus stage read a table no article had written (KeyError)
    from analysis.run.pipeline import analyze

    (tmp_path / "long.txt").write_text(TEXT, encoding="utf-8")
    result = analyze(tmp_path, Options(params={"max_article_chars": 10}))
    assert result.n_articles == 0 and result.n_rejected == 1
    assert len(result.tables["sentiment_outlets"]) == 0
