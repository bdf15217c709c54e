"""Tests for analysis/run/corpus_stage.py: corpus stages in their own process, same tables."""

import os
from pathlib import Path

import pytest

from analysis.run import corpus_stage
from analysis.run.article import Options
from analysis.run.corpus_stage import StageFailed, StageJob, run_apart

HELPERS = "tests.run.stage_helpers"


def job(folder: Path, name: str) -> StageJob:
    return StageJob(f"{HELPERS}:{name}", str(folder), ("parquet",), Options(), None, "")


def test_a_stage_runs_in_another_process_and_reports_its_peak(tmp_path):
    done = run_apart(job(tmp_path, "pid_stage"))
    pid = int((tmp_path / "stage-pid.txt").read_text())
    assert pid != os.getpid()
    assert (done.blocks_cached, done.blocks_computed) == (0, 0)
    assert done.peak_mb > 10 and done.cpu_seconds > 0


def test_an_error_in_the_stage_is_raised_here_naming_the_stage(tmp_path):
    with pytest.raises(ValueError, match="Quellbrook gazette has no outlet column") as raised:
        run_apart(job(tmp_path, "failing_stage"))
    notes = "\n".join(raised.value.__notes__)
    assert f"{HELPERS}:failing_stage" in notes
    assert "in failing_stage" in notes  # the stage's own traceback


def test_an_error_that_cannot_be_loaded_back_comes_as_its_text(tmp_path):
    with pytest.raises(RuntimeError, match="MarshlandError: 7 tallies missing") as raised:
        run_apart(job(tmp_path, "failing_stage_unpicklable"))
    assert f"{HELPERS}:failing_stage_unpicklable" in "\n".join(raised.value.__notes__)


def test_a_process_that_dies_is_reported_with_the_stage(tmp_path):
    with pytest.raises(StageFailed, match=r"tests.run.stage_helpers:dying_stage.*exit status 3"):
        run_apart(job(tmp_path, "dying_stage"))


def test_the_environment_of_this_process_is_left_as_it_was(tmp_path, monkeypatch):
    monkeypatch.delenv(corpus_stage.ARROW_POOL_VARIABLE, raising=False)
    run_apart(job(tmp_path, "pid_stage"))
    assert corpus_stage.ARROW_POOL_VARIABLE not in os.environ


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A generated corpus analysed twice: every corpus stage in this process, then each in its
    own; each run with its own cache (so the comparison blocks are counted)."""
    from analysis.run.pipeline import analyze_to
    from benchmarks.generate_corpus import write_folder

    root = tmp_path_factory.mktemp("apart")
    corpus = write_folder(root / "corpus", 12, seed=5)
    found = {}
    for name, least in (("here", 10**9), ("apart", 0)):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(corpus_stage, "APART_MIN_ARTICLES", least)
            calls = []
            real = corpus_stage.run_apart
            patch.setattr(corpus_stage, "run_apart",
                          lambda job, calls=calls, real=real: calls.append(job.spec) or real(job))
            result = analyze_to(corpus, root / name / "tables", jobs=1, cache=root / f"cache-{name}")
        found[name] = (root / name / "tables", result, calls)
    return found


def test_stages_apart_write_the_same_files_as_in_one_process(runs):
    from analysis.core.stages import CORPUS_STAGES

    (here, _, here_calls), (apart, _, apart_calls) = runs["here"], runs["apart"]
    assert here_calls == [] and apart_calls == list(CORPUS_STAGES)
    names = sorted(p.name for p in here.iterdir() if p.name != "_run.json")
    assert names == sorted(p.name for p in apart.iterdir() if p.name != "_run.json")
    assert any(n.endswith(".parquet") for n in names) and any(n.endswith(".csv") for n in names)
    different = [n for n in names if (here / n).read_bytes() != (apart / n).read_bytes()]
    assert different == []


def test_stages_apart_count_the_comparison_blocks(runs):
    here, apart = runs["here"][1], runs["apart"][1]
    assert here.n_blocks_computed > 0
    assert (apart.n_blocks_cached, apart.n_blocks_computed) == (here.n_blocks_cached,
                                                               here.n_blocks_computed)
