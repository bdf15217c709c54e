"""benchmarks/attribution_time.py: attribution's time against an earlier revision of the package."""

import json
import subprocess

import pytest

from benchmarks import attribution_time
from benchmarks.attribution_time import ROOT


def _in_git() -> bool:
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"],
                          capture_output=True).returncode == 0


needs_git = pytest.mark.skipif(not _in_git(), reason="not a git checkout")


def test_refs_of_reads_the_last_total_of_a_valgrind_log():
    log = "==7== Collected : 12\n==7==\n==7== I   refs:      4,601,422,326\n"
    assert attribution_time.refs_of(log) == 4_601_422_326
    with pytest.raises(ValueError, match="I refs"):
        attribution_time.refs_of("==7== no totals here")


def test_ratio_is_of_the_sums_and_the_table_says_when_the_limit_is_passed():
    pairs = [({"own": 2.0, "alone": 4.0}, {"own": 3.0, "alone": 10.0}),
             ({"own": 4.0, "alone": 4.0}, {"own": 5.0, "alone": 6.0})]
    assert attribution_time.ratio_of_sums(pairs, "own") == pytest.approx(8 / 6)
    assert attribution_time.ratio_of_sums(pairs, "alone") == pytest.approx(2.0)
    text = attribution_time.table(pairs, "abc1234")
    assert "own 1.33 (within the 1.5 limit), alone 2.00" in text
    slow = [({"own": 1.0, "alone": 1.0}, {"own": 1.6, "alone": 1.0})]
    assert "own 1.60 (OVER the 1.5 limit)" in attribution_time.table(slow, "abc1234")


@needs_git
def test_unpack_gives_the_package_of_a_revision(tmp_path):
    tree = attribution_time.unpack("HEAD", tmp_path)
    assert (tree / "analysis" / "attribution" / "extract.py").is_file()
    assert tree.parent == tmp_path


@needs_git
def test_both_sides_measured_on_invented_articles(tmp_path, capsys):
    articles = tmp_path / "articles.jsonl"
    texts = ["Mayor Ines Varga said the ferry would run again on Monday.",
             '"We are not done," said Tomas Reyes, a spokesman for the Harbour Board.']
    articles.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts))
    result = attribution_time.measure(ROOT, articles, repeats=1)
    assert result["n"] == 2 and result["own"] > 0 and result["alone"] > 0
    assert attribution_time.main(["--base", "HEAD", "--pairs", "1", "--repeats", "1",
                                  str(articles)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 articles, best of 1 runs, 1 pairs")
    assert "head / base (HEAD), CPU ms an article: own" in out


def test_missing_articles_file_is_skipped(tmp_path, capsys):
    assert attribution_time.main([str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped" in capsys.readouterr().out
