"""Tests for analysis/report/runner.py: every template through papermill, failures isolated, parameters
checked before anything runs, output moved into place whole, the index leading with the summary."""

import html
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest
import yaml
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import cli
from analysis.core import config
from analysis.core.outputs import MARKER, write_marker
from analysis.report import runner as report
from analysis.report.runner import (
    NotebookRun,
    ParameterError,
    RunSummary,
    clean_leftovers,
    coerce,
    list_templates,
    output_name,
    run_reports,
    validate_parameters,
    write_index,
)
from tests.conftest import ROOT, SEED_CORPUS, hash_tree

WRENFIELD = ROOT / "tests" / "fixtures" / "wrenfield-derailment"

TINY_PARAMETERS = '''corpus: str = "pyongyang-summit-2024"  # corpus folder or name
tables: str = ""  # tables folder
label: str = "plain"  # a label shown in the report
repeat: int = 1  # how many times'''


def write_tiny_template(folder: Path, name: str = "50-tiny", body: str = "") -> Path:
    """A template that runs in a fraction of a second: a parameters cell and one display call."""
    notebook = new_notebook()
    notebook.metadata = {"kernelspec": {"name": "newsprism", "display_name": "Python (newsprism)",
                                        "language": "python"}, "language_info": {"name": "python"}}
    parameters = new_code_cell(TINY_PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [new_markdown_cell("# Tiny report"), parameters,
                      new_code_cell(body or 'from analysis.views import display\n'
                                    'display.say("Label {label} times {n}", label=label, n=repeat)')]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(notebook, path)
    return path


def no_leftovers(out: Path) -> bool:
    return not list(out.parent.glob(f".{out.name}.*"))


def child_kernels() -> list:
    import psutil

    return [p for p in psutil.Process().children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())]


# --- fast: no kernel -------------------------------------------------------------------------


def test_wrong_type_is_refused():
    with pytest.raises(ParameterError, match="must be int"):
        coerce("three", "int", "min_count")
    assert coerce("3", "int", "n") == 3 and coerce("true", "bool", "b") is True
    assert coerce("0.5", "float", "x") == 0.5 and coerce('["a"]', "list", "l") == ["a"]
    with pytest.raises(ParameterError, match="must be bool"):
        coerce("maybe", "bool", "b")
    assert validate_parameters(list_templates(), {})  # defaults are valid


def test_validation_lists_every_parameter_with_its_type(tmp_path):
    template = write_tiny_template(tmp_path)
    with pytest.raises(ParameterError) as error:
        validate_parameters([template], {"lable": "x"})
    message = str(error.value)
    assert "lable" in message and "label (str)" in message and "repeat (int)" in message
    with pytest.raises(ParameterError, match="repeat.*must be int"):
        validate_parameters([template], {"repeat": "twice"})
    assert validate_parameters([template], {"repeat": "2"}) == {"50-tiny": {"repeat": 2}}


def test_output_names_are_deterministic():
    assert output_name("data/raw/x", {"b": 2, "a": "hi there"}) == "x__a-hi-there__b-2"
    assert output_name("x/", {}) == "x" and output_name("x", {"a": "../../etc"}) == "x__a-..-..-etc"


