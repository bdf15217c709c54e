"""Tests for analysis/report.py: every template through papermill, failures isolated, parameters
checked before anything runs."""

import json
import shutil

import pytest

from analysis.report import (
    ParameterError,
    coerce,
    list_templates,
    output_name,
    run_reports,
    validate_parameters,
)
from tests.conftest import SEED_CORPUS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "summit"
    return run_reports(SEED_CORPUS, out, progress=False), out


def test_every_template_renders_on_the_bundled_corpus(seed_run):
    summary, out = seed_run
    assert [n.status for n in summary.notebooks] == ["ok"] * len(list_templates()), [
        (n.name, n.error) for n in summary.notebooks]
    for template in list_templates():
        html = (out / f"{template.stem}.html").read_text(encoding="utf-8")
        assert "Traceback" not in html and "Error" not in html.split("<body")[1][:2000]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{t.stem}.html"' in index for t in list_templates())
    assert (out / "tables" / "articles.csv").exists()
    run = json.loads((out / "run.json").read_text())
    assert run["versions"]["textstat"] and len(run["inputs_sha256"]) == 3


def test_a_failing_notebook_leaves_the_others_complete(tmp_path):
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    good = list_templates()[0]
    shutil.copy(good, notebooks / good.name)
    bad = (notebooks / good.name).read_text().replace(
        '"t = load_tables(corpus, tables)', '"raise RuntimeError(\\"forced failure\\")\\n",\n    "t = load_tables(corpus, tables)')
    (notebooks / "99-broken.ipynb").write_text(bad)
    summary = run_reports(SEED_CORPUS, tmp_path / "out", notebooks=notebooks, progress=False)
    status = {n.name: (n.status, n.error) for n in summary.notebooks}
    assert status[good.stem] == ("ok", "")
    assert status["99-broken"] == ("failed", "RuntimeError: forced failure")
    assert (tmp_path / "out" / f"{good.stem}.html").exists()
    assert (tmp_path / "out" / "99-broken.ipynb").exists()
    index = (tmp_path / "out" / "index.html").read_text()
    assert "FAILED" in index and "forced failure" in index


def test_misspelt_parameter_is_refused_before_anything_runs(tmp_path):
    with pytest.raises(ParameterError, match=r"unknown parameter\(s\) corpsu; valid: .*corpus \(str\)"):
        run_reports(SEED_CORPUS, tmp_path / "out", params={"corpsu": "x"}, progress=False)
    assert not (tmp_path / "out").exists()


def test_wrong_type_is_refused():
    with pytest.raises(ParameterError, match="must be int"):
        coerce("three", "int", "min_count")
    assert coerce("3", "int", "n") == 3 and coerce("true", "bool", "b") is True
    templates = list_templates()
    assert validate_parameters(templates, {})  # defaults are valid


def test_output_names_are_deterministic():
    assert output_name("data/raw/x", {"b": 2, "a": "hi there"}) == "x__a-hi-there__b-2"
