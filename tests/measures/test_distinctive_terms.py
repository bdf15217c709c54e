"""Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008).

Expected values are derived by hand from the paper's formulas, written as exact fractions below,
or computed by a separate scalar loop over the formula (no code from analysis.measures.distinctive_terms).
"""

import math

import numpy as np
import pandas as pd
import pytest

from analysis.measures.distinctive_terms import (
    count_terms,
    distinctive_terms,
    ngrams,
    parse_ngram_range,
    read_stopwords,
    terms_from_tables,
    tokenize,
)


def _counts(table: dict[str, dict[str, int]]) -> pd.DataFrame:
    rows = [(g, t, 1, c) for g, terms in table.items() for t, c in terms.items() if c]
    return pd.DataFrame(rows, columns=["group", "term", "n", "count"])


WORKED = {"i": {"a": 3, "b": 1, "c": 0}, "j": {"a": 1, "b": 2, "c": 3}}
# By hand: n_i = 4, n_j = 6; pooled a = 4, b = 3, c = 3 (total 10).
# Default alpha_0 = pooled total = 10, so alpha = (4, 3, 3).
#   a: log[(3+4)/(4+10-3-4)] - log[(1+4)/(6+10-1-4)] = log(7/7) - log(5/11) = log(11/5); var 1/7 + 1/5
#   b: log[(1+3)/(4+10-1-3)] - log[(2+3)/(6+10-2-3)] = log(4/10) - log(5/11) = log(22/25); var 1/4 + 1/5
#   c: log[(0+3)/(4+10-0-3)] - log[(3+3)/(6+10-3-3)] = log(3/11) - log(6/10) = log(5/11); var 1/3 + 1/6
HAND_DEFAULT = {"a": (math.log(11 / 5), 1 / 7 + 1 / 5), "b": (math.log(22 / 25), 1 / 4 + 1 / 5),
                "c": (math.log(5 / 11), 1 / 3 + 1 / 6)}
# alpha_0 = 5: alpha = (2, 1.5, 1.5).
#   a: log[(3+2)/(4+5-3-2)] - log[(1+2)/(6+5-1-2)] = log(5/4) - log(3/8) = log(10/3); var 1/5 + 1/3
HAND_A0_5_A = (math.log(10 / 3), 1 / 5 + 1 / 3)


def test_worked_example_by_hand_default_prior():
    terms = distinctive_terms(_counts(WORKED), min_count=0).set_index(["outlet", "term"])
    for term, (delta, var) in HAND_DEFAULT.items():
        row = terms.loc[("i", term)]
        assert row["log_odds"] == pytest.approx(delta, abs=1e-9)
        assert row["z"] == pytest.approx(delta / math.sqrt(var), abs=1e-9)
        # with two outlets, the rest of j is i: the mirror image
        assert terms.loc[("j", term), "log_odds"] == pytest.approx(-delta, abs=1e-9)
    assert terms.loc[("i", "a"), "alpha0"] == 10
    assert terms.loc[("i", "a"), "prior"] == pytest.approx(4.0, abs=1e-12)


def test_worked_example_by_hand_alpha0_is_settable():
    terms = distinctive_terms(_counts(WORKED), min_count=0, alpha0=5).set_index(["outlet", "term"])
    delta, var = HAND_A0_5_A
    assert terms.loc[("i", "a"), "log_odds"] == pytest.approx(delta, abs=1e-9)
    assert terms.loc[("i", "a"), "z"] == pytest.approx(delta / math.sqrt(var), abs=1e-9)


def test_larger_prior_shrinks_towards_zero():
    small = distinctive_terms(_counts(WORKED), min_count=0, alpha0=1).set_index(["outlet", "term"])
    large = distinctive_terms(_counts(WORKED), min_count=0, alpha0=1000).set_index(["outlet", "term"])
    assert abs(large.loc[("i", "a"), "log_odds"]) < abs(small.loc[("i", "a"), "log_odds"])


