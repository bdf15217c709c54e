"""Batch reports: analyse once, run every notebook template through papermill, render HTML.

Reports run concurrently (bounded by the cores) through papermill's Python API; a failing notebook
keeps its executed copy with the error and is marked failed in the index while the others finish.
Parameters are checked against each template's ``parameters`` cell before anything runs. Output is
built in a temporary folder and moved into place only when complete.
"""

from __future__ import annotations

import html
import json
import os
import platform
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from analysis import config

SUMMARY_HINT = "summary"  # the template whose name contains this leads the index page
FIXED_PARAMETERS = ("corpus", "tables")  # set by the runner for every template
TYPE_NAMES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}
REPORTED_PACKAGES = ("newsprism", "pandas", "matplotlib", "textstat", "vaderSentiment", "nltk",
                     "papermill", "nbconvert", "ipykernel", "scikit-learn", "trafilatura")


class ParameterError(ValueError):
    """A parameter name no template declares, or a value of the wrong type."""


@dataclass
class NotebookRun:
    name: str
    template: str
    status: str = "pending"  # ok | failed
    error: str = ""
    seconds: float = 0.0
    html: str = ""
    notebook: str = ""


@dataclass
class RunSummary:
    out: str
    corpus: str
    notebooks: list[NotebookRun] = field(default_factory=list)
    analysis_seconds: float = 0.0
    n_articles: int = 0
    n_rejected: int = 0

    @property
    def failed(self) -> list[NotebookRun]:
        return [n for n in self.notebooks if n.status != "ok"]


def list_templates(folder: str | Path | None = None) -> list[Path]:
    """Report templates: the ``.ipynb`` files of ``notebooks/``, summary first, then by name."""
    folder = Path(folder) if folder else config.NOTEBOOKS_DIR
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return sorted(found, key=lambda p: (SUMMARY_HINT not in p.stem, p.name))


def template_parameters(path: Path) -> dict[str, dict]:
    """``{name: {"type": ..., "default": ..., "help": ...}}`` of the ``parameters`` cell, read the
    way papermill reads it (so ``papermill --help-notebook`` shows the same)."""
    import papermill

    found = {}
    for name, spec in papermill.inspect_notebook(str(path)).items():
        found[name] = {"type": spec["inferred_type_name"], "default": spec["default"],
                       "help": spec["help"]}
    return found


def coerce(value, type_name: str, name: str):
    """Convert a command-line string to the declared type, or raise :class:`ParameterError`."""
    wanted = TYPE_NAMES.get(type_name.split("[")[0].split("|")[0].strip())
    if wanted is None or isinstance(value, wanted) and not (wanted is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        try:
            if wanted is bool:
                if value.lower() in {"true", "1", "yes"}:
                    return True
                if value.lower() in {"false", "0", "no"}:
                    return False
                raise ValueError(value)
            if wanted in (list, dict):
                parsed = json.loads(value)
                if isinstance(parsed, wanted):
                    return parsed
                raise ValueError(value)
            return wanted(value)
        except ValueError:
            pass
    if wanted is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise ParameterError(f"parameter {name!r} must be {type_name}, got {value!r}")


def validate_parameters(templates: list[Path], params: dict) -> dict[str, dict]:
    """Per-template parameters after checking every name and type; raises ParameterError."""
    declared = {t.stem: template_parameters(t) for t in templates}
    known: dict[str, str] = {}
    for params_of in declared.values():
        for name, spec in params_of.items():
            known.setdefault(name, spec["type"])
    unknown = sorted(set(params) - set(known) - set(FIXED_PARAMETERS))
    if unknown:
        listing = ", ".join(f"{n} ({t})" for n, t in sorted(known.items()))
        raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}; valid: {listing}")
    per_template = {}
    for stem, params_of in declared.items():
        per_template[stem] = {
            name: coerce(value, params_of[name]["type"], name)
            for name, value in params.items() if name in params_of
        }
    return per_template


