"""Tests for benchmarks/memory_phases.py: a peak per phase, and the instrumented run writes the
tables an ordinary run writes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate_corpus import write_folder

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux only"),
              pytest.mark.slow]  # two analyses, one in a fresh interpreter


def test_phases_are_measured_and_the_tables_are_those_of_an_ordinary_run(tmp_path):
    from analysis.run.pipeline import analyze_to

    corpus = write_folder(tmp_path / "c", 12, seed=4)
    plain, probed, rows = tmp_path / "plain", tmp_path / "probed", tmp_path / "phases.json"
    analyze_to(corpus, plain, jobs=1, cache=False)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "memory_phases.py"), str(corpus),
                    str(probed), "--jobs", "1", "--json", str(rows)], check=True, cwd=ROOT,
                   capture_output=True)
    phases = json.loads(rows.read_text())
    names = [row["phase"] for row in phases]
    # a stage that streams its pieces (terms, linking, comparison) is marked when they are done
    assert "per-article pass" in names and any(n.split(":")[0] == "terms_stage" for n in names)
    assert any(name.strip().startswith("block ") for name in names)  # comparison blocks
    assert all(row["peak_mb"] >= row["end_mb"] * 0.99 > 0 for row in phases)
    written = sorted(p.name for p in plain.iterdir() if p.suffix in (".csv", ".parquet"))
    assert written and written == sorted(p.name for p in probed.iterdir()
                                         if p.suffix in (".csv", ".parquet"))
    for name in written:
        if name.endswith(".csv"):
            assert (plain / name).read_bytes() == (probed / name).read_bytes(), name
