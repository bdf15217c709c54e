"""Summaries for the sourcing report, on the seed tables."""

import matplotlib

from analysis.views import sources as sourcing_summary

matplotlib.use("Agg")


def test_voice_shares_sum_to_one(seed_tables):
    shares = sourcing_summary.voice_shares(seed_tables["voice_spans"], seed_tables["articles"])
    total = shares[["share_own", "share_quoted", "share_reported"]].sum(axis=1)
    assert ((total - 1).abs() < 1e-9).all()
    assert (shares["share_quoted"] > 0).all()


def test_voice_span_words_add_up_to_body_words(seed_tables):
    words = seed_tables["voice_spans"].groupby("article_id")["n_words"].sum()
    body = seed_tables["articles"].set_index("article_id")["n_words"]
    assert (words.reindex(body.index) == body).all()


def test_kinds_and_chain_drawing(seed_tables):
    kinds = sourcing_summary.kinds_by_outlet(seed_tables["attributions"], seed_tables["articles"])
    assert list(kinds.columns) == ["outlet", "direct", "mixed", "indirect"]
    edges = sourcing_summary.chain_edges(seed_tables["citation_chains"])
    assert {("CNN", "TASS"), ("Al Jazeera", "Vladimir Putin")} <= set(zip(edges.citing,
                                                                          edges.cited))
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    sourcing_summary.plot_citation_chains(edges, ax)
    labels = [t.get_text() for t in ax.texts if t.get_text()]
    assert sorted(labels) == sorted(set(edges.citing) | set(edges.cited))
    plt.close(fig)
