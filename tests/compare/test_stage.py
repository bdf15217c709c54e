"""Cross-outlet comparison: alignment, syndication, facts, quote matching, voice split, summary."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.run.pipeline import Context, Options, load_stage_modules  # noqa: E402

load_stage_modules()  # register every table in stage order before this file's imports do it

from analysis.compare import align, facts, quote_matching, syndication  # noqa: E402
from analysis.compare import stage as compare  # noqa: E402
from analysis.entities.registry import default_registry  # noqa: E402
from analysis.measures import voice_sentiment  # noqa: E402
from tests.conftest import SEED_1, SEED_2  # noqa: E402

KIM_WHOLE = ("expresses full support and solidarity to the Russian government, army and people in "
             "carrying out a special military operation in Ukraine to protect sovereignty, "
             "security interests, as well as territorial integrity,")
KIM_PART_1 = "full support and solidarity with the struggles of the Russian government, military and the people."
KIM_PART_2 = "to protect its own sovereignty, safety and territorial stability."
KIM_OTHER = "new high prosperity"


@pytest.fixture(scope="module")
def seed_comparison(seed_tables):
    """The comparison tables of the bundled seeds (as `newsprism analyze` computes them)."""
    return compare.compare_corpus(seed_tables, Context(Options(), default_registry()))


def _quotes(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["article_id", "quote_id", "text", "speaker"])


# --- quote matching -----------------------------------------------------------------------------

def test_kim_quotation_matches_both_halves_of_the_split_quote():
    quotes = _quotes(("a", "a:q0", KIM_WHOLE, "kim-jong-un"), ("a", "a:q1", KIM_OTHER, "kim-jong-un"),
                     ("b", "b:q0", KIM_PART_1, "kim-jong-un"), ("b", "b:q1", KIM_PART_2, "kim-jong-un"))
    found = quote_matching.match_quotes(quotes, {"a": "Benzinga", "b": "Pulse Nigeria"}, "e")
    assert sorted(zip(found["quote_id_a"], found["quote_id_b"])) == [("a:q0", "b:q0"), ("a:q0", "b:q1")]
    assert set(found["match_kind"]) <= {"variant", "fragment"}
    assert list(found["n_parts"]) == [2, 2]
    first = found.set_index("quote_id_b").loc["b:q0", "diff"]
    assert "[-army-] {+military+}" in first
    assert first.startswith("[-expresses-] full support and solidarity")
    second = found.set_index("quote_id_b").loc["b:q1", "diff"]
    assert "to protect {+its own+} sovereignty" in second
    assert second.endswith("territorial [-integrity-] {+stability+}")


def test_quotes_of_different_speakers_never_match_even_when_identical():
    quotes = _quotes(("a", "a:q0", KIM_PART_1, "kim-jong-un"), ("b", "b:q0", KIM_PART_1, "vladimir-putin"))
    assert quote_matching.match_quotes(quotes, {}, "e").empty


def test_classify_exact_fragment_variant_and_no_match():
    assert quote_matching.classify("It was a show of strength.", "“it was a show of strength”") == ("exact", 1.0)
    kind, similarity = quote_matching.classify(
        "It was a show of strength, a show of unity, heralding a new era", "a show of unity, heralding a new era")
    assert kind == "fragment" and similarity == 1.0
    assert quote_matching.classify(KIM_WHOLE, KIM_PART_1)[0] == "variant"
    assert quote_matching.classify(KIM_WHOLE, KIM_OTHER) == ("", 0.0)
    # without a speaker on one side only near-identical wording matches
    assert quote_matching.classify(KIM_WHOLE, KIM_PART_1, same_speaker=False) == ("", 0.0)


def test_word_diff_of_a_fragment_marks_the_cut_ends():
    diff = quote_matching.word_diff("a show of strength, a show of unity, heralding a new era in ties",
                                "a show of unity")
    assert diff == "… a show of unity …"


def test_diff_html_escapes_quoted_markup():
    markup = quote_matching.diff_html("said [-<script>alert(1)</script>-] {+<b>x</b>+} & more")
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "<del style='background:#fde8e8'>" in markup and "<ins style='background:#e6f4ea'>&lt;b&gt;" in markup
    assert markup.endswith(" &amp; more")


# --- facts --------------------------------------------------------------------------------------

def test_sentence_facts_numbers_dates_entities_and_unknown_names():
    text = "Segun Adeyemi said Putin met officials on June 19, 2024, after 3 million people and 1961, 2000, and 2001."
    found = {(f["kind"], f["value"]): f for f in facts.sentence_facts(text, 100, default_registry())}
    assert ("person", "vladimir-putin") in found
    assert ("date", "June 19, 2024") in found
    assert ("number", "3 million") in found
    assert ("date", "1961, 2000, and 2001") in found
    name = found[("name", "Segun Adeyemi")]
    assert name["in_registry"] is False and (name["start"], name["end"]) == (100, 113)
    assert text[found[("number", "3 million")]["start"] - 100:found[("number", "3 million")]["end"] - 100] == "3 million"


def test_a_single_capitalised_word_opening_a_sentence_or_a_demonym_is_not_a_name():
    values = [f["value"] for f in facts.sentence_facts("Officials met Russian envoys.", 0, None)]
    assert values == []


def test_seed_facts_match_the_issue(seed_comparison):
    table = seed_comparison["facts"]
    outlets = table.groupby(["kind", "value"])["article_id"].agg(lambda s: set(s))
    assert outlets[("number", "24 years")] == {SEED_1, SEED_2}
    assert outlets[("date", "1961, 2000, and 2001")] == {SEED_2}
    assert outlets[("outlet", "tass")] == {SEED_2}
    assert outlets[("person", "yuri-ushakov")] == {SEED_1}
    assert outlets[("organisation", "un-panel-of-experts")] == {SEED_1}
    tass = table[table["value"] == "tass"].iloc[0]
    assert tass["only_outlet"] == "Pulse Nigeria" and tass["n_outlets"] == 1


# --- alignment ----------------------------------------------------------------------------------

def test_identical_sentences_in_two_articles_score_one_and_same_article_never_pairs():
    texts = ["Putin arrived in Pyongyang on Wednesday.", "Putin arrived in Pyongyang on Wednesday.",
             "Putin arrived in Pyongyang on Wednesday.", "The weather was cold."]
    pairs = align.align_sentences(texts, ["a", "b", "b", "b"], threshold=0.5)
    assert sorted(zip(pairs["i"], pairs["j"])) == [(0, 1), (0, 2)]
    assert pairs["score"].tolist() == pytest.approx([1.0, 1.0], abs=1e-4)


def test_seed_alignment_pairs_the_shared_statements(seed_comparison):
    table = seed_comparison["alignment"]
    matches = table[table["kind"] == "match"]
    pairs = [(a, b) for a, b in zip(matches["text_a"], matches["text_b"])]
    assert any("his first in 24 years" in a and "first visit to North Korea in 24 years" in b for a, b in pairs)
    assert any("expresses full support and solidarity" in a and "full support and solidarity with" in b
               for a, b in pairs)
    for row in matches.itertuples():
        assert row.article_id_a != row.article_id_b and row.score >= align.ALIGN_THRESHOLD


def test_seed_alignment_lists_ushakov_and_un_panel_as_the_first_seeds_alone(seed_comparison):
    table = seed_comparison["alignment"]
    unique = table[table["kind"] == "unique"]
    first = unique[unique["article_id_a"] == SEED_1]["text_a"].tolist()
    assert any("Yuri Ushakov" in t and "agenda" in t for t in first)
    assert any("vetoed a UN panel" in t for t in first)
    matched = set(table.loc[table["kind"] == "match", "text_a"]) | set(table.loc[table["kind"] == "match", "text_b"])
    assert not any("Ushakov" in t or "vetoed" in t for t in matched)


def test_alignment_evidence_offsets_point_at_the_sentences(seed_comparison, seed_tables):
    sentences = seed_tables["sentences"].set_index("sentence_id")
    for row in seed_comparison["alignment"].itertuples():
        assert sentences.loc[row.sentence_id_a, "start"] == row.start_a
        assert sentences.loc[row.sentence_id_a, "text"] == row.text_a


def test_threshold_is_settable(seed_tables):
    strict = compare.compare_corpus(seed_tables, Context(Options(params={"align_threshold": 0.99}),
                                                         default_registry()))
    assert (strict["alignment"]["kind"] == "match").sum() == 0


# --- syndication and events ---------------------------------------------------------------------

WIRE = ("Russian President Vladimir Putin arrived in Pyongyang early on Wednesday for his first visit "
        "in 24 years. The two leaders signed a new strategic partnership treaty at the Kumsusan Palace. "
        "Officials said the treaty replaces agreements from 1961, 2000 and 2001.")
OTHER = ("South Korea summoned the Russian ambassador on Thursday. Seoul said it would review its "
         "policy on arms supplies to Ukraine after the treaty was published.")


def _tables(rows) -> dict[str, pd.DataFrame]:
    """articles and sentences tables from (article_id, outlet, title, event, [sentences])."""
    articles, sentences = [], []
    for aid, outlet, title, event, body in rows:
        articles.append({"article_id": aid, "outlet": outlet, "title": title, "event": event,
                         "n_words": sum(len(s.split()) for s in body), "n_sentences": len(body)})
        position = 0
        for n, text in enumerate(body):
            sentences.append({"article_id": aid, "sentence_id": f"{aid}:s{n}", "start": position,
                              "end": position + len(text), "text": text, "role": "body"})
            position += len(text) + 1
    return {"articles": pd.DataFrame(articles), "sentences": pd.DataFrame(sentences)}


def _split(text: str) -> list[str]:
    return [s.strip() + "." for s in text.split(".") if s.strip()]


def test_two_copies_under_different_outlets_and_headlines_are_syndicated():
    tables = _tables([("w1", "Wire Daily", "Putin lands in Pyongyang", "", _split(WIRE)),
                      ("w2", "Herald", "Treaty signed in North Korea", "", _split(WIRE)),
                      ("o1", "Seoul Times", "Seoul reacts", "", _split(OTHER))])
    result = compare.compare_corpus(tables, Context(Options(), default_registry()))
    table = result["syndication"]
    copy = table[(table["article_id_a"] == "w1") & (table["article_id_b"] == "w2")].iloc[0]
    assert bool(copy["syndicated"]) and copy["containment"] == 1.0 and copy["source_id"] == "w1"
    assert not table.loc[table["article_id_b"] == "o1", "syndicated"].any()
    alignment = result["alignment"]
    copies = alignment[alignment["kind"] == "match"]
    assert copies["same_source"].all() and len(copies) == 3
    # counted as one source: the wire story's sentences are unique to it, in both copies
    assert set(alignment.loc[alignment["kind"] == "unique", "article_id_a"]) >= {"w1", "w2"}
    summary = result["summary"].set_index("outlet")
    assert summary.loc["Herald", "n_syndicated"] == 1 and summary.loc["Seoul Times", "n_syndicated"] == 0
    # changed on purpose (issue 18): a copy counts at its story's original, so Herald, whose only
    # article is the copy, has no sentences of its own (was shared_share 0.0)
    assert summary.loc["Wire Daily", "shared_share"] == 0.0
    assert pd.isna(summary.loc["Herald", "shared_share"]) and summary.loc["Herald", "n_copies"] == 1
    assert summary.loc["Herald", "copies_of"] == "Wire Daily"


def test_events_are_compared_separately():
    tables = _tables([("a", "A", "", "summit", _split(WIRE)), ("b", "B", "", "other", _split(WIRE))])
    result = compare.compare_corpus(tables, Context(Options(), default_registry()))
    assert (result["alignment"]["kind"] == "match").sum() == 0
    assert result["syndication"].empty
    assert set(result["alignment"]["event"]) == {"summit", "other"}


def test_comparison_blocks_cut_a_large_event_in_publication_order():
    articles = pd.DataFrame({"article_id": [f"a{k}" for k in range(7)] + ["x"],
                             "event": ["big"] * 7 + ["small"],
                             "published": ["2024-06-03", "", "2024-06-01", "2024-06-02",
                                           "2024-06-01", "2024-06-05", "2024-06-04", ""]})
    blocks = compare.comparison_blocks(articles, max_articles=3)
    by_article = dict(zip(articles["article_id"], blocks))
    # date order a2 a4 a3 a0 a6 a5 a1 (undated last); at most 3 per block, at least 2: with so
    # small a limit every article is an anchor, and the last single article joins its neighbours
    assert [sorted(a for a, b in by_article.items() if b == k) for k in range(3)] == [
        ["a2", "a4"], ["a0", "a3"], ["a1", "a5", "a6"]]
    assert by_article["x"] == 3  # the next event starts a new block
    assert set(compare.comparison_blocks(articles, max_articles=0)) == {0, 1}  # 0 = never cut
    assert set(compare.comparison_blocks(articles, max_articles=7)) == {0, 1}  # fits in one


def _block_sets(ids: list[str], max_articles: int) -> list[frozenset]:
    starts = compare.block_starts(ids, max_articles)
    return [frozenset(ids[a:b]) for a, b in zip(starts, starts[1:] + [len(ids)])]


def test_block_sizes_stay_between_half_and_the_whole_limit():
    ids = [f"art-{k:05d}" for k in range(5000)]
    sizes = [len(b) for b in _block_sets(ids, 500)]
    assert sum(sizes) == 5000
    assert max(sizes) <= 500 and min(sizes) >= 250
    assert 0.55 * 500 < sum(sizes) / len(sizes) < 0.9 * 500  # about 0.7 of the limit on average


def test_inserted_articles_change_only_the_blocks_around_them():
    import random

    ids = [f"art-{k:05d}" for k in range(10_000)]
    before = _block_sets(ids, 500)
    grown = list(ids)
    rng = random.Random(3)
    for n in range(3):
        grown.insert(rng.randrange(len(grown)), f"new-{n}")
    after = _block_sets(grown, 500)
    kept = set(before) & set(after)
    # each insertion may move the cuts of its block and of the next ones up to an anchor (or the
    # end); every other block keeps the same articles, so its cached comparison is reused
    assert len(before) - len(kept) <= 2 * 3
    # near-equal blocks (cut by position) would have moved every cut after the first insertion
    assert len(set(_equal_blocks(ids, len(before))) & set(_equal_blocks(grown, len(before)))) < len(kept)


def _equal_blocks(ids: list[str], n: int) -> list[frozenset]:
    return [frozenset(ids[k * len(ids) // n:(k + 1) * len(ids) // n]) for k in range(n)]


def test_a_split_event_is_compared_within_blocks_and_says_so():
    rows = [(f"w{k}", f"Outlet {k}", "", "summit", _split(WIRE)) for k in range(4)]
    tables = _tables(rows)
    whole = compare.compare_corpus(tables, Context(Options(), default_registry()))
    split = compare.compare_corpus(tables, Context(Options(params={"compare_block_articles": 2}),
                                                   default_registry()))
    pairs = lambda t: set(zip(t["article_id_a"], t["article_id_b"]))  # noqa: E731
    assert pairs(whole["syndication"]) == {(a, b) for a in ("w0", "w1", "w2", "w3")
                                           for b in ("w0", "w1", "w2", "w3") if a < b}
    assert pairs(split["syndication"]) == {("w0", "w1"), ("w2", "w3")}
    matched = split["alignment"][split["alignment"]["kind"] == "match"]
    assert pairs(matched) == {("w0", "w1"), ("w2", "w3")}
    notes = split["comparison_notes"]
    assert notes["message"].str.contains("compared in 2 blocks of at most 2").any()
    # the summary adds the blocks up: every story's sentences are counted once, at its original
    # (changed on purpose, issue 18: w1 and w3 are copies, counted apart, no longer 4 x 3 sentences)
    summary = split["summary"].set_index("outlet")
    assert summary["n_sentences"].astype(float).fillna(0).tolist() == [len(_split(WIRE)), 0, len(_split(WIRE)), 0]
    assert summary["n_copies"].tolist() == [0, 1, 0, 1]
    assert summary["n_syndicated"].tolist() == [1, 1, 1, 1]


def _cached_context(tmp_path, **params) -> Context:
    from analysis.core.cache import ArticleCache

    return Context(Options(params=params), default_registry(),
                   cache=ArticleCache(tmp_path / "cache", code="test-code"))


def test_unchanged_blocks_come_from_the_cache_with_the_same_tables(tmp_path):
    rows = [(f"w{k}", f"Outlet {k % 3}", "", "summit", _split(WIRE if k % 2 else OTHER))
            for k in range(8)]
    tables = _tables(rows)
    plain = compare.compare_corpus(tables, Context(Options(params={"compare_block_articles": 4}),
                                                   default_registry()))
    context = _cached_context(tmp_path, compare_block_articles=4)
    first = compare.compare_corpus(tables, context)
    n_blocks = compare.comparison_blocks(tables["articles"].assign(event="summit"), 4).nunique()
    assert n_blocks == 4  # 8 articles: a limit of 4 cuts blocks of 2 (every article an anchor)
    assert (context.cache.result_hits, context.cache.result_misses) == (0, n_blocks)
    second = compare.compare_corpus(tables, context)
    assert (context.cache.result_hits, context.cache.result_misses) == (n_blocks, n_blocks)
    for name in plain:
        pd.testing.assert_frame_equal(first[name], plain[name])
        pd.testing.assert_frame_equal(second[name], plain[name])


def test_a_changed_sentence_recomputes_its_block_only_and_options_recompute_all(tmp_path):
    rows = [(f"w{k}", f"Outlet {k % 3}", "", "summit", _split(WIRE)) for k in range(8)]
    tables = _tables(rows)
    context = _cached_context(tmp_path, compare_block_articles=4)
    compare.compare_corpus(tables, context)
    edited = {name: frame.copy() for name, frame in tables.items()}
    edited["sentences"].loc[0, "text"] = "Putin arrived in Pyongyang on Wednesday."
    context.cache.result_hits = context.cache.result_misses = 0
    result = compare.compare_corpus(edited, context)
    assert (context.cache.result_hits, context.cache.result_misses) == (3, 1)  # of 4 blocks
    assert "Putin arrived in Pyongyang on Wednesday." in set(result["alignment"]["text_a"])
    stricter = _cached_context(tmp_path, compare_block_articles=4, align_threshold=0.9)
    compare.compare_corpus(edited, stricter)
    assert (stricter.cache.result_hits, stricter.cache.result_misses) == (0, 4)


def test_blocks_computed_on_two_processes_give_the_same_tables_in_the_same_order(tmp_path,
                                                                                monkeypatch):
    submitted = []
    submit = compare._Computed._submit
    monkeypatch.setattr(compare._Computed, "_submit",
                        lambda self, block: submitted.append(block.event) or submit(self, block))
    rows = [(f"w{k}", f"Outlet {k % 3}", "", "summit" if k < 6 else "fire",
             _split(WIRE if k % 2 else OTHER)) for k in range(10)]
    tables = _tables(rows)
    one = compare.compare_corpus(tables, Context(Options(params={"compare_block_articles": 4}),
                                                 default_registry()))
    assert not submitted  # one process: nothing sent to a worker
    two = compare.compare_corpus(tables, Context(Options(params={"compare_block_articles": 4}),
                                                 default_registry(), jobs=2))
    assert sorted(set(submitted)) == ["fire", "summit"] and len(submitted) >= 3  # every block
    for name in one:
        pd.testing.assert_frame_equal(two[name], one[name], check_exact=True)
    # blocks from the cache and blocks from the workers, mixed, in the same order
    context = _cached_context(tmp_path, compare_block_articles=4)
    first = compare.compare_corpus(tables, context)
    edited = {name: frame.copy() for name, frame in tables.items()}
    edited["sentences"].loc[0, "text"] = "The ferry left Tessam at dawn on Tuesday."
    context.jobs = 2
    n_submitted = len(submitted)
    context.cache.result_hits = context.cache.result_misses = 0
    mixed = compare.compare_corpus(edited, context)
    assert context.cache.result_misses == 1 and context.cache.result_hits >= 2
    assert len(submitted) == n_submitted + 1  # only the changed block went to a worker
    serial = compare.compare_corpus(edited, Context(Options(params={"compare_block_articles": 4}),
                                                    default_registry()))
    for name in one:
        pd.testing.assert_frame_equal(first[name], one[name], check_exact=True)
        pd.testing.assert_frame_equal(mixed[name], serial[name], check_exact=True)


def test_shingle_containment_of_a_trimmed_copy():
    rows = syndication.compare_bodies({"a": "one two three four five six seven",
                                       "b": "one two three four five six"})
    assert rows == [{"article_id_a": "a", "article_id_b": "b", "shared_shingles": 2,
                     "containment": 1.0, "resemblance": round(2 / 3, 4)}]


# --- robustness when upstream tables are missing -------------------------------------------------

def test_missing_upstream_tables_are_said_not_invented(seed_tables):
    upstream = ("quotes", "voice_sentiment", "readability", "sentiment_articles", "frames_articles",
                "naming", "sources", "citation_chains")
    tables = {k: v for k, v in seed_tables.items() if k not in upstream}
    result = compare.compare_corpus(tables, Context(Options(), default_registry()))
    notes = result["comparison_notes"].set_index("piece")
    assert result["quote_matches"].empty
    assert notes.loc["quote_matches", "status"] == "missing"
    for piece in ("summary.readability", "summary.sentiment", "summary.voice", "summary.frame",
                  "summary.naming", "summary.n_sources", "summary.n_citation_chains"):
        assert notes.loc[piece, "status"] == "missing", piece
    summary = result["summary"]
    for column in ("n_quote_matches", "reading_ease", "sentiment_own", "dominant_frame", "n_sources"):
        assert summary[column].isna().all(), column
    assert summary["n_facts"].notna().all() and summary["shared_share"].notna().all()


def test_seed_quote_matches_pair_kims_quotation_with_both_halves(seed_comparison):
    found = seed_comparison["quote_matches"]
    kim = found[(found["article_id_a"] == SEED_1) & (found["article_id_b"] == SEED_2)
                & found["text_a"].str.startswith("expresses full support")]
    assert sorted(kim["text_b"].str[:20]) == ["full support and sol", "to protect its own s"]
    assert set(kim["match_kind"]) <= {"variant", "fragment"}
    assert kim["diff"].str.contains(r"\{\+").all()


def test_comparison_with_quotes_fills_the_summary(seed_tables):
    tables = dict(seed_tables)
    tables["quotes"] = _quotes((SEED_1, f"{SEED_1}:q0", KIM_WHOLE, "kim-jong-un"),
                               (SEED_2, f"{SEED_2}:q0", KIM_PART_1, "kim-jong-un"),
                               (SEED_2, f"{SEED_2}:q1", KIM_PART_2, "kim-jong-un"))
    result = compare.compare_corpus(tables, Context(Options(), default_registry()))
    summary = result["summary"].set_index("outlet")
    assert summary.loc["Benzinga", "n_quote_matches"] == 2
    assert summary.loc["Pulse Nigeria", "n_quote_matches"] == 2


# --- voice split --------------------------------------------------------------------------------

def test_voice_pieces_are_cut_at_sentence_boundaries():
    text = "He said it was great. It was bad."
    spans = [{"voice": "quoted", "start": 8, "end": 28}, {"voice": "own", "start": 0, "end": 8}]
    pieces = voice_sentiment.voice_pieces(text, [(0, 21), (22, 33)], spans)
    assert pieces == [("quoted", "it was great."), ("quoted", "It was"), ("own", "He said ")]


def test_quoted_praise_scores_warmer_than_own_criticism():
    scored = voice_sentiment.score_voices([("quoted", "a wonderful, great and friendly meeting"),
                                      ("own", "a terrible, violent war")])
    assert scored["quoted"]["compound"] > 0 > scored["own"]["compound"]
    assert scored["quoted"]["n_words"] == 6


def test_seed_run_writes_every_comparison_table(seed_tables):
    for name in ("alignment", "syndication", "facts", "quote_matches", "summary", "comparison_notes"):
        assert name in seed_tables
    summary = seed_tables["summary"].set_index("outlet")
    assert sorted(summary.index) == ["Benzinga", "Pulse Nigeria"]
    assert summary.loc["Benzinga", "words_per_article"] == seed_tables["articles"].set_index(
        "article_id").loc[SEED_1, "n_words"]


def test_fact_matrix_counts_mentions_per_outlet():
    found = pd.DataFrame({"kind": ["number", "number", "outlet"], "value": ["24 years", "24 years", "tass"],
                          "text": ["24 years", "24 years", "TASS"], "outlet": ["A", "B", "B"],
                          "fact_id": ["a:f0", "b:f0", "b:f1"]})
    matrix = facts.fact_matrix(found).set_index("value")
    assert matrix.loc["tass", "as_written"] == "TASS"
    assert (matrix.loc["tass", "A"], matrix.loc["tass", "B"]) == (0, 1)
    assert (matrix.loc["24 years", "A"], matrix.loc["24 years", "B"]) == (1, 1)


def test_a_seed_republished_under_another_outlet_and_headline_is_syndicated(tmp_path):
    from analysis.run.pipeline import analyze
    from tests.conftest import SEED_CORPUS

    for name in (f"{SEED_1}.txt", f"{SEED_2}.txt"):
        (tmp_path / name).write_bytes((SEED_CORPUS / name).read_bytes())
    (tmp_path / "copy.txt").write_bytes((SEED_CORPUS / f"{SEED_1}.txt").read_bytes())
    (tmp_path / "manifest.csv").write_text(
        "source_file,article_id,outlet,title,language\n"
        f"{SEED_1}.txt,{SEED_1},Benzinga,,en\n"
        f"{SEED_2}.txt,{SEED_2},Pulse Nigeria,,en\n"
        "copy.txt,copy,Copycat Daily,Kim backs Moscow in Pyongyang talks,en\n", encoding="utf-8")
    tables = analyze(tmp_path).tables
    pairs = tables["syndication"].set_index(["article_id_a", "article_id_b"])
    assert bool(pairs.loc[(SEED_1, "copy"), "syndicated"])
    assert not pairs["syndicated"].drop(index=(SEED_1, "copy")).any()
    summary = tables["summary"].set_index("outlet")
    assert summary.loc["Copycat Daily", "n_syndicated"] == 1 and summary.loc["Pulse Nigeria", "n_syndicated"] == 0
    # counted as one source: the Ushakov sentence, carried by both copies, is still unique
    unique = tables["alignment"].query("kind == 'unique'")
    assert unique["text_a"].str.contains("Yuri Ushakov").sum() == 2


def test_pairs_below_the_reporting_floor_are_not_listed():
    import pandas as pd

    shared = "the two leaders signed a treaty of comprehensive strategic partnership in the capital"
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"],
                             "title": ["", "", ""]})
    wire = shared + " " + " ".join(f"wire{i}" for i in range(60))
    own = shared[:40] + " " + " ".join(f"own{i}" for i in range(200))  # 3 shared 5-grams of ~70
    sentences = pd.DataFrame({"article_id": ["a", "b", "c"], "role": ["body"] * 3,
                              "text": [wire, wire, own]})
    table, _ = syndication.syndication_table(articles, sentences, "e")
    assert table[["article_id_a", "article_id_b"]].values.tolist() == [["a", "b"]]
    assert syndication.SYNDICATION_REPORT_FLOOR == 0.2


def test_summary_counts_distinct_sources_per_outlet():
    # issue 14 item 5, on purpose: n_sources was the number of per-article `sources` rows (10 for
    # the Gazette, whose two articles cite Helen Okafor and Martin Sorensen in both); now each
    # entity counts once per outlet, a surname under the full name the event links it to. The
    # wire story is counted at its original (Metro Daily), not at the Valley Times reprint.
    from pathlib import Path

    from analysis.run.pipeline import analyze

    tables = analyze(Path(__file__).resolve().parents[1] / "fixtures" / "wrenfield-derailment").tables
    summary = tables["summary"].set_index("outlet")["n_sources"].to_dict()
    assert summary == {"Wrenfield Gazette": 8, "Metro Daily": 9, "Valley Times": 4}


def test_distinct_sources_read_in_parts_give_the_whole_tables_counts(monkeypatch):
    """distinct_source_counts reads sources and mentions SOURCE_PART_ARTICLES articles at a
    time: one article a part gives the counts of the whole table, surnames still linked."""
    from pathlib import Path

    from analysis.compare import summary as module
    from analysis.run.pipeline import analyze

    tables = analyze(Path(__file__).resolve().parents[1] / "fixtures" / "wrenfield-derailment").tables
    outlets = tables["articles"].set_index("article_id")["outlet"]
    whole = module.distinct_source_counts(tables, outlets)
    assert whole["n"].to_dict() == {"Metro Daily": 9, "Valley Times": 7, "Wrenfield Gazette": 8}
    monkeypatch.setattr(module, "SOURCE_PART_ARTICLES", 1)
    pd.testing.assert_frame_equal(module.distinct_source_counts(tables, outlets), whole)
    copies = set(tables["stories"].loc[tables["stories"]["role"] == "copy", "article_id"])
    assert copies and module.distinct_source_counts(tables, outlets, copies)["n"].to_dict() == {
        "Metro Daily": 9, "Valley Times": 4, "Wrenfield Gazette": 8}