def kernel_name() -> str:
    """The project's kernel when registered, else the running Python's own ``python3`` kernel."""
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    return config.KERNEL_NAME if config.KERNEL_NAME in specs else "python3"


def render_html(notebook_path: Path, html_path: Path, show_code: bool = False) -> None:
    """Render an executed notebook to HTML in-process (code hidden unless ``show_code``)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=not show_code, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook_path, as_version=4))
    html_path.write_text(body, encoding="utf-8")


def execute_one(template: Path, out_dir: Path, parameters: dict, kernel: str,
                show_code: bool) -> NotebookRun:
    """Run one template with papermill and render it; failures are captured, not raised."""
    import papermill

    run = NotebookRun(template.stem, str(template))
    executed = out_dir / f"{template.stem}.ipynb"
    started = time.perf_counter()
    try:
        # The kernel starts in out_dir through nbclient's resources path, not papermill's cwd=:
        # cwd= os.chdir()s the whole process, and with notebooks running in threads one thread
        # restoring the old directory sent another's kernel to the wrong folder.
        papermill.execute_notebook(
            str(template), str(executed), parameters=parameters, kernel_name=kernel,
            language="python", progress_bar=False,
            resources={"metadata": {"path": str(out_dir)}},
        )
        run.status = "ok"
    except Exception as error:  # noqa: BLE001 - any failure is reported, the others go on
        run.status = "failed"
        run.error = _first_line(error)
    run.notebook = executed.name
    if executed.exists():
        try:
            render_html(executed, out_dir / f"{template.stem}.html")
            run.html = f"{template.stem}.html"
            if show_code:
                render_html(executed, out_dir / f"{template.stem}.code.html", show_code=True)
        except Exception as error:  # noqa: BLE001
            run.status = "failed"
            run.error = run.error or f"HTML rendering failed: {_first_line(error)}"
    run.seconds = round(time.perf_counter() - started, 3)
    return run


def _first_line(error: Exception) -> str:
    name = getattr(error, "ename", type(error).__name__)
    value = getattr(error, "evalue", str(error))
    return f"{name}: {value}".strip().splitlines()[0][:500]


def run_reports(corpus: str | Path, out: str | Path, *, params: dict | None = None,
                jobs: int | None = None, show_code: bool = False,
                notebooks: str | Path | None = None, options=None,
                progress: bool = True) -> RunSummary:
    """Analyse ``corpus`` once and run every report template into ``out``.

    Raises ParameterError before any work when a parameter is unknown or mistyped.
    """
    from analysis.pipeline import analyze_to
    from analysis.tables import fingerprint, write_stamp

    corpus_path = config.resolve_corpus(corpus)
    templates = list_templates(notebooks)
    per_template = validate_parameters(templates, dict(params or {}))
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    summary = RunSummary(str(out), str(corpus_path))
    try:
        started = time.perf_counter()
        tables_dir = staging / "tables"
        result = analyze_to(corpus_path, tables_dir, options, jobs=jobs)
        write_stamp(tables_dir, corpus_path, fingerprint(corpus_path, repr(options)))
        summary.analysis_seconds = round(time.perf_counter() - started, 3)
        summary.n_articles, summary.n_rejected = result.n_articles, result.n_rejected
        kernel = kernel_name()
        workers = max(1, min(jobs or os.cpu_count() or 1, len(templates) or 1))
        bar = _progress(len(templates), progress)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {
                # notebooks run with the staging folder as working directory: "tables" is its own
                pool.submit(execute_one, t, staging,
                            {**per_template[t.stem], "corpus": str(corpus_path),
                             "tables": "tables"}, kernel, show_code): t
                for t in templates
            }
            for future in as_completed(futures):
                summary.notebooks.append(future.result())
                bar.update(1)
        bar.close()
        order = {t.stem: i for i, t in enumerate(templates)}
        summary.notebooks.sort(key=lambda n: order[n.name])
        write_index(staging, summary)
        write_run_manifest(staging, summary, corpus_path, params or {})
        _move_into_place(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _progress(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="reports", unit="notebook", disable=not enabled,
                file=sys.stderr)


def _move_into_place(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` so readers never see a mix of old and new reports."""
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def write_index(folder: Path, summary: RunSummary) -> Path:
    """``index.html``: every report with its status, the summary report first. All text escaped."""
    esc = html.escape
    rows = []
    for run in summary.notebooks:
        link = (f'<a href="{esc(run.html, quote=True)}">{esc(run.name)}</a>'
                if run.html else esc(run.name))
        status = "ok" if run.status == "ok" else "FAILED"
        error = f"<div class='error'>{esc(run.error)}</div>" if run.error else ""
        rows.append(f"<tr class='{esc(run.status)}'><td>{link}</td><td>{status}</td>"
                    f"<td>{run.seconds:.1f} s</td><td>{error}</td></tr>")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>newsprism reports: {esc(Path(summary.corpus).name)}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }}
