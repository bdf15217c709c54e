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


# --- distinct sources per outlet on the derailment corpus (issue 14 item 5) ----------------------

def _derailment():
    from pathlib import Path

    from analysis.run.pipeline import analyze

    return analyze(Path(__file__).resolve().parents[1] / "fixtures" / "wrenfield-derailment").tables


def test_distinct_sources_and_type_shares_per_outlet():
    tables = _derailment()
    canonical = sourcing_summary.canonical_of(tables)
    counts = sourcing_summary.distinct_sources_by_type(tables["sources"], tables["articles"],
                                                       canonical)
    got = {(o, t): n for o, t, n in zip(counts["outlet"], counts["source_type"], counts["n_sources"])}
    # counted by hand: the Gazette cites Helen Okafor as "Mayor Helen Okafor" (gazette-01) and
    # "Okafor" (gazette-02), Martin Sorensen as "Sorensen": each once, 8 distinct sources for 10
    # per-article rows; Metro Daily's "Brandt" is shared by Eva and Daniel Brandt and stays apart;
    # a source typed in one article keeps its type where another gives no role (Tomas Reyes)
    assert got == {
        ("Wrenfield Gazette", "official"): 3, ("Wrenfield Gazette", "business"): 2,
        ("Wrenfield Gazette", "citizen"): 1, ("Wrenfield Gazette", "advocacy"): 1,
        ("Wrenfield Gazette", "expert"): 1,
        ("Metro Daily", "official"): 5, ("Metro Daily", "citizen"): 2,
        ("Metro Daily", "business"): 1, ("Metro Daily", "unknown"): 1,
        ("Valley Times", "official"): 3, ("Valley Times", "business"): 2,
        ("Valley Times", "advocacy"): 1, ("Valley Times", "expert"): 1,
    }
    assert (tables["sources"]["article_id"].isin(["gazette-01", "gazette-02"])).sum() == 10
    shares = sourcing_summary.source_type_shares(counts).set_index("outlet")
    assert shares.loc["Wrenfield Gazette", "n_sources"] == 8
    assert abs(shares.filter(like="share_").sum(axis=1) - 1).max() < 1e-9
    import matplotlib.pyplot as plt

    plt.close(sourcing_summary.plot_source_types(shares.reset_index()))
    wide = sourcing_summary.source_types_by_outlet(tables["sources"], tables["articles"], canonical)
    assert wide.set_index("source_type").sum().to_dict() == {
        "Metro Daily": 9, "Valley Times": 7, "Wrenfield Gazette": 8}


def test_evidence_shows_the_role_and_the_phrase_as_written(seed_tables):
    shown = sourcing_summary.evidence(seed_tables["attributions"])
    assert {"speaker", "speaker_role", "speaker_text"} <= set(shown.columns)
