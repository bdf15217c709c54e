"""Tests for analysis/cli.py: `newsprism analyze` on good and bad input; raw files never written."""

import logging
import shutil

import pandas as pd
import pytest

from analysis.cli import main
from tests.conftest import SEED_1, SEED_2, SEED_CORPUS, hash_tree

GERMAN = ("Der russische Präsident ist am Mittwoch zu einem Staatsbesuch in Nordkorea eingetroffen. "
          "Die beiden Staatschefs unterzeichneten ein Abkommen über eine strategische Partnerschaft.")


@pytest.fixture()
def bad_corpus(tmp_path):
    """The two seeds plus one example of every kind of bad input."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (corpus / "latin.txt").write_bytes("Kim met Putin in Pyongyang – a café summit. It ended.".encode("cp1252"))
    (corpus / "dupe").mkdir()
    shutil.copy(SEED_CORPUS / f"{SEED_1}.txt", corpus / "dupe" / f"{SEED_1}.txt")
    (corpus / "noise.txt").write_text("Advertisement\n\nShare on Facebook\n\nLoading...\n")
    (corpus / "german.txt").write_text(GERMAN)
    manifest = (corpus / "manifest.csv").read_text(encoding="utf-8")
    (corpus / "manifest.csv").write_text(manifest + "ghost.txt,ghost,X,,,,,en,,\n", encoding="utf-8")
    return corpus


def test_bad_inputs_each_get_a_reason_and_the_seeds_go_through(bad_corpus, tmp_path, capsys):
    before = hash_tree(bad_corpus)
    status = main(["analyze", str(bad_corpus), "--out", str(tmp_path / "out")])
    assert status == 0
    tables = tmp_path / "out" / "tables"
    articles = pd.read_csv(tables / "articles.csv", dtype=str)
    assert {SEED_1, SEED_2} <= set(articles.article_id)
    assert set(articles.article_id) == {SEED_1, SEED_2, "latin", "german"}
    rejected = pd.read_csv(tables / "rejected.csv", dtype=str).fillna("")
    reasons = dict(zip(rejected.source_file, rejected.reason))
    assert reasons == {
        "empty.txt": "empty file",
        "image.txt": "binary file, not text",
        f"dupe/{SEED_1}.txt": f"duplicate article id '{SEED_1}' (already used by {SEED_1}.txt)",
        "noise.txt": "no sentences left after cleaning",
        "ghost.txt": "listed in manifest.csv (row 4) but the file does not exist",
    }
    warnings = pd.read_csv(tables / "warnings.csv", dtype=str)
    assert any("latin.txt: not valid UTF-8" in m and "cp1252" in m for m in warnings.message)
    assert articles.set_index("article_id").loc["german", "language"] == "de"
    err = capsys.readouterr().err
    for name in reasons:
        assert name in err
    assert hash_tree(bad_corpus) == before  # raw files are never written


def test_strict_fails_on_any_rejection(bad_corpus, tmp_path):
    assert main(["analyze", str(bad_corpus), "--out", str(tmp_path / "o"), "--strict"]) == 1


def test_nothing_usable_is_an_error(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "empty.txt").write_text("")
    assert main(["analyze", str(tmp_path / "c"), "--out", str(tmp_path / "o")]) == 1


def test_missing_corpus_path_is_a_clear_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "nope"), "--out", str(tmp_path / "o")]) == 2
    assert "corpus not found" in capsys.readouterr().err


def test_help_explains_every_option(capsys):
    for command in ("analyze", "report"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        text = capsys.readouterr().out
        assert "--out" in text and "--registry" in text and "--columns" in text


def test_a_second_run_says_what_came_from_the_cache(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "a"), "--jobs", "1"]) == 0
    first = capsys.readouterr().out
    assert "from the cache" not in first
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "b"), "--jobs", "1"]) == 0
    second = capsys.readouterr().out
    assert "2 article(s) analysed (2 from the cache)" in second
    assert "1 of 1 comparison block(s) from the cache" in second


# --- command-line conventions (papermill, nbconvert, pytest) ---------------------------------


def _one_line_error(capsys, status: int, *expected: str) -> str:
    """The usage error: exit 2, exactly one line on stderr holding ``expected``, no traceback."""
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "Traceback" not in err, err
    for text in expected:
        assert text in err, err
    return err


def test_version_prints_the_installed_version(capsys):
    from importlib import metadata

    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == f"newsprism {metadata.version('newsprism')}"


@pytest.mark.parametrize("argv", [
    ["-q", "analyze", "--help-settings"],
    ["analyze", "--help-settings", "-q"],
    ["analyze", "-v", "--help-settings"],
    ["--log-level", "debug", "analyze", "--help-settings"],
    ["analyze", "--help-settings", "--log-level", "INFO"],
])
def test_global_flags_go_before_or_after_the_subcommand(argv, capsys):
    assert main(argv) == 0
    assert "align_threshold: float = 0.17" in capsys.readouterr().out


def test_verbosity_flags_set_the_log_level():
    from analysis.cli import build_parser, log_level

    parse = build_parser().parse_args
    assert log_level(parse(["analyze", "x"])) == logging.WARNING
    assert log_level(parse(["analyze", "x", "-q"])) == logging.ERROR
    assert log_level(parse(["-v", "analyze", "x"])) == logging.INFO
    assert log_level(parse(["analyze", "x", "-vv"])) == logging.DEBUG
    assert log_level(parse(["-q", "analyze", "x", "--log-level", "debug"])) == logging.DEBUG


def test_param_takes_name_equals_value_and_papermills_name_value():
    from analysis.cli import build_parser, join_param_pairs

    argv = ["report", "c", "-p", "min_count=3", "-p", "top_k", "5", "--param", "n_evidence", "2"]
    assert join_param_pairs(argv) == ["report", "c", "-p", "min_count=3", "-p", "top_k=5",
                                      "--param", "n_evidence=2"]
    args = build_parser().parse_args(join_param_pairs(argv))
    assert args.param == ["min_count=3", "top_k=5", "n_evidence=2"]


def test_a_param_without_a_value_is_one_line_and_exit_2(capsys):
    status = main(["report", str(SEED_CORPUS), "-p", "min_count"])
    _one_line_error(capsys, status, "-p min_count: no value")


def test_a_misspelt_parameter_gets_did_you_mean(capsys, tmp_path):
    status = main(["report", str(SEED_CORPUS), "--out", str(tmp_path / "o"), "-p", "min_cont=3"])
    _one_line_error(capsys, status, "unknown parameter(s) min_cont", "did you mean min_count?")
    assert not (tmp_path / "o").exists()


def test_a_misspelt_setting_is_refused_with_the_closest_one(capsys, tmp_path):
    status = main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "o"),
                   "--set", "align_treshold=0.3"])
    _one_line_error(capsys, status, "unknown setting 'align_treshold'", "did you mean align_threshold?")
    assert not (tmp_path / "o").exists()


def test_a_setting_of_the_wrong_type_is_refused(capsys, tmp_path):
    status = main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "o"),
                   "--set", "compare_block_articles=many"])
    _one_line_error(capsys, status, "compare_block_articles must be int", "'many'")


@pytest.mark.parametrize("argv,expected", [
    (["analyze", "--bogus"], "unrecognized arguments: --bogus"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    (["analyze", str(SEED_CORPUS), "--jobs", "two"], "invalid int value: 'two'"),
    (["analyze"], "a CORPUS argument is needed"),
    (["report"], "give a CORPUS or --portfolio YAML"),
    (["analyze", str(SEED_CORPUS), "--set", "align_threshold"], "--set expects NAME=VALUE"),
])
def test_every_usage_error_is_one_line_and_exit_2(argv, expected, capsys):
    _one_line_error(capsys, main(argv), expected)


def test_help_params_lists_each_templates_parameters(capsys):
    assert main(["report", "--help-params"]) == 0
    out = capsys.readouterr().out
    assert "04-framing:" in out and "min_count: int (default 2)" in out
    assert "corpus: str" in out and "(set by newsprism)" in out


def test_a_valid_setting_changes_the_result_and_the_cache_key(tmp_path, monkeypatch):
    from analysis.core.cache import options_key
    from analysis.run.pipeline import Options

    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "a")]) == 0
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "b"),
                 "--set", "align_threshold=0.99"]) == 0
    default = pd.read_csv(tmp_path / "a" / "tables" / "alignment.csv")
    strict = pd.read_csv(tmp_path / "b" / "tables" / "alignment.csv")
    assert (default.kind == "match").sum() > 0 and (strict.kind == "match").sum() == 0
    assert options_key(Options(params={"align_threshold": "0.99"})) != options_key(Options())
    assert Options(params={"align_threshold": "0.99"}).params == {"align_threshold": 0.99}


# what appears in the staging folder once a run is at a known point: its kernels start (the corpus
# is being analysed), the analysis is done (notebooks run), the first page is written (the others
# still run or render); a signal sent then cannot come after the run's end
INTERRUPT_POINTS = {"analysis": "logs/kernel-*.kernel.log", "notebooks": "tables",
                    "rendering": "*.html"}


@pytest.mark.slow
@pytest.mark.parametrize("point", sorted(INTERRUPT_POINTS))
def test_interrupting_a_report_exits_130_with_one_line_and_leaves_no_partial_output(tmp_path, point):
    import os
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "reports" / "seeds"
    env = dict(os.environ, NEWSPRISM_CACHE=str(tmp_path / "cache"))
    # the child gets Ctrl-C's default action whatever this process has: a test suite started in
    # the background by a shell without job control ignores SIGINT, children inherit an ignored
    # signal, and a run that ignores it finishes and exits 0 (a handler, unlike "ignore", is not
    # inherited: the child starts with the default and Python installs its own)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        child = subprocess.Popen([sys.executable, "-m", "analysis.cli", "report", str(SEED_CORPUS),
                                  "--out", str(out), "--no-progress"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    marker = f".seeds.partial-{child.pid}/{INTERRUPT_POINTS[point]}"
    deadline = time.monotonic() + 300  # a loaded machine; the wait ends at the marker
    while not list(out.parent.glob(marker)) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(out.parent.glob(marker)) and child.poll() is None, f"{point}: never reached"
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=300)  # kernels stop and in-flight notebooks end first
    assert child.returncode == 130, err
    assert err.strip().splitlines()[-1] == "newsprism: interrupted" and "Traceback" not in err
    assert not out.exists() and not list(out.parent.glob(".seeds.*"))