def _expected_by_loop(table, alpha0):
    """Direct scalar evaluation of the formula, each group against the pooled rest."""
    vocab = sorted({t for terms in table.values() for t in terms})
    pooled = {t: sum(terms.get(t, 0) for terms in table.values()) for t in vocab}
    total = sum(pooled.values())
    a0 = alpha0 or total
    out = {}
    for g, terms in table.items():
        n_i = sum(terms.values())
        n_j = total - n_i
        for t in vocab:
            a = a0 * pooled[t] / total
            yi = terms.get(t, 0)
            yj = pooled[t] - yi
            d = math.log((yi + a) / (n_i + a0 - yi - a)) - math.log((yj + a) / (n_j + a0 - yj - a))
            out[(g, t)] = (d, d / math.sqrt(1 / (yi + a) + 1 / (yj + a)))
    return out


@pytest.mark.parametrize("n_outlets", [2, 3, 10])
@pytest.mark.parametrize("alpha0", [None, 7.5])
def test_any_number_of_outlets_matches_the_formula(n_outlets, alpha0):
    rng = np.random.default_rng(n_outlets)
    vocab = [f"w{k}" for k in range(12)]
    table = {f"outlet{g}": {w: int(rng.integers(0, 9)) for w in vocab} for g in range(n_outlets)}
    for terms in table.values():
        terms["w0"] = terms["w0"] + 1  # every outlet has at least one token
    terms = distinctive_terms(_counts(table), min_count=0, alpha0=alpha0)
    assert set(terms["outlet"]) == set(table)
    expected = _expected_by_loop(table, alpha0)
    got = terms.set_index(["outlet", "term"])
    for (g, t), (d, z) in expected.items():
        if (g, t) in got.index:
            assert got.loc[(g, t), "log_odds"] == pytest.approx(d, abs=1e-9)
            assert got.loc[(g, t), "z"] == pytest.approx(z, abs=1e-9)
    assert len(got) == sum(1 for t in vocab if sum(table[g][t] for g in table) > 0) * n_outlets


def test_min_count_filters_rare_terms_but_keeps_them_in_totals():
    terms = distinctive_terms(_counts(WORKED), min_count=4)
    assert set(terms["term"]) == {"a"}
    assert set(terms["outlet_total"]) == {4, 6}


def test_one_outlet_gives_no_terms():
    assert distinctive_terms(_counts({"only": {"a": 3}})).empty


def test_stop_words_are_the_projects_own_and_bigrams_skip_them():
    stop = read_stopwords()
    assert {"the", "of", "and"} <= stop and "war" not in stop
    tokens = tokenize("The Moscow war in North Korea’s interest")
    assert tokens == ["the", "moscow", "war", "in", "north", "korea", "interest"]
    assert ngrams(tokens, 2, stop) == ["moscow war", "north korea", "korea interest"]
    assert ngrams(tokens, 1, stop) == ["moscow", "war", "north", "korea", "interest"]


def test_bigrams_do_not_cross_sentences():
    texts = pd.DataFrame({"group": ["x", "x"], "text": ["Kim spoke.", "Putin listened."]})
    counts = count_terms(texts, (2, 2))
    assert "spoke putin" not in set(counts["term"])


def test_parse_ngram_range():
    assert parse_ngram_range("1,2") == (1, 2)
    assert parse_ngram_range("2-3") == (2, 3)
    assert parse_ngram_range((1, 1)) == (1, 1)
    with pytest.raises(ValueError):
        parse_ngram_range("3,1")


def test_seed_terms_table(seed_tables):
    terms = seed_tables["terms"]
    assert list(terms.columns[:5]) == ["outlet", "term", "count", "log_odds", "z"]
    assert set(terms["outlet"]) == {"Benzinga", "Pulse Nigeria"}
    # 'sanctions' appears only in the Benzinga article (3 times): distinctive of it
    row = terms[(terms["outlet"] == "Benzinga") & (terms["term"] == "sanctions")].iloc[0]
    assert row["count"] == 3 and row["count_rest"] == 0 and row["z"] > 0
    assert (terms.groupby("term")["count"].sum() >= 2).all()  # default min_count 2
    again = terms_from_tables(seed_tables["sentences"], seed_tables["articles"])
    pd.testing.assert_frame_equal(again.reset_index(drop=True), terms.reset_index(drop=True),
                                  check_dtype=False)