def test_portfolio_needs_runs_with_a_corpus(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("runs:\n  - params: {a: 1}\n")
    with pytest.raises(ParameterError, match="run 1 has no 'corpus'"):
        report.read_portfolio(bad)
    good = tmp_path / "good.yaml"
    good.write_text("runs:\n  - corpus: c\n    params: {label: x}\n  - corpus: c\n    out: named\n")
    assert [r["out"] for r in report.read_portfolio(good)] == ["c__label-x", "named"]


def test_summary_templates_sort_first(tmp_path):
    for name in ("01-a", "00-summary", "02-b"):
        write_tiny_template(tmp_path, name)
    assert [p.stem for p in list_templates(tmp_path)] == ["00-summary", "01-a", "02-b"]


def test_index_leads_with_the_summary_and_escapes_everything(tmp_path):
    hostile = "<script>window.__pwned=1</script>"
    summary = RunSummary(out=str(tmp_path), corpus=f"/x/{hostile}", n_articles=3, notebooks=[
        NotebookRun("00-summary", "t", "ok", "", 1.0, "00-summary.html", "00-summary.ipynb"),
        NotebookRun("01-a", "t", "failed", f"ValueError: {hostile}", 1.0, "01-a.html", "01-a.ipynb"),
    ])
    templates = [write_tiny_template(tmp_path / "nb", "00-summary"), write_tiny_template(tmp_path / "nb", "01-a")]
    page = write_index(tmp_path, summary, templates).read_text()
    body = page.split("<body>", 1)[1]
    assert body.index("Start here") < body.index("<table")
    assert "Start here: <a href=\"00-summary.html\">Tiny report</a>" in body
    assert "<script" not in page and "&lt;script&gt;" in page
    assert "1 of 2 report(s) failed" in body and "<tr class='failed'>" in body
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_leftovers_of_a_killed_run_are_removed_and_old_reports_restored(tmp_path):
    dead_pid = 2 ** 22 + 12345  # above the kernel's pid_max default: no such process
    out = tmp_path / "out"
    (tmp_path / f".out.partial-{dead_pid}").mkdir()
    old = tmp_path / f".out.old-{dead_pid}"
    old.mkdir()
    (old / "index.html").write_text("old")
    (tmp_path / f".out.partial-{os.getpid()}-x").mkdir()  # not ours to judge: name does not parse
    clean_leftovers(out)
    assert (out / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".out.partial-{os.getpid()}-x", "out"]


def test_move_into_place_replaces_the_whole_folder_when_it_holds_only_earlier_output(tmp_path):
    out, staging = tmp_path / "out", tmp_path / ".out.partial-1"
    out.mkdir()
    (out / "stale.html").write_text("old")
    write_marker(out, "c", ["stale.html"], "report")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    write_marker(staging, "c", ["index.html"], "report")
    report._move_into_place(staging, out)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html"] and not staging.exists()


def test_move_into_place_keeps_files_newsprism_did_not_write(tmp_path):
    out, staging = tmp_path / "out", tmp_path / ".out.partial-1"
    out.mkdir()
    (out / "index.html").write_text("old")
    write_marker(out, "c", ["index.html"], "report")
    (out / "notes.md").write_text("added by hand after the last run")
    staging.mkdir()
    (staging / "index.html").write_text("new")
    write_marker(staging, "c", ["index.html"], "report")
    report._move_into_place(staging, out)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html", "notes.md"]
    assert (out / "notes.md").read_text() == "added by hand after the last run"
    assert (out / "index.html").read_text() == "new" and no_leftovers(out)


def test_report_refuses_an_out_folder_of_other_files_before_any_work(tmp_path, capsys):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "thesis.tex").write_text("\\documentclass{article}")
    before = hash_tree(thesis)
    assert cli.main(["report", str(SEED_CORPUS), "--out", str(thesis), "--no-progress"]) == 2
    assert capsys.readouterr().err == (f"newsprism report: error: {thesis}: folder holds files newsprism "
                                       "did not write; give a new or empty --out (or --force to "
                                       "write beside them, never over them)\n")
    assert hash_tree(thesis) == before and sorted(os.listdir(tmp_path)) == ["thesis"]


def test_analyze_refuses_an_out_folder_of_other_files(tmp_path, capsys):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("keep")
    assert cli.main(["analyze", str(SEED_CORPUS), "--out", str(notes)]) == 2
    assert "folder holds files newsprism did not write" in capsys.readouterr().err
    assert sorted(os.listdir(notes)) == ["todo.txt"]


