"""Syndication as stories: a wire story and its reprints are one story, counted once."""

from __future__ import annotations

import pandas as pd

from analysis.run.pipeline import Context, Options, load_stage_modules  # noqa: E402

load_stage_modules()  # register every table in stage order before this file's imports do it

from analysis.compare import stage as compare  # noqa: E402
from analysis.compare import syndication  # noqa: E402
from analysis.entities.registry import default_registry  # noqa: E402

WIRE = ["Russian President Vladimir Putin arrived in Pyongyang early on Wednesday for his first visit in 24 years.",
        "The two leaders signed a new strategic partnership treaty at the Kumsusan Palace.",
        "Officials said the treaty replaces agreements signed in the years after the war.",
        "Putin thanked his host for a warm welcome in the North Korean capital."]
OWN = ["Seoul summoned the Russian ambassador on Thursday over the new treaty.",
       "Putin arrived in Pyongyang early on Wednesday for his first visit in 24 years, officials in Seoul noted.",
       "South Korea said it would review its policy on arms supplies to Ukraine."]
OWN_AGAIN = ["Seoul summoned the Russian ambassador on Thursday over the new treaty.",
             "Analysts in Seoul expect more talks with Washington next week."]
PUTIN = "We highly appreciate your unwavering support for Russian policy, including on the Ukrainian issue"
PUTIN_REWORDED = "We appreciate your unwavering support for our policy, including on Ukraine"

# An agency story (Associated Press, 08:15 UTC) and four later copies under new headlines; the last
# copy gives its time in +02:00 (10:00 UTC). Article ids are chosen so that the agency's is NOT the
# smallest: the original must come from the publication time, not from the id.
AGENCY_STORY = [
    ("z-ap", "Associated Press", "Putin lands in Pyongyang", "2024-06-19T08:15:00Z", WIRE),
    ("a-herald", "Herald", "Putin in North Korea", "2024-06-19T09:00:00Z", WIRE),
    ("b-times", "Times", "Treaty signed in Pyongyang", "2024-06-19T09:30:00Z", WIRE),
    ("c-post", "Post", "Kim hosts Putin", "2024-06-19T12:00:00+02:00", WIRE[:3]),
    ("d-gazette", "Gazette", "A new treaty", "2024-06-19T10:05:00Z", WIRE),
]
INDEPENDENT = [("o-seoul", "Seoul Times", "Seoul reacts", "2024-06-19T11:00:00Z", OWN),
               ("p-seoul", "Seoul Times", "More talks", "2024-06-20T07:00:00Z", OWN_AGAIN)]


def _tables(rows, quotes=()) -> dict[str, pd.DataFrame]:
    articles, sentences = [], []
    for aid, outlet, title, published, body in rows:
        articles.append({"article_id": aid, "outlet": outlet, "title": title, "published": published,
                         "event": "summit", "n_words": sum(len(s.split()) for s in body),
                         "n_sentences": len(body), "language": "en"})
        position = 0
        for n, text in enumerate(body):
            sentences.append({"article_id": aid, "sentence_id": f"{aid}:s{n}", "start": position,
                              "end": position + len(text), "text": text, "role": "body"})
            position += len(text) + 1
    tables = {"articles": pd.DataFrame(articles), "sentences": pd.DataFrame(sentences)}
    if quotes:
        tables["quotes"] = pd.DataFrame(quotes, columns=["article_id", "quote_id", "text", "speaker"])
    return tables


def _compare(rows, quotes=()) -> dict[str, pd.DataFrame]:
    return compare.compare_corpus(_tables(rows, quotes), Context(Options(), default_registry()))


def test_an_agency_story_and_four_later_copies_are_one_story_with_the_agency_as_original():
    result = _compare(AGENCY_STORY + INDEPENDENT)
    stories = result["stories"]
    assert set(stories["story_id"]) == {"z-ap"}
    # original first, then the copies in publication order (c-post's 12:00+02:00 is 10:00 UTC)
    assert stories["article_id"].tolist() == ["z-ap", "a-herald", "b-times", "c-post", "d-gazette"]
    assert stories["role"].tolist() == ["original", "copy", "copy", "copy", "copy"]
    assert stories["n_copies"].tolist() == [4] * 5 and stories["n_outlets"].tolist() == [5] * 5
    contained = stories.set_index("article_id")["containment"]
    assert contained["z-ap"] == 1.0 and contained["c-post"] == 1.0  # a trimmed copy: all of it is in the original
    # the pairs stay listed as evidence: 10 pairs among 5 copies, all of the one story
    pairs = result["syndication"]
    copies = pairs[pairs["syndicated"]]
    assert len(copies) == 10 and set(copies["source_id"]) == {"z-ap"}
    # Seoul Times quotes one sentence of the story: listed (over 20% of its 5-grams), not a copy
    others = pairs[~pairs["syndicated"]]
    assert set(others["article_id_a"]) | set(others["article_id_b"]) >= {"o-seoul"}
    assert (others["containment"] < syndication.SYNDICATION_CONTAINMENT).all() and (others["source_id"] == "").all()


