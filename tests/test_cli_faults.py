"""`newsprism analyze` under faults: every bad input of issue 19 in one corpus (exit 0, each named),
a full disk and a read-only folder (one line, earlier output intact, no partial file), two runs on
one folder, and a killed run (no worker left)."""

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from tests.conftest import SEED_1, SEED_2, SEED_CORPUS, hash_tree

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def hostile_corpus(tmp_path):
    """The seeds plus one file of every input class that used to stop the whole run."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    (corpus / "latin").mkdir()
    (corpus / "latin" / "manifest.csv").write_bytes("source_file,title\ncafe.txt,Le Café\n"
                                                    .encode("latin-1"))
    (corpus / "latin" / "cafe.txt").write_text("Kim met Putin in a café in Pyongyang. They "
                                               "signed a pact.\n")
    (corpus / "mac.csv").write_bytes(b"id,text\rmac-1,Putin arrived in Pyongyang on Wednesday. "
                                     b"Kim greeted him at the airport.\r")
    (corpus / "deep.jsonl").write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    (corpus / "surrogate.jsonl").write_text(
        '{"id": "sur-1", "title": "Pact \\ud800", "text": "Kim met Putin \\udfff in Pyongyang. '
        'They signed a pact on Wednesday."}\n')
    os.symlink("loop-b.txt", corpus / "loop-a.txt")
    os.symlink("loop-a.txt", corpus / "loop-b.txt")
    os.symlink("missing.txt", corpus / "dangling.txt")
    with open(os.path.join(os.fsencode(corpus), b"r\xe9sum\xe9.txt"), "wb") as handle:
        handle.write(b"Putin and Kim met on Wednesday. Officials said the talks went well.\n")
    (corpus / "utf16.txt").write_bytes("Kim and Putin spoke for two hours. The pact covers "
                                       "defence.\n".encode("utf-16"))
    (corpus / "late-nul.txt").write_bytes(b"Kim met Putin. " * 700 + b"\x00binary")
    laughs = "---\na: &a [x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        prev = chr(ord(level) - 1)
        laughs += f"{level}: &{level} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
    (corpus / "laughs.md").write_text(laughs + "---\nKim met Putin.\n")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "manifest.csv").write_text("source_file,outlet\nsub.txt,Sub Outlet\n")
    (corpus / "sub" / "sub.txt").write_text("Putin left Pyongyang on Thursday. Kim saw him off.\n")
    return corpus


def test_every_bad_input_is_named_once_and_the_rest_goes_through(hostile_corpus, tmp_path, capsys):
    before = hash_tree(hostile_corpus)
    assert main(["analyze", str(hostile_corpus), "--out", str(tmp_path / "out")]) == 0
    tables = tmp_path / "out" / "tables"
    rejected = pd.read_csv(tables / "rejected.csv", dtype=str).fillna("")
    assert dict(zip(rejected.source_file, rejected.reason)) == {
        "deep.jsonl": "line 1: JSON nested too deeply to read",
        "loop-a.txt": "symbolic link loop",
        "loop-b.txt": "symbolic link loop",
        "dangling.txt": "dangling symbolic link (its target does not exist)",
        "late-nul.txt": "binary file, not text (NUL byte at offset 10500)",
        "laughs.md": "front matter is not valid YAML: aliases (*name) are not allowed",
    }
    articles = pd.read_csv(tables / "articles.csv", dtype=str).set_index("article_id")
    assert set(articles.index) == {SEED_1, SEED_2, "cafe", "mac-1", "sur-1", "r-xe9sum-xe9",
                                   "utf16", "sub"}
    assert articles.loc["cafe", "title"] == "Le Café"
    assert articles.loc["sub", "outlet"] == "Sub Outlet"
    assert articles.loc["sur-1", "title"] == "Pact \ufffd"
    messages = " | ".join(pd.read_csv(tables / "warnings.csv", dtype=str).message)
    for expected in ("latin/manifest.csv: not valid UTF-8", "mac.csv: lines end in CR alone",
                     "surrogate.jsonl: lone surrogate code point(s) in text, title",
                     "r\\xe9sum\\xe9.txt: file name is not valid UTF-8"):
        assert expected in messages
    assert pd.read_parquet(tables / "articles.parquet").shape[0] == 8  # every row was writable
    err = capsys.readouterr().err
    for name in ("deep.jsonl", "loop-a.txt", "dangling.txt", "late-nul.txt", "laughs.md"):
        assert f"rejected {name}: " in err
    assert hash_tree(hostile_corpus) == before


def test_strict_or_nothing_usable_exits_1(hostile_corpus, tmp_path):
    assert main(["analyze", str(hostile_corpus), "--out", str(tmp_path / "a"), "--strict"]) == 1
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    os.symlink("missing.txt", nothing / "dangling.txt")
    assert main(["analyze", str(nothing), "--out", str(tmp_path / "b")]) == 1


def _fail_writes(monkeypatch, code: int, after: int = 2):
    from analysis.core import writer

    real = writer.TableWriter.append
    calls = []

    def failing(self, name, frame):
        calls.append(name)
        if len(calls) > after:
            raise OSError(code, os.strerror(code), str(self.folder / f"{name}.csv"))
        return real(self, name, frame)

    monkeypatch.setattr(writer.TableWriter, "append", failing)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_full_disk_or_read_only_is_one_line_and_the_earlier_output_stays(tmp_path, monkeypatch,
                                                                          capsys, code):
    import shutil

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(SEED_CORPUS, corpus)
    assert main(["analyze", str(corpus), "--out", str(out)]) == 0
    before = hash_tree(out)
    capsys.readouterr()
    (corpus / "new.txt").write_text("Putin met Kim in Pyongyang. They signed a pact.\n")
    _fail_writes(monkeypatch, code)
    assert main(["analyze", str(corpus), "--out", str(out), "--chunk-size", "1"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("newsprism analyze: cannot write ")
    assert f"{os.strerror(code)}; earlier output in {out} is unchanged" in err
    assert hash_tree(out) == before
    assert sorted(os.listdir(out)) == [".newsprism-output.json", "tables"]
    assert sorted(os.listdir(tmp_path)) == ["corpus", "out"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_one_clear_error(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["analyze", str(SEED_CORPUS), "--out", str(out)]) == 2
    finally:
        out.chmod(0o755)
    assert "Permission denied; earlier output in" in capsys.readouterr().err


@pytest.fixture()
def small_disk(tmp_path):
    """A 4 MB tmpfs of our own (needs root and mount rights: skipped elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)],
                          capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", str(mount)], check=True)


