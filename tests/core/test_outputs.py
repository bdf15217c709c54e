"""Tests for analysis/core/outputs.py: newsprism writes only into folders it owns, replaces only what
it wrote, and one run at a time writes a folder."""

import json
import multiprocessing
import os

import pytest

from analysis.core.outputs import (
    MARKER,
    OutputRefused,
    check_output,
    claimed,
    default_output,
    lock_path,
    locked,
    owned_entries,
    replace_entries,
    write_marker,
)
from tests.conftest import hash_tree


def test_default_name_is_the_resolved_folder_name_never_dot_or_dotdot(tmp_path, monkeypatch):
    corpus = tmp_path / "project" / "data" / "raw" / "summit"
    corpus.mkdir(parents=True)
    monkeypatch.chdir(corpus)
    reports = tmp_path / "project" / "reports"
    assert default_output("..", reports) == reports / "raw"
    assert default_output(".", reports) == reports / "summit"
    assert default_output("./", reports) == reports / "summit"
    with pytest.raises(OutputRefused, match="no folder name"):
        default_output("/", reports)


def test_a_folder_of_other_files_is_refused_with_one_line_naming_it(tmp_path):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.md").write_text("my work")
    with pytest.raises(OutputRefused) as refused:
        check_output(thesis)
    assert str(refused.value) == (f"{thesis}: folder holds files newsprism did not write; give a "
                                  "new or empty --out (or --force to write beside them, never over "
                                  "them)")
    assert "\n" not in str(refused.value)


def test_new_empty_and_marked_folders_are_accepted(tmp_path):
    check_output(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_output(tmp_path / "empty")
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / "index.html").write_text("old")
    write_marker(marked, "corpus", ["index.html"], "report")
    check_output(marked)
    marker = json.loads((marked / MARKER).read_text())
    assert marker["corpus"] == "corpus" and marker["entries"] == ["index.html"]
    assert marker["written"][:2] == "20"


def test_reports_written_before_the_marker_are_recognised_by_their_run_json(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    (old / "run.json").write_text(json.dumps({"corpus": "/c", "reports": [{"name": "01-a"}]}))
    assert {"01-a.html", "01-a.ipynb", "index.html", "tables"} <= owned_entries(old)
    check_output(old)


def test_tables_an_earlier_analyze_wrote_are_recognised_by_their_stamp(tmp_path):
    old = tmp_path / "old"
    (old / "tables").mkdir(parents=True)
    (old / "tables" / "_run.json").write_text("{}")
    assert owned_entries(old) == {"tables"}
    (old / "tables" / "_run.json").unlink()
    assert owned_entries(old) is None


def test_force_writes_beside_other_files_but_never_over_them(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("keep")
    check_output(notes, force=True, writes=["tables"])
    (notes / "tables").mkdir()
    with pytest.raises(OutputRefused, match="tables exist.*newsprism did not write them"):
        check_output(notes, force=True, writes=["tables"])


def test_the_corpus_a_folder_holding_it_or_one_inside_it_is_refused(tmp_path):
    corpus = tmp_path / "data" / "raw" / "c"
    corpus.mkdir(parents=True)
    for out in (corpus, tmp_path / "data", tmp_path):
        with pytest.raises(OutputRefused, match="holds the corpus"):
            check_output(out, corpus, force=True)
    with pytest.raises(OutputRefused, match="is inside the corpus"):
        check_output(corpus / "reports", corpus)


def test_replacing_removes_only_what_the_last_run_wrote(tmp_path):
    out, new, aside = tmp_path / "out", tmp_path / "new", tmp_path / "aside"
    out.mkdir()
    new.mkdir()
    (out / "index.html").write_text("old index")
    (out / "gone.html").write_text("a report this run does not make")
    write_marker(out, "c", ["index.html", "gone.html"], "report")
    (out / "my-notes.md").write_text("the user's")
    (new / "index.html").write_text("new index")
    write_marker(new, "c", ["index.html"], "report")
    replace_entries(new, out, aside)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html", "my-notes.md"]
    assert (out / "index.html").read_text() == "new index"
    assert (out / "my-notes.md").read_text() == "the user's" and not aside.exists()


def test_replacing_refuses_a_clash_with_a_file_newsprism_did_not_write(tmp_path):
    out, new = tmp_path / "out", tmp_path / "new"
    out.mkdir()
    new.mkdir()
    (out / "index.html").write_text("the user's own index")
    (new / "index.html").write_text("new")
    before = hash_tree(out)
    with pytest.raises(OutputRefused, match="index.html exist"):
        replace_entries(new, out, tmp_path / "aside")
    assert hash_tree(out) == before


def _hold_lock(out, ready, release):
    with locked(out):
        ready.set()
        release.wait(10)


def test_a_second_run_on_the_same_folder_is_refused_while_the_first_writes(tmp_path):
    out = tmp_path / "out"
    context = multiprocessing.get_context("fork")
    ready, release = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(out, ready, release))
    holder.start()
    try:
        assert ready.wait(10)
        with pytest.raises(OutputRefused) as refused:
            with locked(out):
                pass
        assert str(refused.value) == (f"{out}: another newsprism run (pid {holder.pid}) is writing "
                                      "this folder; wait for it to finish or give another --out")
    finally:
        release.set()
        holder.join(10)
    with locked(out):  # free again once the first run is done
        assert lock_path(out).exists()
    assert not lock_path(out).exists()


def test_claimed_marks_the_folder_and_removes_a_folder_it_created_on_failure(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with claimed(tmp_path / "out", corpus, False, ["tables"], "analyze") as out:
        (out / "tables").mkdir()
    assert json.loads((out / MARKER).read_text())["entries"] == ["tables"]
    with pytest.raises(RuntimeError), claimed(tmp_path / "failed", corpus, False, ["tables"], "analyze"):
        raise RuntimeError("analysis failed")
    assert not (tmp_path / "failed").exists()
    assert sorted(os.listdir(tmp_path)) == ["corpus", "out"]
