"""benchmarks/library_calls.py: the wider floor's inputs and calls (every library call per article)."""

import math

from benchmarks import library_calls
from tests.conftest import SEED_CORPUS


def test_voice_pieces_scored_are_distinct_worded_and_not_sentences():
    text = "He said it was great. It was bad."
    spans = [{"voice": "own", "start": 0, "end": 8}, {"voice": "quoted", "start": 8, "end": 33}]
    pieces = library_calls.voice_pieces_scored(text, [(0, 21), (22, 33)], spans + spans,
                                               {"It was bad."})
    assert pieces == ["He said ", "it was great."]


def test_pipeline_calls_make_only_lingua_for_other_languages():
    assert library_calls.pipeline_calls(["Good."], None, [], ["Good"], None) == 0.0
    english = "The talks in the capital went well and both sides praised the outcome. " * 3
    assert library_calls.pipeline_calls([], None, [], [], english) == 2.0  # len("en")


def test_readability_calls_and_pipeline_calls_return_a_checksum():
    article = "The talks went well. Both sides praised the outcome of the long meeting."
    total = library_calls.pipeline_calls(["The talks went well."], article, [article],
                                         ["talks went"], None)
    assert math.isfinite(total)
    assert total != library_calls.readability_calls(article, [article])  # VADER adds its scores


def test_pipeline_inputs_from_the_tables_of_a_run(tmp_path):
    import pandas as pd

    from analysis.run.pipeline import analyze_to

    analyze_to(SEED_CORPUS, tmp_path, jobs=1, cache=False)
    tables = tmp_path
    scored = pd.read_parquet(tables / "sentiment_sentences.parquet").groupby(
        "article_id").text.apply(list).to_dict()
    inputs = library_calls.pipeline_inputs(tables, SEED_CORPUS, scored)
    assert set(inputs) == set(scored)
    for article_id, (pieces, language_text) in inputs.items():
        assert language_text is None  # the seeds' manifest names their language
        assert not set(pieces) & set(scored[article_id])
