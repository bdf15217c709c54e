"""The scoring protocol (hand-computed values) and the gold comparison on the seeds."""

import json

import pandas as pd

from analysis.attribution.validation import (
    chars,
    compare_with_gold,
    cue_lemma,
    has_quote_marks,
    match_items,
    normalise_source,
    polnear_figures,
    polnear_validation,
    read_gold,
    score_polnear,
    source_match,
    texts_from_paragraphs,
)
from analysis.entities.registry import default_registry


def test_purity_guard_rejects_a_whole_paragraph_prediction():
    gold = [chars([(10, 20)])]
    assert match_items(gold, [chars([(0, 100)])], 0.8) == {}  # purity 0.1
    assert match_items(gold, [chars([(0, 100)])], 0.8, guard=False) == {0: 0}


def test_coverage_threshold_is_strict():
    gold = [chars([(0, 10)])]
    assert match_items(gold, [chars([(0, 8)])], 0.8) == {}  # coverage exactly 0.8
    assert match_items(gold, [chars([(0, 9)])], 0.8) == {0: 0}


def test_a_prediction_is_used_once():
    gold = [chars([(0, 10)]), chars([(0, 10)])]
    assert match_items(gold, [chars([(0, 10)])], 0.5) == {0: 0}


def test_sources_match_on_jaccard_or_surname():
    assert normalise_source("The New York Post") == "new york post"
    assert source_match("new york post", "york post")  # Jaccard 2/3
    assert source_match("hillary clinton", "clinton")  # surname
    assert not source_match("reuters", "associated press")


def test_cue_lemma_and_quote_mark_test():
    assert cue_lemma("has said") == "say" and cue_lemma("According to") == "according to"
    assert cue_lemma("said:") == "say"  # the colon after a cue is no part of its word
    assert cue_lemma("has voted for") == "vote for"  # the longest phrase of the lexicon
    assert has_quote_marks("he said “yes”") and not has_quote_marks("he said ''yes''")


def test_score_on_a_tiny_polnear_file(tmp_path):
    text = "“We are ready,” Putin said.\n\nPeskov said the talks were useful."
    item = {"doc_id": "d1", "annotator": "x", "n_annotators_for_doc": 1, "text": text,
            "attributions": [
                {"source": [{"start": 16, "end": 21, "text": "Putin"}],
                 "cue": [{"start": 22, "end": 26, "text": "said"}],
                 "content": [{"start": 0, "end": 15, "text": text[0:15]}],
                 "content_has_quote_marks": True},
                {"source": [{"start": 28, "end": 34, "text": "Peskov"}],
                 "cue": [{"start": 35, "end": 39, "text": "said"}],
                 "content": [{"start": 40, "end": 61, "text": text[40:61]}],
                 "content_has_quote_marks": False}]}
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(item) + "\n", encoding="utf-8")
    figures, disagreements = polnear_validation(str(path), default_registry())
    values = dict(zip(figures.measure, figures.value))
    assert values["quoted_f1"] == 1.0 and values["speaker_accuracy"] == 1.0
    assert values["indirect_recall"] == 1.0 and values["cue_accuracy"] == 1.0
    assert disagreements.empty
    counts = score_polnear([item], default_registry())
    assert polnear_figures(counts)["cited_source_f1"] == 1.0


def test_gold_file_and_comparison_on_the_seeds(seed_tables):
    gold = read_gold()
    assert {"article_id", "speaker", "cue", "kind", "content"} <= set(gold.columns)
    texts = texts_from_paragraphs(seed_tables["paragraphs"])
    for article_id, content in zip(gold.article_id, gold.content):
        assert content in texts[article_id], content  # every gold content is verbatim text
    comparison = compare_with_gold(gold, seed_tables["attributions"], texts)
    assert set(comparison.status) <= {"agree", "missed", "other speaker", "other cue",
                                      "other kind", "extra"}
    assert (comparison.status == "agree").sum() >= len(gold) // 2


def test_empty_polnear_path_gives_empty_tables():
    figures, disagreements = polnear_validation("", default_registry())
    assert figures.empty and isinstance(disagreements, pd.DataFrame) and disagreements.empty
