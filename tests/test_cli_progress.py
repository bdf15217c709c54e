"""Progress bars of `newsprism analyze` and `report`: on a terminal only, never with -q."""

import io
import sys

import pytest

from analysis.cli import main
from tests.conftest import SEED_CORPUS


class FakeTerminal(io.StringIO):
    """stderr that says it is a terminal (tqdm and the CLI ask ``isatty``)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))


def _analyze(tmp_path, monkeypatch, stderr, *flags) -> str:
    monkeypatch.setattr(sys, "stderr", stderr)
    out = tmp_path / f"out{len(list(tmp_path.iterdir()))}"
    assert main(["analyze", str(SEED_CORPUS), "--out", str(out), "--jobs", "1", "--no-cache",
                 *flags]) == 0
    return stderr.getvalue()


def test_analyze_shows_articles_and_comparison_blocks_on_a_terminal(tmp_path, monkeypatch, cache):
    err = _analyze(tmp_path, monkeypatch, FakeTerminal())
    assert "articles: 2article" in err  # the article counter reached 2
    assert "comparison blocks: 100%" in err and "1/1" in err


def test_analyze_shows_no_progress_when_stderr_is_not_a_terminal(tmp_path, monkeypatch, cache):
    err = _analyze(tmp_path, monkeypatch, io.StringIO())
    assert "articles: " not in err and "comparison blocks" not in err and "\r" not in err


@pytest.mark.parametrize("flag", ["-q", "--no-progress"])
def test_analyze_shows_no_progress_with_quiet_or_no_progress(tmp_path, monkeypatch, cache, flag):
    err = _analyze(tmp_path, monkeypatch, FakeTerminal(), flag)
    assert "articles: " not in err and "comparison blocks" not in err and "\r" not in err


@pytest.mark.slow
def test_report_shows_its_analysis_and_its_notebooks_on_a_terminal(tmp_path, monkeypatch, cache):
    from tests.report.test_runner import write_tiny_template

    notebooks = tmp_path / "templates"
    write_tiny_template(notebooks)
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["report", str(SEED_CORPUS), "--out", str(tmp_path / "r"), "--jobs", "1",
                 "--notebooks", str(notebooks)]) == 0
    err = terminal.getvalue()
    assert "articles: " in err and "comparison blocks: 100%" in err
    assert "reports: 100%" in err
    quiet = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main(["report", str(SEED_CORPUS), "--out", str(tmp_path / "r2"), "--jobs", "1",
                 "--notebooks", str(notebooks), "-q"]) == 0
    assert "reports: " not in quiet.getvalue() and "articles: " not in quiet.getvalue()


def test_formats_choose_the_files_written_and_a_bad_one_is_a_usage_error(tmp_path, capsys, cache):
    out = tmp_path / "pq"
    assert main(["analyze", str(SEED_CORPUS), "--out", str(out), "--jobs", "1",
                 "--formats", "parquet"]) == 0
    assert (out / "tables" / "articles.parquet").exists() and not list(out.glob("tables/*.csv"))
    assert "2 article(s) analysed" in capsys.readouterr().out
    assert main(["analyze", str(SEED_CORPUS), "--out", str(tmp_path / "x"), "--formats", "xls"]) == 2
    err = capsys.readouterr().err
    assert "xls is not a table format" in err and err.count("\n") == 1
