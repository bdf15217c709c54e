"""Tests for benchmarks/fuzz.py: fixed-seed documents, the growth exponent, a small run of each
fast entry point."""

import random

import pytest

from benchmarks.fuzz import SHAPES, exponent, fuzz, generate_document, sizes


def test_documents_depend_only_on_the_seed():
    first = [generate_document(random.Random(19)) for _ in range(3)]
    assert first == [generate_document(random.Random(19)) for _ in range(3)]
    assert generate_document(random.Random(19)) != generate_document(random.Random(20))


def test_the_exponent_is_the_log_log_slope_of_the_runs_long_enough_to_time():
    assert exponent([(n, n * 1e-5) for n in (8192, 16384, 32768, 65536)]) == pytest.approx(1.0)
    assert exponent([(n, (n / 8192) ** 2 * 0.05) for n in (8192, 16384, 32768)]) == pytest.approx(2.0)
    assert exponent([(8192, 0.001), (16384, 0.002), (32768, 0.03)]) is None  # too fast to tell


def test_shapes_come_at_the_size_asked_and_sizes_double_up_to_the_limit():
    assert sizes(65536) == [8192, 16384, 32768, 65536]
    for name, make in SHAPES.items():
        assert len(make(8192)) in range(8000, 8193), name


# CI's sample of the fuzz benchmark: a few fixed-seed cases through every entry point (the whole
# article costs most: about a second a case with its tables written)
@pytest.mark.parametrize("entry, cases", [("cleaner", 30), ("segmenter", 30), ("quotes", 30),
                                          ("attribution", 10), ("article", 2)])
def test_a_small_fuzz_run_finds_no_crash(entry, cases, capsys):
    figures = fuzz(entry, cases, 19, give_up=60)
    assert figures["crashes"] == 0 and figures["no_answer"] == 0 and figures["cases"] == cases
    assert f"== fuzz {entry}: {cases} cases" in capsys.readouterr().out


def test_shards_split_the_cases_of_a_whole_run_between_them(monkeypatch):
    from benchmarks import fuzz as benchmark

    seen: list[str] = []
    monkeypatch.setitem(benchmark.ENTRY_POINTS, "quotes", seen.append)

    def texts(shard):
        seen.clear()
        fuzz("quotes", 9, 19, give_up=60, shard=shard)
        return seen[1:]  # the first call is the untimed warm-up

    whole = texts((0, 1))
    first, second = texts((0, 2)), texts((1, 2))
    assert len(whole) == 9 and len(first) == 5 and len(second) == 4
    assert sorted(first + second) == sorted(whole) and first == whole[::2]


def test_every_shard_prints_progress(monkeypatch, capsys):
    from benchmarks import fuzz as benchmark

    monkeypatch.setitem(benchmark.ENTRY_POINTS, "quotes", lambda text: None)
    for shard in ((0, 2), (1, 2)):
        fuzz("quotes", 40, 19, give_up=60, shard=shard)
        progress = [line for line in capsys.readouterr().out.splitlines()
                    if line.startswith("  quotes: ")]
        assert len(progress) == 9, shard  # one line per tenth of the run, the last one omitted


def test_a_batch_of_article_rows_names_the_case_whose_rows_cannot_be_written():
    from benchmarks.fuzz import run_article, write_batch

    good = run_article("Officials said the bridge would reopen on Monday.", write=False)
    bad = run_article("The mayor said the road was closed.", write=False)
    assert write_batch([(0, good), (1, bad)]) == []
    broken = [dict(rows) for rows in bad]
    table = next(name for name, rows in broken[0].items() if rows)
    broken[0][table] = [{**broken[0][table][0], "article_id": "bad \ud800 id"}]
    failed = write_batch([(0, good), (7, broken)])
    assert [index for index, _ in failed] == [7]
    assert isinstance(failed[0][1], UnicodeError)