def test_fast_tokens_and_ngrams_equal_their_plain_definitions_on_random_text():
    import random

    from analysis.corpus.segment import WORD
    from analysis.measures import distinctive_terms

    def plain_tokens(text):
        tokens = (m.group(0).lower().replace("’", "'").replace("‘", "'") for m in WORD.finditer(text))
        tokens = (t[:-2] if t.endswith("'s") else t for t in tokens)
        return [t for t in tokens if any(ch.isalpha() for ch in t)]

    def plain_ngrams(tokens, n, stopwords):
        return [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)
                if not any(t in stopwords for t in tokens[i:i + n])]

    stopwords = distinctive_terms.read_stopwords()
    rng = random.Random(1)
    pieces = list("abcKorea’‘'s- .,1234İßØé_") + ["the ", "of ", "Korea’s ", "U.S. ", "‘quote’ "]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(60)))
        tokens = distinctive_terms.tokenize(text)
        assert tokens == plain_tokens(text), text
        for n in (1, 2, 3):
            assert distinctive_terms.ngrams(tokens, n, stopwords) == plain_ngrams(tokens, n, stopwords)


def test_terms_stage_read_in_small_batches_gives_the_whole_tables_terms(seed_tables, tmp_path,
                                                                       monkeypatch):
    """The stage reads sentences from disk BATCH_ROWS at a time: any batch size gives the rows
    of the whole table counted at once."""
    from analysis.core.writer import TableStore
    from analysis.measures import distinctive_terms as module
    from analysis.run.article import Context, Options
    from analysis.run.pipeline import write_tables

    write_tables({name: seed_tables[name] for name in ("sentences", "articles")}, tmp_path)
    whole = terms_from_tables(seed_tables["sentences"],
                              seed_tables["articles"][seed_tables["articles"]["english"]])
    assert len(seed_tables["sentences"]) > 20 and len(whole)
    for size in (1, 7, len(seed_tables["sentences"])):
        monkeypatch.setattr(module, "BATCH_ROWS", size)
        pieces = list(module.terms_stage(TableStore(tmp_path), Context(Options(), None)))
        # one piece per outlet, in the table's order
        assert [name for name, _ in pieces] == ["terms"] * whole["outlet"].nunique()
        assert [piece["outlet"].unique().tolist() for _, piece in pieces] == [
            [outlet] for outlet in whole["outlet"].unique()]
        got = pd.concat([piece for _, piece in pieces], ignore_index=True)
        pd.testing.assert_frame_equal(got, whole)


def test_an_outlet_with_no_term_is_no_group_of_the_table():
    from analysis.measures.distinctive_terms import add_counts, counted_orders, term_orders

    texts = pd.DataFrame({"group": ["Tessam Post", "Orrin Daily", "Orrin Daily", "Lund Wire"],
                          "text": ["Ferry fares rose again.", "Ferry fares fell.",
                                   "The pier reopened.", "It is what it is."]})
    counts: dict = {}
    add_counts(counts, texts["group"], texts["text"])
    groups, orders = counted_orders(counts, min_count=1)
    assert groups == ["Orrin Daily", "Tessam Post"]  # only stop words from Lund Wire
    assert groups == term_orders(count_terms(texts), min_count=1)[0]
    assert [order["n"] for order in orders] == [1, 2]


def test_outlet_groups_name_an_empty_outlet_and_keep_every_article():
    from analysis.measures.distinctive_terms import UNKNOWN_OUTLET, outlet_groups

    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["Orrin Daily", "", None]})
    assert outlet_groups(articles) == {"a": "Orrin Daily", "b": UNKNOWN_OUTLET, "c": UNKNOWN_OUTLET}
    assert outlet_groups(articles[["article_id"]]) == {k: UNKNOWN_OUTLET for k in "abc"}