def test_a_real_full_disk_and_a_real_read_only_folder(small_disk, tmp_path, capsys):
    import shutil

    corpus, out = tmp_path / "corpus", small_disk / "out"
    shutil.copytree(SEED_CORPUS, corpus)
    assert main(["analyze", str(corpus), "--out", str(out)]) == 0
    before = hash_tree(out)
    capsys.readouterr()
    free = shutil.disk_usage(small_disk).free
    (small_disk / "filler").write_bytes(b"\0" * (free - 20_000))  # 20 KB left: not enough
    (corpus / "new.txt").write_text("Putin met Kim again on Friday. They signed a second pact.\n")
    assert main(["analyze", str(corpus), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"newsprism analyze: cannot write {out}: No space left on device; earlier "
                   f"output in {out} is unchanged\n")
    assert hash_tree(out) == before and sorted(os.listdir(out)) == [".newsprism-output.json", "tables"]
    (small_disk / "filler").unlink()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    assert main(["analyze", str(corpus), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (f"newsprism analyze: cannot write {small_disk}/.out.lock: "
                                       f"Read-only file system; earlier output in {out} is "
                                       "unchanged\n")
    assert hash_tree(out) == before


def _analyze(corpus, out, *extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "analysis.cli", "analyze", str(corpus), "--out",
                             str(out), *extra], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_runs_into_one_folder_never_mix(tmp_path):
    from benchmarks.generate_corpus import write_folder

    corpus = write_folder(tmp_path / "corpus", 40, seed=9)
    out = tmp_path / "out"
    first = _analyze(corpus, out, "--jobs", "1", "--no-cache")
    time.sleep(1.0)  # the first holds the lock by now (imports take longer than this)
    second = _analyze(corpus, out, "--jobs", "1", "--no-cache")
    outcomes = [(p.wait(600), p.communicate()[1]) for p in (first, second)]
    assert outcomes[0][0] == 0
    code, err = outcomes[1]
    assert code == 0 or (code == 2 and "another newsprism run (pid" in err and str(out) in err)
    assert len(pd.read_csv(out / "tables" / "articles.csv")) == 40
    assert not [p for p in out.iterdir() if p.name.startswith(".tables.partial")]
    assert json.loads((out / ".newsprism-output.json").read_text())["entries"] == ["tables"]


@pytest.mark.slow
def test_a_killed_run_leaves_no_worker(tmp_path):
    import psutil

    from benchmarks.generate_corpus import write_folder

    corpus = write_folder(tmp_path / "corpus", 400, seed=11)
    # one batch of every article: the engine starts workers only for a batch worth more than a
    # second of serial work (engine.POOL_WORTH_SECONDS), and a batch of 50 took less than that on
    # a fast machine (2026-12-04: the run ended in 17 s without a worker)
    run = _analyze(corpus, tmp_path / "out", "--jobs", "2", "--no-cache", "--chunk-size", "400")
    parent = psutil.Process(run.pid)
    deadline = time.time() + 300
    workers = []
    while time.time() < deadline and len(workers) < 2 and run.poll() is None:
        workers = parent.children(recursive=True)
        time.sleep(0.2)
    assert len(workers) >= 2, "the run never started its workers"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    gone, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, [p.cmdline() for p in alive]