@pytest.mark.parametrize("escape", ["../outside", "/tmp/elsewhere", "a/../../outside", "."])
def test_portfolio_outputs_stay_under_their_base_folder(tmp_path, capsys, escape):
    portfolio = tmp_path / "runs.yaml"
    portfolio.write_text(yaml.safe_dump({"runs": [{"corpus": str(SEED_CORPUS), "out": escape}]}))
    base = tmp_path / "base"
    assert cli.main(["report", "--portfolio", str(portfolio), "--out", str(base),
                     "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert f"run 1: out {escape!r} is not a folder under {base}" in err
    assert sorted(os.listdir(tmp_path)) == ["runs.yaml"]


def test_a_portfolio_with_one_foreign_output_folder_runs_nothing(tmp_path, capsys):
    base = tmp_path / "base"
    (base / "b").mkdir(parents=True)
    (base / "b" / "notes.txt").write_text("someone's")
    portfolio = tmp_path / "runs.yaml"
    portfolio.write_text(yaml.safe_dump({"runs": [{"corpus": str(SEED_CORPUS), "out": "a"},
                                                  {"corpus": str(SEED_CORPUS), "out": "b"}]}))
    assert cli.main(["report", "--portfolio", str(portfolio), "--out", str(base)]) == 2
    assert f"{base / 'b'}: folder holds files newsprism did not write" in capsys.readouterr().err
    assert sorted(os.listdir(base)) == ["b"]


def test_a_portfolio_link_out_of_the_base_is_refused(tmp_path, capsys):
    base = tmp_path / "base"
    base.mkdir()
    (tmp_path / "victim").mkdir()
    (base / "link").symlink_to(tmp_path / "victim")
    portfolio = tmp_path / "runs.yaml"
    portfolio.write_text(yaml.safe_dump({"runs": [{"corpus": str(SEED_CORPUS), "out": "link"}]}))
    assert cli.main(["report", "--portfolio", str(portfolio), "--out", str(base)]) == 2
    assert "is not a folder under" in capsys.readouterr().err


# --- slow: kernels ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    """Every template on the seeds, with MPLBACKEND=Agg in the environment (as on servers and
    in CI): the kernels must draw inline all the same."""
    out = tmp_path_factory.mktemp("reports") / "summit"
    saved = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = "Agg"
    try:
        return run_reports(SEED_CORPUS, out, progress=False), out
    finally:
        if saved is None:
            os.environ.pop("MPLBACKEND")
        else:
            os.environ["MPLBACKEND"] = saved


@pytest.mark.slow
def test_every_template_renders_on_the_bundled_corpus(seed_run):
    summary, out = seed_run
    assert [n.status for n in summary.notebooks] == ["ok"] * len(list_templates()), [
        (n.name, n.error) for n in summary.notebooks]
    for template in list_templates():
        html = (out / f"{template.stem}.html").read_text(encoding="utf-8")
        assert "Traceback" not in html and "Error" not in html.split("<body")[1][:2000]
        if report.draws_figures(template):
            assert report.count_figures(out / f"{template.stem}.ipynb") >= 1, template.stem
    assert sum(report.draws_figures(t) for t in list_templates()) >= 5
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{t.stem}.html"' in index for t in list_templates())
    if any("summary" in t.stem for t in list_templates()):
        assert index.index("Start here") < index.index("<table")
    assert (out / "tables" / "articles.csv").exists()
    run = json.loads((out / "run.json").read_text())
    assert run["versions"]["textstat"] and len(run["inputs_sha256"]) == 6  # with codebook, concepts, gold
    # enough to reproduce it: every installed distribution, the settings in force, the code
    assert run["distributions"]["textstat"] == run["versions"]["textstat"]
    assert len(run["distributions"]) > 50  # every distribution, not a hand-picked few
    assert run["analysis"]["settings"]["align_threshold"] == 0.17
    assert run["analysis"]["settings"]["ngram_range"] == [1, 2]
    assert len(run["analysis"]["code_fingerprint"]) == 64
    assert run["analysis"]["registry"]["path"].endswith("entities.csv")
    assert set(run["analysis"]) >= {"columns", "git_commit", "settings_given"}
    assert [r["status"] for r in run["reports"]] == ["ok"] * len(list_templates())
    assert no_leftovers(out) and not child_kernels()


@pytest.mark.slow
def test_a_failing_notebook_leaves_the_others_complete(tmp_path):
    notebooks = tmp_path / "nb"
    good = list_templates()[0]
    notebooks.mkdir()
    shutil.copy(good, notebooks / good.name)
    write_tiny_template(notebooks, "99-broken", 'raise RuntimeError("forced failure")')
    raw = hash_tree(SEED_CORPUS)
    summary = run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False)
    status = {n.name: (n.status, n.error) for n in summary.notebooks}
    assert status[good.stem] == ("ok", "")
    assert status["99-broken"] == ("failed", "RuntimeError: forced failure")
    html = (tmp_path / "out" / f"{good.stem}.html").read_text()
    assert html.rstrip().endswith("</html>") and "<img" in html
    assert "forced failure" in nbformat.read(tmp_path / "out" / "99-broken.ipynb", as_version=4).cells[-1].outputs[0].evalue
    index = (tmp_path / "out" / "index.html").read_text()
    assert "<tr class='failed'><td><a href=\"99-broken.html\">99-broken</a>" in index
    assert "forced failure" in index and "1 of 2 report(s) failed" in index
    assert hash_tree(SEED_CORPUS) == raw


@pytest.mark.slow
def test_misspelt_parameter_is_refused_before_anything_runs(tmp_path):
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) corpsu \(did you mean corpus\?\); valid: .*corpus \(str\)"):
        run_reports(SEED_CORPUS, tmp_path / "out", params={"corpsu": "x"}, progress=False)
    assert not (tmp_path / "out").exists() and no_leftovers(tmp_path / "out")


@pytest.mark.slow
def test_show_code_writes_a_second_page_with_the_code(tmp_path):
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks)
    run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, show_code=True,
                params={"label": "<b>bold</b>"}, progress=False)
    hidden = (tmp_path / "out" / "50-tiny.html").read_text()
    shown = (tmp_path / "out" / "50-tiny.code.html").read_text()
    assert "Label &lt;b&gt;bold&lt;/b&gt; times 1" in hidden and "Label &lt;b&gt;bold&lt;/b&gt; times 1" in shown
    as_text = [html.unescape(re.sub(r"<[^>]+>", "", page.split("<body", 1)[1])) for page in (hidden, shown)]
    assert "from analysis.views import display" not in as_text[0]
    assert "from analysis.views import display" in as_text[1]


@pytest.mark.slow
def test_an_interrupted_run_leaves_the_old_reports_untouched(tmp_path, monkeypatch):
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks, "50-a")
    write_tiny_template(notebooks, "51-b")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old index")
    (out / "50-a.html").write_text("old a")
    write_marker(out, SEED_CORPUS, ["index.html", "50-a.html"], "report")
    before = hash_tree(out)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "render_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_reports(SEED_CORPUS, out, notebooks=notebooks, progress=False)
    assert hash_tree(out) == before and no_leftovers(out) and not child_kernels()


@pytest.mark.slow
def test_a_portfolio_runs_end_to_end_with_deterministic_names(tmp_path, capsys):
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks)
    portfolio = tmp_path / "runs.yaml"
    portfolio.write_text(yaml.safe_dump({"runs": [
        {"corpus": str(SEED_CORPUS), "params": {"label": "alpha"}},
        {"corpus": str(SEED_CORPUS), "params": {"label": "beta", "repeat": 2}},
    ]}))
    base = tmp_path / "reports"
    assert cli.main(["report", "--portfolio", str(portfolio), "--out", str(base),
                     "--notebooks", str(notebooks), "--no-progress"]) == 0
    names = sorted(p.name for p in base.iterdir())
    assert names == ["pyongyang-summit-2024__label-alpha", "pyongyang-summit-2024__label-beta__repeat-2"]
    beta = base / names[1]
    assert "Label beta times 2" in (beta / "50-tiny.html").read_text()
    run = json.loads((beta / "run.json").read_text())
    assert run["parameters"] == {"label": "beta", "repeat": 2}
    assert run["parameters_per_report"] == {"50-tiny": {"label": "beta", "repeat": 2}}
    # a misspelt parameter in the second run stops the portfolio before the first runs
    portfolio.write_text(yaml.safe_dump({"runs": [
        {"corpus": str(SEED_CORPUS), "params": {"label": "gamma"}},
        {"corpus": str(SEED_CORPUS), "params": {"lable": "delta"}},
    ]}))
    assert cli.main(["report", "--portfolio", str(portfolio), "--out", str(base),
                     "--notebooks", str(notebooks), "--no-progress"]) == 2
    assert "unknown parameter(s) lable" in capsys.readouterr().err
    assert sorted(p.name for p in base.iterdir()) == names


@pytest.mark.slow
def test_a_second_run_reuses_the_analysis_until_the_corpus_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks)
    first = run_reports(corpus, tmp_path / "a", notebooks=notebooks, progress=False)
    second = run_reports(corpus, tmp_path / "b", notebooks=notebooks, progress=False)
    assert (first.tables_reused, second.tables_reused) == (False, True)
    assert (second.n_articles, second.n_rejected) == (first.n_articles, first.n_rejected) == (2, 0)
    assert hash_tree(tmp_path / "a" / "tables") == hash_tree(tmp_path / "b" / "tables")
    assert json.loads((tmp_path / "b" / "run.json").read_text())["tables_reused"] is True
    (corpus / "notes.txt").write_text("A third article, short but in English. It says little.\n")
    third = run_reports(corpus, tmp_path / "c", notebooks=notebooks, progress=False)
    assert not third.tables_reused and third.n_articles == 3


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A throw-away project: data/raw/summit (the seeds), reports/other (an earlier run's output),
    a tiny template; the working directory is the corpus folder."""
    root = tmp_path / "project"
    corpus = root / "data" / "raw" / "summit"
    shutil.copytree(SEED_CORPUS, corpus)
    other = root / "reports" / "other"
    other.mkdir(parents=True)
    (other / "index.html").write_text("another corpus's reports")
    write_marker(other, "other", ["index.html"], "report")
    write_tiny_template(root / "notebooks")
    monkeypatch.setattr(config, "REPORTS_DIR", root / "reports")
    monkeypatch.chdir(corpus)
    return root


@pytest.mark.slow
def test_report_dotdot_from_inside_a_corpus_writes_reports_raw_and_deletes_nothing(project):
    before = hash_tree(project)
    assert cli.main(["report", "..", "--notebooks", str(project / "notebooks"),
                     "--no-progress"]) == 0
    after = hash_tree(project)
    assert {k: v for k, v in after.items() if k in before} == before  # nothing removed or changed
    new = sorted({k.split("/")[1] for k in set(after) - set(before)})
    assert new == ["raw"]  # reports/raw, named after the resolved corpus folder
    assert (project / "reports" / "raw" / "50-tiny.html").exists()


@pytest.mark.slow
def test_report_dot_leaves_the_other_corpora_reports_alone(project):
    other = hash_tree(project / "reports" / "other")
    assert cli.main(["report", ".", "--notebooks", str(project / "notebooks"),
                     "--no-progress"]) == 0
    assert sorted(os.listdir(project / "reports")) == ["other", "summit"]
    assert hash_tree(project / "reports" / "other") == other
    marker = json.loads((project / "reports" / "summit" / MARKER).read_text())
    assert marker["corpus"] == str(project / "data" / "raw" / "summit")
    assert "50-tiny.html" in marker["entries"] and "tables" in marker["entries"]


FIGURE_BODY = "import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4])\nplt.show()"


@pytest.mark.slow
def test_figures_are_drawn_whatever_mplbackend_says_and_a_missing_one_is_flagged(
        tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks, "50-figure", FIGURE_BODY)
    write_tiny_template(notebooks, "51-lost", "import matplotlib\nmatplotlib.use('Agg')\n" + FIGURE_BODY)
    summary = run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False)
    status = {n.name: (n.status, n.error) for n in summary.notebooks}
    assert status["50-figure"] == ("ok", "")
    assert report.count_figures(tmp_path / "out" / "50-figure.ipynb") == 1
    assert status["51-lost"] == ("failed", "no figure in the report although its template draws "
                                           "figures (matplotlib drew them nowhere)")
    index = (tmp_path / "out" / "index.html").read_text()
    assert "<tr class='failed'><td><a href=\"51-lost.html\">51-lost</a>" in index