def test_the_story_list_shows_one_story_with_its_copies():
    listed = syndication.story_list(_compare(AGENCY_STORY + INDEPENDENT)["stories"])
    assert len(listed) == 1
    story = listed.iloc[0]
    assert (story["outlet"], story["title"], story["n_copies"]) == ("Associated Press", "Putin lands in Pyongyang", 4)
    assert story["copies"] == ("Herald (2024-06-19T09:00:00Z); Times (2024-06-19T09:30:00Z); "
                               "Post (2024-06-19T12:00:00+02:00); Gazette (2024-06-19T10:05:00Z)")
    assert story["min_containment"] == 1.0
    assert syndication.story_list(_compare(INDEPENDENT)["stories"]).empty


def test_outlet_measures_count_the_story_once_and_show_the_copies_apart():
    result = _compare(AGENCY_STORY + INDEPENDENT)
    summary = result["summary"].set_index("outlet")
    assert summary.loc["Herald", "n_articles"] == 1 and summary.loc["Herald", "n_copies"] == 1
    assert summary.loc["Herald", "copies_of"] == "Associated Press"
    assert summary.loc["Associated Press", "n_copies"] == 0 and summary.loc["Associated Press", "copies_of"] == ""
    # a copy is left out of its outlet's measures: Herald has no article of its own to measure
    assert pd.isna(summary.loc["Herald", "words_per_article"]) and pd.isna(summary.loc["Herald", "n_sentences"])
    assert summary.loc["Associated Press", "n_sentences"] == len(WIRE)
    # Seoul Times shares the arrival sentence with the story: once, with its original's outlet
    assert summary.loc["Seoul Times", "shared_with"] == "Associated Press"
    assert summary.loc["Associated Press", "shared_with"] == "Seoul Times"
    # the story's facts count one outlet: "24 years" is in the agency's story and in Seoul Times
    facts = result["facts"]
    years = facts[(facts["kind"] == "number") & (facts["value"] == "24 years")]
    assert set(years["n_outlets"]) == {2}
    assert years.set_index("article_id").loc["a-herald", "in_copy"]


def test_an_outlet_never_shares_content_with_itself():
    reworded = ("Analysts in Seoul expect more talks with Washington, a researcher at a think tank "
                "in Busan said on Friday.")
    result = _compare(INDEPENDENT + [("x-other", "Other Daily", "", "2024-06-19", [reworded])])
    assert result["stories"].empty
    summary = result["summary"].set_index("outlet")
    assert "Seoul Times" not in summary.loc["Seoul Times", "shared_with"]
    alignment = result["alignment"]
    # the Seoul Times sentence repeated in its own second article is still unique to the outlet
    unique = alignment[alignment["kind"] == "unique"]
    assert (unique["text_a"] == OWN[0]).sum() == 2
    assert summary.loc["Seoul Times", "shared_with"] == "Other Daily"


def test_quotes_shared_by_copies_are_not_drift_and_the_story_counts_once():
    quotes = [(aid, f"{aid}:q0", PUTIN, "vladimir-putin") for aid, *_ in AGENCY_STORY]
    quotes.append(("o-seoul", "o-seoul:q0", PUTIN_REWORDED, "vladimir-putin"))
    result = _compare(AGENCY_STORY + INDEPENDENT, quotes)
    matches = result["quote_matches"]
    # before stories, the 5 copies gave 10 `exact` matches among themselves and 5 with Seoul Times
    assert len(matches) == 1
    match = matches.iloc[0]
    assert (match["article_id_a"], match["article_id_b"]) == ("o-seoul", "z-ap")
    assert match["match_kind"] == "variant"
    assert match["copies_b"] == "Gazette; Herald; Post; Times" and match["copies_a"] == ""
    summary = result["summary"].set_index("outlet")
    assert summary.loc["Associated Press", "n_quote_matches"] == 1
    assert summary.loc["Herald", "n_quote_matches"] == 0


def test_publication_order_compares_at_the_precision_both_have_and_ties_go_to_the_agency():
    articles = pd.DataFrame({
        "article_id": ["a1", "b2", "c3", "d4", "e5"],
        "outlet": ["Herald", "Reuters", "Times", "Post", "Gazette"],
        "published": ["2024-06-19", "2024-06-19", "2024-06-19T07:00:00Z", "2024-06-18T23:30:00-05:00", ""]})
    order = syndication.publication_order(articles, default_registry())
    # d4 is 04:30 UTC on the 19th: compared by day with a1/b2 (no time) it ties with them, by time
    # with c3 it is earlier. Reuters (news_agency in the registry) wins the ties of the day, then
    # the article id; undated last
    assert order == ["b2", "a1", "d4", "c3", "e5"]
    assert syndication.publication_order(articles, None)[0] == "a1"  # no registry: article id


