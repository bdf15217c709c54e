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


@pytest.mark.parametrize("entry", ["cleaner", "segmenter", "quotes"])
def test_a_small_fuzz_run_finds_no_crash(entry, capsys):
    figures = fuzz(entry, 30, 19, give_up=60)
    assert figures["crashes"] == 0 and figures["cases"] == 30
    assert f"== fuzz {entry}: 30 cases" in capsys.readouterr().out