@pytest.mark.slow
def test_a_run_with_no_usable_article_keeps_the_earlier_reports(tmp_path):
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks)
    out = tmp_path / "out"
    first = run_reports(SEED_CORPUS, out, notebooks=notebooks, progress=False)
    assert first.n_articles == 2 and not first.kept_previous
    before = hash_tree(out)
    empty = tmp_path / "empty-corpus"
    empty.mkdir()
    (empty / "blank.txt").write_text("")
    second = run_reports(empty, out, notebooks=notebooks, progress=False)
    assert second.n_articles == 0 and second.kept_previous
    assert hash_tree(out) == before and no_leftovers(out)


def test_a_damaged_tables_cache_is_not_copied_into_reports(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    assert report.analyse_once(corpus, None, tmp_path / "a" / "tables", 1) == (2, 0, False)
    assert report.analyse_once(corpus, None, tmp_path / "b" / "tables", 1) == (2, 0, True)
    [cached] = (tmp_path / "cache").glob("corpus-*/tables/articles.csv")
    cached.write_text(cached.read_text()[:40])  # truncated: a header and part of a row
    assert report.analyse_once(corpus, None, tmp_path / "c" / "tables", 1) == (2, 0, False)
    assert "cached tables not used (articles.csv: " in caplog.text
    assert hash_tree(tmp_path / "c" / "tables").keys() == hash_tree(tmp_path / "a" / "tables").keys()
    assert ((tmp_path / "c" / "tables" / "articles.csv").read_bytes()
            == (tmp_path / "a" / "tables" / "articles.csv").read_bytes())


@pytest.mark.slow
def test_a_killed_report_leaves_no_kernel_and_the_next_run_clears_its_leftovers(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    import psutil

    write_tiny_template(tmp_path / "slow", "50-slow", "import time\ntime.sleep(120)")
    write_tiny_template(tmp_path / "quick", "50-quick")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "analysis.cli", "report", str(SEED_CORPUS), "--out", str(out),
               "--no-progress", "--notebooks"]
    run = subprocess.Popen(command + [str(tmp_path / "slow")], cwd=Path(__file__).parents[2],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent, kernels, deadline = psutil.Process(run.pid), [], time.time() + 300
    while not kernels and time.time() < deadline:
        kernels = [p for p in parent.children(recursive=True) if "ipykernel" in " ".join(p.cmdline())]
        time.sleep(0.5)
    assert kernels, "the run never started its kernel"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    gone, alive = psutil.wait_procs(kernels, timeout=20)
    assert not alive
    assert not out.exists() and [p.name for p in tmp_path.glob(".out.*")]  # staging and lock left
    assert subprocess.run(command + [str(tmp_path / "quick")], cwd=Path(__file__).parents[2],
                          capture_output=True).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "quick", "slow"]
    assert (out / "50-quick.html").exists()


def executed_page_notebook(path: Path) -> Path:
    """An executed notebook as papermill leaves it: markdown with $math$, a figure with alt text,
    a figure without, an HTML table and a stream."""
    from nbformat.v4 import new_output

    png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    figure = new_code_cell("display.figure(fig)", outputs=[new_output(
        "display_data", data={"image/png": png, "text/plain": "Tone per outlet: Harbor Times 0.1"},
        metadata={"image/png": {"alt": "Tone per outlet: Harbor Times 0.1"}})])
    bare = new_code_cell("plt.show()", outputs=[new_output(
        "display_data", data={"image/png": png, "text/plain": "<Figure size 640x480>"})])
    table = new_code_cell("display.show(df)", outputs=[new_output(
        "display_data", data={"text/html": "<table class='np-table'><tr><td>x</td></tr></table>",
                              "text/plain": "x"})])
    notebook = new_notebook(cells=[new_markdown_cell("# Tone\n\nCosts $5 and $6."), figure, bare,
                                   table])
    notebook.metadata["kernelspec"] = {"name": "newsprism", "language": "python",
                                       "display_name": "Python (newsprism)"}
    nbformat.write(notebook, path)
    return path


def test_a_report_page_runs_no_script_loads_nothing_and_carries_the_index_csp(tmp_path):
    page = tmp_path / "page.html"
    report.render_html(executed_page_notebook(tmp_path / "page.ipynb"), page, title="Tone <b>")
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert not re.search(r"https?://", text), re.findall(r".{40}https?://.{40}", text)[:3]
    assert not re.search(r"""(src|href)=["']?//""", text)
    meta = re.search(r'<meta[^>]*http-equiv="Content-Security-Policy"[^>]*>', text)
    csp = re.search(r'content="([^"]+)"', meta.group(0)) if meta else None
    assert csp and html.unescape(csp.group(1)) == report.INDEX_CSP
    alts = re.findall(r'<img[^>]*alt="([^"]*)"', text)
    assert alts[0] == "Tone per outlet: Harbor Times 0.1"
    assert "No description has been provided" not in text and len(alts) == 2
    assert "<title>Tone &lt;b&gt;</title>" in text
    assert "/*" not in "".join(re.findall(r"<style[^>]*>(.*?)</style>", text, re.DOTALL))


def test_the_code_page_uses_the_same_template(tmp_path):
    page = tmp_path / "page.code.html"
    report.render_html(executed_page_notebook(tmp_path / "page.ipynb"), page, show_code=True)
    text = page.read_text(encoding="utf-8")
    assert "display.figure(fig)" in re.sub(r"<[^>]+>", "", text) and "<script" not in text.lower()
    assert 'http-equiv="Content-Security-Policy"' in text


def test_bundle_zips_the_whole_report_folder_under_its_name(tmp_path):
    import zipfile

    out = tmp_path / "summit"
    (out / "figure-tables").mkdir(parents=True)
    (out / "index.html").write_text("<html></html>")
    (out / "figure-tables" / "a.csv").write_text("outlet\nA\n")
    bundle = report.write_bundle(out)
    assert bundle == tmp_path / "summit.zip"
    with zipfile.ZipFile(bundle) as archive:
        assert sorted(archive.namelist()) == ["summit/figure-tables/a.csv", "summit/index.html"]
        assert archive.read("summit/figure-tables/a.csv") == b"outlet\nA\n"
    assert not list(tmp_path.glob(".summit.zip.partial-*"))


def test_report_bundle_flag_writes_the_zip(tmp_path, monkeypatch, capsys):
    out = tmp_path / "r"

    def fake_run(corpus, out_dir, **kwargs):
        Path(out_dir).mkdir(parents=True)
        (Path(out_dir) / "index.html").write_text("x")
        return RunSummary(str(out_dir), str(corpus), n_articles=2)

    monkeypatch.setattr(report, "run_reports", fake_run)
    code = cli.main(["report", str(SEED_CORPUS), "--out", str(out), "--bundle", "--no-progress",
                     "--quiet"])
    assert code == 0 and (tmp_path / "r.zip").exists()
    assert f"bundle: {tmp_path / 'r.zip'}" in capsys.readouterr().out


def test_a_report_without_data_is_not_applicable_in_the_index_never_ok_nor_failed(tmp_path):
    summary = RunSummary(out=str(tmp_path), corpus="/x/c", n_articles=3, notebooks=[
        NotebookRun("01-a", "t", "ok", "", 1.0, "01-a.html", "01-a.ipynb"),
        NotebookRun("06-v", "t", "not applicable", "no <gold> here", 1.0, "06-v.html", "06-v.ipynb"),
    ])
    assert summary.failed == []
    body = write_index(tmp_path, summary).read_text().split("<body>", 1)[1]
    row = re.search(r"<tr class='not-applicable'>.*?</tr>", body).group(0)
    assert "<td>not applicable</td>" in row and "no &lt;gold&gt; here" in row and ">ok<" not in row
    assert "All 2 report(s) rendered (1 not applicable to this corpus)" in body
    assert "failed" not in body.split("<table")[1]


@pytest.mark.slow
def test_validation_is_not_applicable_on_a_corpus_without_gold_and_writes_the_template(tmp_path):
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    template = next(t for t in list_templates() if t.stem.startswith("06"))
    shutil.copy(template, notebooks / template.name)
    summary = run_reports(WRENFIELD, tmp_path / "out", notebooks=notebooks, progress=False,
                          params={"sample_size": 3})
    [run] = summary.notebooks
    assert run.status == "not applicable" and "no hand annotation" in run.error, run
    html_page = (tmp_path / "out" / f"{template.stem}.html").read_text(encoding="utf-8")
    assert "Not applicable:" in html_page and "attributions.check.csv" in html_page
    written = tmp_path / "out" / "figure-tables" / "attributions.check.csv"
    import pandas as pd
    sample = pd.read_csv(written, dtype=str, keep_default_na=False)
    assert len(sample) == 3 and set(sample.article_id) <= {
        "gazette-01", "gazette-02", "metro-01", "metro-02", "times-01", "valley-01"}
    assert (sample.verdict == "").all() and (sample.sentence != "").all()
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<td>not applicable</td>" in index and "<td>ok</td>" not in index
    assert json.loads((tmp_path / "out" / "run.json").read_text())["reports"][0]["status"] == "not applicable"


@pytest.mark.slow
def test_a_filled_in_check_file_in_the_corpus_folder_is_scored_by_the_next_report(tmp_path):
    import pandas as pd

    corpus = tmp_path / "wrenfield"
    shutil.copytree(WRENFIELD, corpus)
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    template = next(t for t in list_templates() if t.stem.startswith("06"))
    shutil.copy(template, notebooks / template.name)
    run_reports(corpus, tmp_path / "first", notebooks=notebooks, progress=False,
                params={"sample_size": 4})
    sample = pd.read_csv(tmp_path / "first" / "figure-tables" / "attributions.check.csv",
                         dtype=str, keep_default_na=False)
    sample["verdict"] = ["right", "right", "wrong", ""]  # what a person marked
    sample.to_csv(corpus / "attributions.check.csv", index=False)
    summary = run_reports(corpus, tmp_path / "second", notebooks=notebooks, progress=False)
    assert [(n.status, n.error) for n in summary.notebooks] == [("ok", "")]
    assert summary.n_articles == 6  # the check file is not read as an article
    page = (tmp_path / "second" / f"{template.stem}.html").read_text(encoding="utf-8")
    assert "Precision of the extractor on 3 attributions checked by hand" in page
    assert "67% (2 right)" in page and "1 row(s) of the file have no verdict" in page
    assert "3 of the 3 checked are still extracted" in page
    figures = pd.read_csv(tmp_path / "second" / "figure-tables" / "attribution-check-precision.csv")
    assert dict(zip(figures.measure, figures.value))["n_checked"] == 3


@pytest.mark.slow
def test_a_parquet_only_report_loads_its_tables_in_the_notebooks(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks, "50-tables", body=(
        "from analysis.run.tables import load_tables\n"
        "from analysis.views import display\n"
        "t = load_tables(corpus, tables)\n"
        "assert len(t.articles) == 2 and len(t.sentences) > 10\n"
        "display.say('{n} articles', n=len(t.articles))"))
    summary = run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False,
                          formats=("parquet",))
    assert [n.status for n in summary.notebooks] == ["ok"], summary.notebooks
    assert set(summary.notebooks[0].phases) == {"kernel_and_imports", "waiting_for_tables",
                                                "execute", "render"}
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["reports"][0]["phases"]["execute"] > 0
    tables = tmp_path / "out" / "tables"
    assert (tables / "articles.parquet").exists() and not list(tables.glob("*.csv"))
    assert summary.n_articles == 2
    assert '<a href="tables/rejected.parquet">' in (tmp_path / "out" / "index.html").read_text()
    both = run_reports(SEED_CORPUS, tmp_path / "out2", notebooks=notebooks, progress=False)
    assert not both.tables_reused  # the parquet-only tables are cached apart from the default ones
    assert (tmp_path / "out2" / "tables" / "articles.csv").exists()


