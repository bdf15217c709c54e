"""How much a full report run costs, against its floor and against the naive loop.

Three measurements, in one run, on the same templates (``notebooks/``) and corpus:

* **floor**: for each template, start one kernel (the project's kernelspec) and run the template's own
  import statements, then stop it; these jobs spread over the cores (one thread per core). Nothing
  can render a notebook for less.
* **suite**: ``newsprism report CORPUS`` as a user runs it (a fresh process: analysis once, every
  template through papermill concurrently, HTML rendered in-process, index, run.json), with an
  empty analysis cache; then again with the analysis cached (a repeat run, or the later runs of a
  portfolio on one corpus). The ratios use the first.
* **naive**: one template after another, ``papermill`` CLI then ``jupyter nbconvert --to html``.

Prints both ratios: suite / floor (goal <= 1.3) and naive / suite (goal >= 3). Floor and suite are
repeated (best of ``--repeat``); the naive loop runs once. The load average is printed because the
machine may be shared.

    .venv/bin/python benchmarks/report_suite.py [--repeat 3] [--jobs N] [--skip-naive]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.core import config  # noqa: E402
from analysis.report.runner import (  # noqa: E402
    kernel_name,
    list_templates,
    shared_warm_up,
    template_imports,
)

FLOOR_GOAL = 1.3  # issue 7: a run should cost at most 1.3 x starting the kernels and imports
NAIVE_GOAL = 3.0  # issue 7: at least 3 x faster than papermill CLI + nbconvert CLI, in sequence
BIN = Path(sys.executable).parent


def start_and_import(kernel: str, code: str, cwd: Path) -> None:
    """One floor job: start a kernel, run ``code`` in it, stop it."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=kernel)
    with open(os.devnull, "wb") as null:
        km.start_kernel(cwd=str(cwd), stdout=null, stderr=null)
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        reply = client.execute_interactive(code, timeout=300, output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"imports failed: {reply['content'].get('evalue')}")
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(job) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of ``job()``; CPU time barely depends on other load."""
    cpu, started = cpu_seconds(), time.perf_counter()
    job()
    return time.perf_counter() - started, cpu_seconds() - cpu


def measure_floor(templates: list[Path], jobs: int, work: Path) -> None:
    kernel = kernel_name()
    codes = [template_imports(t) for t in templates]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(lambda code: start_and_import(kernel, code, work), codes))


def measure_shared_floor(templates: list[Path], jobs: int, work: Path) -> None:
    """What the runner itself cannot go below: one kernel per job (as many as it keeps), each
    importing every template's libraries (its warm-up)."""
    kernel, code = kernel_name(), shared_warm_up(templates)
    n = max(1, min(jobs, len(templates)))
    with ThreadPoolExecutor(max_workers=n) as pool:
        list(pool.map(lambda _: start_and_import(kernel, code, work), range(n)))


def measure_suite(corpus: str, notebooks: Path, jobs: int, work: Path, cache: Path) -> None:
    """``newsprism report`` with ``cache`` as the analysis cache (empty: the corpus is analysed)."""
    out = work / "suite"
    shutil.rmtree(out, ignore_errors=True)
    command = [str(BIN / "newsprism"), "-q", "report", corpus, "--out", str(out), "--no-progress",
               "--notebooks", str(notebooks), "--jobs", str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True,
                          env=dict(os.environ, NEWSPRISM_CACHE=str(cache)))
    if done.returncode != 0:
        raise SystemExit(f"newsprism report failed:\n{done.stdout}\n{done.stderr}")


def measure_naive(corpus: str, templates: list[Path], work: Path) -> None:
    """papermill CLI then nbconvert CLI, one template after another (tables computed by the first
    notebook and cached for the others, as a notebook run alone does)."""
    out = work / "naive"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    env = dict(os.environ, NEWSPRISM_CACHE=str(work / "naive-cache"))
    for template in templates:
        executed = out / template.name
        subprocess.run([str(BIN / "papermill"), str(template), str(executed), "-p", "corpus", corpus,
                        "-k", kernel_name(), "-l", "python", "--cwd", str(out)],
                       check=True, capture_output=True, env=env)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(executed)], check=True, capture_output=True, env=env)


def cell_kind(cell: dict) -> str:
    """What a template cell's time goes to: ``imports`` (only import statements), ``loading`` (the
    ``load_tables`` call), ``plotting`` (it outputs a figure), else ``tables and text``."""
    source = "".join(cell.get("source", ""))
    if any("image/png" in output.get("data", {}) for output in cell.get("outputs", [])):
        return "plotting"
    if "load_tables(" in source:
        return "loading"
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    if lines and all(line.startswith(("import ", "from ", "    ", ")")) for line in lines):
        return "imports"
    return "tables and text"


