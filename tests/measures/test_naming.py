"""Naming choices by voice: the acceptance split on the seeds, and labels that must not hit."""

import pandas as pd

from analysis.core.config import resource
from analysis.measures.naming import find_labels, naming_table, read_concepts
from tests.conftest import SEED_1, SEED_2, SEED_CORPUS

SUMMIT_CONCEPTS = str(SEED_CORPUS / "concepts.csv")  # the bundled corpus carries the summit's


def _labels(text):
    return [(c, lab, m) for c, lab, _, _, m in find_labels(text, read_concepts(SUMMIT_CONCEPTS))]


def test_labels_are_phrases_not_common_words():
    assert _labels("The two leaders met in Pyongyang despite the various crises they face.") == []
    assert _labels("North Korea's leader Kim Jong Un") == [
        ("Kim Jong Un", "North Korea's leader", "North Korea's leader"),
        ("Kim Jong Un", "Kim Jong Un", "Kim Jong Un")]
    assert _labels("a UN panel that overlooked Kim‘s country") == [
        ("North Korea", "Kim's country", "Kim‘s country")]
    assert _labels("the chairman of the board") == []
    assert _labels("Chairman Kim") == [("Kim Jong Un", "Chairman", "Chairman")]
    assert _labels("North Korean troops") == []
    assert _labels("prior agreements in 1961") == []


def _voices(naming, article_id, concept):
    rows = naming[(naming["article_id"] == article_id) & (naming["concept"] == concept)]
    return {(r.label, r.voice): r.count for r in rows.itertuples()}


def test_seed_one_war_own_and_special_military_operation_only_quoted(seed_tables):
    war = _voices(seed_tables["naming"], SEED_1, "the war")
    assert war.get(("war", "own")) == 1
    assert [v for (label, v) in war if label == "special military operation"] == ["quoted"]


def test_seed_two_own_voice_labels(seed_tables):
    war = _voices(seed_tables["naming"], SEED_2, "the war")
    for label in ("intervention", "war", "the Ukraine issue"):
        assert war.get((label, "own"), 0) >= 1, label
    row = seed_tables["naming"]
    row = row[(row["article_id"] == SEED_2) & (row["label"] == "war")].iloc[0]
    sentences = seed_tables["sentences"].set_index("sentence_id")
    assert "Moscow war in Ukraine" in sentences.loc[row["sentence_ids"], "text"]


def test_no_label_from_leaders_pyongyang_or_crises(seed_tables):
    naming = seed_tables["naming"]
    matches = " | ".join(naming["matches"]).lower()
    assert "leaders" not in matches and "pyongyang" not in matches and "crises" not in matches
    assert set(naming["voice"]) <= {"own", "quoted", "reported"}


def test_naming_spans_point_at_the_matches(seed_tables, seed_corpus):
    from analysis.corpus.load import iter_corpus
    from analysis.run.article import prepare

    docs = {d.article_id: d for d in map(prepare, iter_corpus(seed_corpus))}
    for row in seed_tables["naming"].itertuples():
        found = {docs[row.article_id].text[int(a):int(b)]
                 for a, b in (s.split("-") for s in row.spans.split(";"))}
        assert found == set(row.matches.split(" | "))


def test_headline_table(seed_tables):
    table = naming_table(seed_tables["naming"], seed_tables["articles"])
    assert list(table.columns) == ["concept", "label", "outlet", "own", "quoted", "reported", "total"]
    smo = table[table["label"] == "special military operation"].iloc[0]
    assert (smo["own"], smo["quoted"], smo["outlet"]) == (0, 1, "Benzinga")


def test_label_cues_map_keys_back_to_concept_and_label():
    from analysis.measures.naming import label_cues, label_key

    concepts = read_concepts(SUMMIT_CONCEPTS)
    concept_of, cues = label_cues(concepts)
    assert label_cues(concepts)[1] is cues  # compiled once
    assert len(cues.entries) == len(concepts)
    assert all(concept_of[label_key(c, lab)] == (c, lab) for c, lab, _ in concepts)


def _general(text):
    return [(c, lab, m) for c, lab, _, _, m in find_labels(text, read_concepts())]


def test_general_concepts_name_contested_labels():
    assert _general("Police said the protesters were rioters.") == [
        ("protest", "protest", "protesters"), ("protest", "riot", "rioters")]
    assert _general("Illegal immigrants and asylum seekers crossed the border.") == [
        ("migrant", "illegal immigrant", "Illegal immigrants"),
        ("migrant", "asylum seeker", "asylum seekers")]
    assert _general("The regime said militants killed two soldiers.") == [
        ("government", "regime", "regime"), ("armed group member", "militant", "militants"),
        ("deaths", "killed", "killed")]
    # labels that must not hit
    for text in ("He declared a conflict of interest.", "The race is a dead heat.",
                 "Two fighter jets flew over.", "It was a war of words.", "offensive remarks"):
        assert _general(text) == [], text
    listed = pd.read_csv(resource("concepts.csv"), keep_default_na=False)
    cited = listed.groupby("concept")["source"].apply(lambda s: (s != "").any())
    assert cited.all(), cited[~cited]  # every concept cites its study or style guide


def test_corpus_concept_wins_over_a_general_one_on_the_same_text():
    from analysis.measures.naming import corpus_concepts

    concepts = corpus_concepts(SEED_CORPUS)
    assert {c for c, _, _ in concepts} >= {"the war", "Kim Jong Un", "armed conflict", "protest"}
    assert [(c, lab) for c, lab, *_ in find_labels("the war in Ukraine", concepts)] == [
        ("the war", "war")]
    assert [(c, lab) for c, lab, *_ in find_labels("the war in Ukraine", read_concepts())] == [
        ("armed conflict", "war")]


def test_other_event_gets_general_concepts_and_no_summit_concept(tmp_path):
    from analysis.run.pipeline import analyze
    from tests.measures.test_framing import write_fire_corpus

    naming = analyze(write_fire_corpus(tmp_path / "fire")).tables["naming"]
    assert set(naming["concept"]) <= {c for c, _, _ in read_concepts()}  # no summit concept
    found = {(r.concept, r.label, r.voice) for r in naming.itertuples()}
    assert {("deaths", "killed", "own"), ("deaths", "died", "own"),
            ("protest", "protest", "own")} <= found


def test_when_no_concept_matches_the_report_says_how_to_add_one():
    from analysis.measures.naming import no_concepts_message

    empty = pd.DataFrame(columns=["article_id", "concept", "label", "voice", "count"])
    message = no_concepts_message(empty, read_concepts())
    assert message.startswith("No label of the ") and "concepts.csv" in message
    assert "concept,label,cue,note" in message and "armed conflict" in message
    some = pd.DataFrame([{"article_id": "a", "concept": "deaths", "label": "died", "voice": "own",
                          "count": 1}])
    assert no_concepts_message(some) == ""