def test_the_kernel_warm_up_imports_pyplot_only_for_templates_that_draw(tmp_path):
    plain = write_tiny_template(tmp_path, "50-plain")
    drawing = write_tiny_template(tmp_path, "51-drawing", body=(
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])"))
    assert "matplotlib.pyplot" not in report.warm_up_code(plain)
    assert report.warm_up_code(drawing).endswith("import matplotlib.pyplot")
    assert report.warm_up_code(drawing).startswith(report.template_imports(drawing))


@pytest.mark.slow
def test_a_kernel_runs_reports_in_turn_each_as_in_a_fresh_kernel_and_is_replaced_after_a_failure(
        tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks, "50-leaves-state", body=(
        "import os, warnings\nimport matplotlib\n"
        "secret = 41\nwarnings.simplefilter('ignore')\n"
        "matplotlib.rcParams['lines.linewidth'] = 9.5\nos.chdir('/')"))
    write_tiny_template(notebooks, "51-finds-none", body=(
        "import os, warnings\nimport matplotlib\n"
        "assert 'secret' not in globals()\n"
        "assert ('ignore', None, Warning, None, 0) not in warnings.filters\n"
        "assert matplotlib.rcParams['lines.linewidth'] != 9.5\n"
        "assert os.getcwd() != '/'"))
    write_tiny_template(notebooks, "60-broken", 'raise RuntimeError("forced failure")')
    write_tiny_template(notebooks, "70-after")
    summary = run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False, jobs=1)
    runs = {n.name: n for n in summary.notebooks}
    assert {name: run.status for name, run in runs.items()} == {
        "50-leaves-state": "ok", "51-finds-none": "ok", "60-broken": "failed", "70-after": "ok"}
    # one kernel for the first three; the failure's kernel is not trusted with the next report
    assert [runs[n].kernel for n in sorted(runs)] == [1, 1, 1, 2]
    second = nbformat.read(tmp_path / "out" / "51-finds-none.ipynb", as_version=4)
    assert [c.execution_count for c in second.cells if c.cell_type == "code"] == [1, 2, 3]
    assert all(not c.get("outputs") for c in second.cells if c.cell_type == "code")
    assert not child_kernels()