def test_a_copy_of_a_copy_that_kept_too_little_of_the_original_starts_its_own_story():
    containment = {frozenset(("a", "b")): 0.9, frozenset(("b", "c")): 0.8, frozenset(("a", "c")): 0.3,
                   frozenset(("c", "d")): 0.7}
    members = syndication.story_members(["a", "b", "c", "d"], containment, threshold=0.5)
    assert members == {"a": ("a", 1.0), "b": ("a", 0.9), "c": ("c", 1.0), "d": ("c", 0.7)}


def test_upstream_measures_leave_the_copies_out():
    tables = _tables(AGENCY_STORY + INDEPENDENT)
    # a copy's sentiment would pull its outlet's mean: here every copy scores -0.9, the agency 0.5
    tables["sentiment_articles"] = pd.DataFrame({
        "article_id": [aid for aid, *_ in AGENCY_STORY + INDEPENDENT],
        "mean_compound": [0.5, -0.9, -0.9, -0.9, -0.9, 0.1, 0.3]})
    summary = compare.compare_corpus(tables, Context(Options(), default_registry()))["summary"].set_index("outlet")
    assert summary.loc["Associated Press", "sentiment"] == 0.5
    assert summary.loc["Seoul Times", "sentiment"] == 0.2
    assert summary[["sentiment"]].drop(index=["Associated Press", "Seoul Times"])["sentiment"].isna().all()


# --- compare_bodies: the compact counting gives what counting shingle tuples pair by pair gives ---

def _compare_bodies_by_tuples(bodies: dict[str, str]) -> list[dict]:
    """compare_bodies as first written: a set of shingle tuples per article, an index of holders,
    a count per pair of ids (the reference for the compact version)."""
    from collections import defaultdict
    from itertools import combinations

    sets = {aid: syndication.shingles(text) for aid, text in bodies.items()}
    index = defaultdict(list)
    for aid, found in sets.items():
        for shingle in found:
            index[shingle].append(aid)
    shared = defaultdict(int)
    for holders in index.values():
        if 1 < len(holders) <= syndication.COMMON_SHINGLE_ARTICLES:
            for a, b in combinations(sorted(holders), 2):
                shared[(a, b)] += 1
    rows = []
    for (a, b), n in sorted(shared.items()):
        smaller = min(len(sets[a]), len(sets[b]))
        union = len(sets[a]) + len(sets[b]) - n
        rows.append({"article_id_a": a, "article_id_b": b, "shared_shingles": n,
                     "containment": round(n / smaller, 4) if smaller else 0.0,
                     "resemblance": round(n / union, 4) if union else 0.0})
    return rows


def _made_up_bodies() -> dict[str, str]:
    """Articles drawn from a small vocabulary (so shingles recur), a copied paragraph, a line
    shared by more than COMMON_SHINGLE_ARTICLES articles, short and empty bodies, ids not in
    insertion order."""
    import random

    rng = random.Random(5)
    vocabulary = "river bridge council vote road tunnel ferry harbour mayor budget plan".split()
    common = "read more stories like this on our website every day"
    bodies = {}
    for k in range(70):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(3, 40))]
        text = " ".join(words)
        if k % 10:  # 63 of 70 articles: more than COMMON_SHINGLE_ARTICLES
            text += " " + common
        bodies[f"x{(k * 37) % 70:02d}"] = text
    bodies["y1"] = "the council approved the new ferry timetable on friday morning"
    bodies["y2"] = bodies["y1"] + " after a long debate"
    bodies["z1"], bodies["z2"], bodies["z3"] = "river bridge", "river bridge", ""
    return bodies


def test_compare_bodies_counts_as_the_tuple_index_does():
    bodies = _made_up_bodies()
    expected = _compare_bodies_by_tuples(bodies)
    assert syndication.compare_bodies(bodies) == expected
    assert any(r["containment"] == 1.0 for r in expected) and len(expected) > 100
    assert {("z1", "z2"), ("y1", "y2")} <= {(r["article_id_a"], r["article_id_b"]) for r in expected}


def test_compare_bodies_floor_keeps_the_rows_that_reach_it():
    bodies = _made_up_bodies()
    expected = [r for r in _compare_bodies_by_tuples(bodies) if r["containment"] >= 0.2]
    assert 0 < len(expected) < len(_compare_bodies_by_tuples(bodies))
    assert syndication.compare_bodies(bodies, floor=0.2) == expected