tr.failed td {{ background: #fde8e8; }}
.error {{ font-family: monospace; font-size: .85rem; white-space: pre-wrap; }}
</style></head><body>
<h1>newsprism reports</h1>
<p>Corpus: <code>{esc(summary.corpus)}</code>: {summary.n_articles} article(s) analysed,
{summary.n_rejected} file(s) rejected (see <a href="tables/rejected.csv">rejected.csv</a>).</p>
<table><thead><tr><th>report</th><th>status</th><th>time</th><th>error</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
<p>Tables behind every figure: <a href="tables/">tables/</a>.
Run details: <a href="run.json">run.json</a>.</p>
</body></html>
"""
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for name in REPORTED_PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = ""
    return found


def write_run_manifest(folder: Path, summary: RunSummary, corpus: Path, params: dict) -> Path:
    """``run.json``: versions, parameters, input hashes, timings and status of every report."""
    import hashlib

    inputs = {}
    files = [corpus] if corpus.is_file() else sorted(p for p in corpus.rglob("*") if p.is_file())
    for path in files:
        inputs[str(path.relative_to(corpus.parent if corpus.is_file() else corpus))] = (
            hashlib.sha256(path.read_bytes()).hexdigest())
    manifest = {
        "corpus": str(corpus), "parameters": params, "versions": _versions(),
        "inputs_sha256": inputs, "analysis_seconds": summary.analysis_seconds,
        "n_articles": summary.n_articles, "n_rejected": summary.n_rejected,
        "reports": [asdict(n) for n in summary.notebooks],
        "finished": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    path = folder / "run.json"
    path.write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    return path


def output_name(corpus: str | Path, params: dict) -> str:
    """Deterministic folder name for one run of a portfolio: corpus name plus sorted parameters."""
    name = Path(str(corpus)).name
    for key in sorted(params):
        value = re.sub(r"[^\w.-]+", "-", str(params[key])).strip("-")
        name += f"__{key}-{value}"
    return name


def read_portfolio(path: str | Path) -> list[dict]:
    """Runs listed in a YAML portfolio: ``runs: [{corpus: ..., params: {...}, out: ...}]``."""
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    runs = data.get("runs") if isinstance(data, dict) else data
    if not isinstance(runs, list) or not runs:
        raise ParameterError(f"{path}: expected a list under 'runs:'")
    checked = []
    for index, run in enumerate(runs, start=1):
        if not isinstance(run, dict) or "corpus" not in run:
            raise ParameterError(f"{path}: run {index} has no 'corpus'")
        params = run.get("params") or {}
        if not isinstance(params, dict):
            raise ParameterError(f"{path}: run {index}: 'params' must be a mapping")
        checked.append({"corpus": run["corpus"], "params": params,
                        "out": run.get("out") or output_name(run["corpus"], params)})
    return checked