def waiting_kernel_call(tmp_path, monkeypatch, call: str):
    """A KernelPool running ``call`` ("warm-up" or "reset") in a thread on a kernel that never
    answers it (it writes a marker, then sleeps for an hour); returns the pool, the thread, the
    kernel (once known) and what the call returned, after the marker appeared."""
    import threading
    import time

    marker = tmp_path / "busy"
    hang = f"open({str(marker)!r}, 'w').close()\nimport time\ntime.sleep(3600)"
    monkeypatch.setattr(report, "KERNEL_READY_SECONDS", 3600)  # its own timeout never ends the wait
    pool, result = report.KernelPool(), {}
    if call == "reset":
        monkeypatch.setattr(report, "RESET_CODE", hang)
        result["km"] = pool.start(report.kernel_name(), tmp_path)

        def work():
            result["value"] = pool.reset(result["km"])
    else:
        def work():
            result["km"] = pool.start(report.kernel_name(), tmp_path, warm_up=hang)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    deadline = time.monotonic() + 300  # kernel start-up on a loaded machine, not what is tested
    while not marker.exists() and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert marker.exists(), "the kernel never ran the code"
    return pool, thread, result


@pytest.mark.slow
@pytest.mark.parametrize("call", ["warm-up", "reset"])
def test_an_interrupt_ends_a_wait_on_a_kernel_that_never_answers(tmp_path, monkeypatch, call):
    pool, thread, result = waiting_kernel_call(tmp_path, monkeypatch, call)
    pool.stop_all()  # what an interrupted run does: kill the kernels from the main thread
    thread.join(timeout=60)  # the wait would otherwise last KERNEL_READY_SECONDS (an hour here)
    assert not thread.is_alive()
    assert result.get("value", False) is False  # a reset that did not happen says so
    pool.stop(result["km"])
    assert not child_kernels()


@pytest.mark.slow
def test_a_kernel_that_dies_during_its_warm_up_ends_the_wait(tmp_path, monkeypatch):
    pool, thread, result = waiting_kernel_call(tmp_path, monkeypatch, "warm-up")
    kernels = child_kernels()
    assert len(kernels) == 1
    kernels[0].kill()  # the kernel dies on its own: the run is not interrupted
    thread.join(timeout=60)
    assert not thread.is_alive() and not pool.aborted.is_set()
    pool.stop(result["km"])  # reaps it
    assert not child_kernels()


def test_an_interrupt_before_any_kernel_starts_leaves_no_staging_folder(tmp_path, monkeypatch):
    notebooks = tmp_path / "nb"
    write_tiny_template(notebooks)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(report, "kernel_name", interrupted)  # the first step inside the run
    with pytest.raises(KeyboardInterrupt):
        run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False)
    monkeypatch.undo()
    monkeypatch.setattr(report, "shared_warm_up", interrupted)  # before it: the templates read
    with pytest.raises(KeyboardInterrupt):
        run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False)
    assert not (tmp_path / "out").exists() and no_leftovers(tmp_path / "out")
