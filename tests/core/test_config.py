"""Tests for analysis/core/config.py: corpus names resolve from any working directory."""

import pytest

from analysis.core import config


def test_corpus_name_resolves_under_data_raw(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert config.resolve_corpus("pyongyang-summit-2024") == config.RAW_DIR / "pyongyang-summit-2024"


def test_path_wins_over_name(tmp_path):
    assert config.resolve_corpus(tmp_path) == tmp_path.resolve()


def test_unknown_corpus_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="corpus not found: no-such-corpus"):
        config.resolve_corpus("no-such-corpus")