TABLE_NAME = r"\bt(?:\.(\w+)|\[[\"'](\w+)[\"']\])"  # t.sentences, t["sentences"]


def table_reads(template: Path, tables: Path) -> tuple[float, int]:
    """Seconds to read, in a fresh ``Tables``, every table the template names (``t.NAME`` or
    ``t["NAME"]``), and how many: what the notebook's lazy loading costs, measured here."""
    import re

    from analysis.run.tables import Tables

    notebook = json.loads(template.read_text(encoding="utf-8"))
    source = "\n".join("".join(c.get("source", "")) for c in notebook["cells"])
    found = Tables(tables)
    names = sorted({a or b for a, b in re.findall(TABLE_NAME, source)} & set(found.names()))
    started = time.perf_counter()
    for name in names:
        found[name]
    return time.perf_counter() - started, len(names)


def breakdown(corpus: str, templates: list[Path], notebooks: Path, jobs: int, work: Path) -> None:
    """Per template: its floor alone (kernel start + imports), then, from a ``newsprism report``
    run with the analysis cached, the runner's phases (run.json) and papermill's cell durations by
    kind, the tables it reads, and rendering."""
    kernel = kernel_name()
    floors = {t.stem: timed(lambda t=t: start_and_import(kernel, template_imports(t), work))[0]
              for t in templates}
    measure_suite(corpus, notebooks, jobs, work, work / "cache-breakdown")  # fills the cache
    wall = timed(lambda: measure_suite(corpus, notebooks, jobs, work, work / "cache-breakdown"))[0]
    out = work / "suite"
    run = json.loads((out / "run.json").read_text())
    print(f"\n== per-template breakdown (analysis cached; suite {wall:.2f} s wall, "
          f"{jobs} job(s); analysis {run.get('analysis_seconds', 0):.2f} s)")
    kinds = ("imports", "loading", "tables and text", "plotting")
    print(f"{'template':<28} {'k':>2} {'floor':>6} {'kernel+imp':>10} {'wait':>6} {'execute':>8} "
          + " ".join(f"{k[:10]:>10}" for k in kinds) + f" {'papermill':>9} {'tables':>10} "
          f"{'render':>7} {'total':>7}")
    for report in run["reports"]:
        phases = report.get("phases", {})
        executed = json.loads((out / f"{report['name']}.ipynb").read_text(encoding="utf-8"))
        by_kind = dict.fromkeys(kinds, 0.0)
        for cell in executed["cells"]:
            duration = cell.get("metadata", {}).get("papermill", {}).get("duration")
            if cell.get("cell_type") == "code" and duration:
                by_kind[cell_kind(cell)] += duration
        execute = phases.get("execute", 0.0)
        reads, n_tables = table_reads(Path(report["template"]), out / "tables")
        print(f"{report['name']:<28} {report.get('kernel', 0):2} {floors.get(report['name'], 0):6.2f} "
              f"{phases.get('kernel_and_imports', 0):10.2f} {phases.get('waiting_for_tables', 0):6.2f} "
              f"{execute:8.2f} " + " ".join(f"{by_kind[k]:10.2f}" for k in kinds)
              + f" {execute - sum(by_kind.values()):9.2f} {reads:6.2f} ({n_tables:>2})"
              f" {phases.get('render', 0):7.2f} {report['seconds']:7.2f}")
    print("k: the run's kernel that ran it; floor: that template's kernel start + imports alone; "
          "kernel+imp: the same inside the run (2 at a time), or the reset of a kept kernel; "
          "papermill: execute minus its cells; tables: reading the tables it "
          "names in a fresh process (the cells' share of it is inside their kinds)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=config.DEFAULT_CORPUS)
    parser.add_argument("--notebooks", default=str(config.NOTEBOOKS_DIR))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="default: all cores")
    parser.add_argument("--repeat", type=int, default=3, help="floor and suite: best of N")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--breakdown", action="store_true",
                        help="instead: where each template's time goes (floor, kernel, cells by "
                             "kind, table reads, rendering)")
    args = parser.parse_args(argv)

    templates = list_templates(args.notebooks)
    corpus = str(config.resolve_corpus(args.corpus))
    work = Path(tempfile.mkdtemp(prefix="newsprism-bench-"))
    os.environ.setdefault("MPLCONFIGDIR", str(work / "mpl"))
    os.environ["NEWSPRISM_CACHE"] = str(work / "cache")
    load_before = os.getloadavg()
    print(f"{len(templates)} template(s) in {args.notebooks}; corpus {corpus}; "
          f"{args.jobs} job(s) on {os.cpu_count()} core(s); load average {load_before[0]:.2f}")
    try:
        start_and_import(kernel_name(), template_imports(templates[0]), work)  # warm-up: caches
        if args.breakdown:
            breakdown(corpus, templates, Path(args.notebooks), args.jobs, work)
            return 0
        floors, suites, warm, shared = [], [], [], []
        notebooks = Path(args.notebooks)
        for i in range(args.repeat):  # interleaved, so a burst of other load hits all three
            floors.append(timed(lambda: measure_floor(templates, args.jobs, work)))
            shared.append(timed(lambda: measure_shared_floor(templates, args.jobs, work)))
            suites.append(timed(lambda i=i: measure_suite(corpus, notebooks, args.jobs, work,
                                                      work / f"cache-cold-{i}")))
            warm.append(timed(lambda: measure_suite(corpus, notebooks, args.jobs, work,
                                                    work / "cache-cold-0")))
        naive = None if args.skip_naive else timed(lambda: measure_naive(corpus, templates, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    floor, suite = min(floors), min(suites)
    floor_cpu, suite_cpu = min(c for _, c in floors), min(c for _, c in suites)
    load_after = os.getloadavg()
    runs = lambda found: ", ".join(f"{w:.2f}" for w, _ in found)  # noqa: E731
    print(f"floor (kernel start + imports per template, {args.jobs} at a time): "
          f"{floor[0]:6.2f} s wall, {floor_cpu:6.2f} s CPU   runs: {runs(floors)}")
    print(f"suite (newsprism report):                                 "
          f"{suite[0]:6.2f} s wall, {suite_cpu:6.2f} s CPU   runs: {runs(suites)}")
    ratio_floor = suite[0] / floor[0]
    print(f"suite / floor = {ratio_floor:.2f} wall, {suite_cpu / floor_cpu:.2f} CPU  "
          f"(goal <= {FLOOR_GOAL}: {'met' if ratio_floor <= FLOOR_GOAL else 'NOT met'})")
    warm_best, warm_cpu = min(warm), min(c for _, c in warm)
    print(f"suite again, analysis reused from the cache (repeat run / portfolio): "
          f"{warm_best[0]:6.2f} s wall, {warm_cpu:6.2f} s CPU   runs: {runs(warm)}")
    print(f"  its / floor = {warm_best[0] / floor[0]:.2f} wall, {warm_cpu / floor_cpu:.2f} CPU")
    shared_best, shared_cpu = min(shared), min(c for _, c in shared)
    print(f"shared floor (one kernel per job, every template's imports): "
          f"{shared_best[0]:6.2f} s wall, {shared_cpu:6.2f} s CPU   runs: {runs(shared)}")
    print(f"  suite / shared floor = {suite[0] / shared_best[0]:.2f} wall, "
          f"{suite_cpu / shared_cpu:.2f} CPU; cached {warm_best[0] / shared_best[0]:.2f} wall, "
          f"{warm_cpu / shared_cpu:.2f} CPU")
    figures = {"templates": len(templates), "jobs": args.jobs, "cores": os.cpu_count(),
               "floor_s": round(floor[0], 3), "suite_s": round(suite[0], 3),
               "floor_cpu_s": round(floor_cpu, 3), "suite_cpu_s": round(suite_cpu, 3),
               "suite_over_floor": round(ratio_floor, 3), "suite_cached_s": round(warm_best[0], 3),
               "suite_cached_over_floor": round(warm_best[0] / floor[0], 3),
               "shared_floor_s": round(shared_best[0], 3), "shared_floor_cpu_s": round(shared_cpu, 3),
               "load_average": [round(load_before[0], 2), round(load_after[0], 2)]}
    if naive is not None:
        ratio_naive = naive[0] / suite[0]
        print(f"naive (papermill CLI + nbconvert CLI, in sequence):       "
              f"{naive[0]:6.2f} s wall, {naive[1]:6.2f} s CPU")
        print(f"naive / suite = {ratio_naive:.2f} wall, {naive[1] / suite_cpu:.2f} CPU  "
              f"(goal >= {NAIVE_GOAL}: {'met' if ratio_naive >= NAIVE_GOAL else 'NOT met'})")
        figures.update(naive_s=round(naive[0], 3), naive_cpu_s=round(naive[1], 3),
                       naive_over_suite=round(ratio_naive, 3))
    print(f"load average before {load_before[0]:.2f}, after {load_after[0]:.2f} "
          "(other work on the machine inflates every figure)")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
