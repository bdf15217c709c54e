"""Batch reports: analyse once, run every notebook template through papermill, render HTML.

Reports run concurrently (bounded by the cores) through papermill's Python API; a failing notebook
keeps its executed copy with the error and is marked failed in the index while the others finish.
Parameters are checked against each template's ``parameters`` cell before anything runs. Output is
built in a temporary folder and moved into place only when complete.
"""

from __future__ import annotations

import ast
import ctypes
import functools
import html
import json
import logging
import os
import platform
import queue
import re
import shutil
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from analysis.core import config
from analysis.core.outputs import (
    MARKER,
    OutputRefused,  # noqa: F401 - raised by run_reports, for callers
    check_output,
    locked,
    only_owned,
    owned_entries,
    pid_alive,
    replace_entries,
    write_marker,
)
from analysis.core.settings import closest

KERNEL_READY_SECONDS = 120  # kernel start-up and imports; minutes would mean a broken install
# how often a wait on a kernel (warm-up, reset) checks that the run goes on and the kernel lives:
# an interrupted run, or a kernel that died, stops waiting within this, not KERNEL_READY_SECONDS
WATCH_SECONDS = 0.5
SUMMARY_HINT = "summary"  # the template whose name contains this leads the index page
FIXED_PARAMETERS = ("corpus", "tables")  # set by the runner for every template
TYPE_NAMES = {"str": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}
REPORTED_PACKAGES = ("newsprism", "pandas", "matplotlib", "textstat", "vaderSentiment", "nltk",
                     "papermill", "nbconvert", "ipykernel", "scikit-learn", "trafilatura")
# kernels draw figures into the notebook whatever MPLBACKEND says outside (Agg on servers and CI)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"
# code that draws a figure in a template: plt.show(), pandas' .plot, the views' plot_* functions
DRAWS_FIGURES = re.compile(r"\bplt\.(?:show|subplots|figure)\(|\.plot\b|\bplot_\w+\(")
IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg")
# a report with no data to report on says so with an output of this type (:func:`not_applicable`)
NOT_APPLICABLE_MIME = "application/vnd.newsprism.not-applicable+json"
NOT_APPLICABLE = "not applicable"  # the status of such a report: neither ok nor failed


class ParameterError(ValueError):
    """A parameter name no template declares, or a value of the wrong type."""


class KernelGone(RuntimeError):
    """A wait on a kernel abandoned: the run was interrupted, or the kernel died."""


@dataclass
class NotebookRun:
    name: str
    template: str
    status: str = "pending"  # ok | not applicable | failed
    error: str = ""
    seconds: float = 0.0
    html: str = ""
    notebook: str = ""
    # wall seconds by phase: kernel start with the template's imports, waiting for the tables,
    # papermill's execution, HTML rendering (run.json; benchmarks/report_suite.py --breakdown)
    phases: dict = field(default_factory=dict)
    # which kernel of the run executed it (1, 2, ...): a kernel runs several reports in turn
    kernel: int = 0


@dataclass
class RunSummary:
    out: str
    corpus: str
    notebooks: list[NotebookRun] = field(default_factory=list)
    analysis_seconds: float = 0.0
    tables_reused: bool = False  # tables copied from the analysis cache (same corpus, code, options)
    n_articles: int = 0
    n_rejected: int = 0
    kept_previous: bool = False  # nothing usable came out: the earlier reports were left in place

    @property
    def failed(self) -> list[NotebookRun]:
        return [n for n in self.notebooks if n.status not in ("ok", NOT_APPLICABLE)]


def list_templates(folder: str | Path | None = None) -> list[Path]:
    """Report templates: the ``.ipynb`` files of ``notebooks/``, summary first, then by name."""
    folder = Path(folder) if folder else config.NOTEBOOKS_DIR
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return sorted(found, key=lambda p: (SUMMARY_HINT not in p.stem, p.name))


def template_parameters(path: Path) -> dict[str, dict]:
    """``{name: {"type": ..., "default": ..., "help": ...}}`` of the ``parameters`` cell, read the
    way papermill reads it (so ``papermill --help-notebook`` shows the same)."""
    path = Path(path)
    stat = path.stat()
    return {name: dict(spec) for name, spec in
            _template_parameters(str(path.resolve()), stat.st_mtime_ns, stat.st_size).items()}


@functools.lru_cache(maxsize=256)
def _template_parameters(path: str, mtime_ns: int, size: int) -> dict[str, dict]:
    papermill = import_papermill()
    found = {}
    for name, spec in papermill.inspect_notebook(path).items():
        found[name] = {"type": spec["inferred_type_name"], "default": spec["default"],
                       "help": spec["help"]}
    return found


def import_papermill():
    """``import papermill`` without its optional HDFS support: papermill imports ``pyarrow.fs`` at
    start-up only to offer ``hdfs://`` paths (~0.3 s here); reports never use them."""
    if "papermill" in sys.modules:
        return sys.modules["papermill"]
    hide = "pyarrow.fs" not in sys.modules
    if hide:
        sys.modules["pyarrow.fs"] = None  # makes `from pyarrow.fs import ...` raise ImportError
    try:
        import papermill
    finally:
        if hide and sys.modules.get("pyarrow.fs", 0) is None:
            del sys.modules["pyarrow.fs"]
    return papermill


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
        hints = "".join(closest(name, known) for name in unknown)
        raise ParameterError(f"unknown parameter(s) {', '.join(unknown)}{hints}; valid: {listing}")
    per_template = {}
    for stem, params_of in declared.items():
        per_template[stem] = {
            name: coerce(value, params_of[name]["type"], name)
            for name, value in params.items() if name in params_of
        }
    return per_template


def describe_parameters(templates: list[Path]) -> str:
    """Each template's parameters with type, default and comment (``--help-params``), in the
    layout of ``papermill --help-notebook``."""
    lines = []
    for template in templates:
        lines.append(f"{template.stem}:")
        for name, spec in template_parameters(template).items():
            fixed = " (set by newsprism)" if name in FIXED_PARAMETERS else ""
            comment = f"  {spec['help']}" if spec["help"] else ""
            lines.append(f"  {name}: {spec['type']} (default {spec['default']}){fixed}{comment}")
    return "\n".join(lines) + "\n"


# CPython 3.11.7 (what CI runs) and earlier keep the AST constructor's recursion depth in interpreter-wide
# state, so ``ast.parse`` in two report threads at once can fail with "SystemError: AST
# constructor recursion depth mismatch" (python/cpython#106905); one parse at a time.
_AST_LOCK = threading.Lock()


def template_imports(path: Path) -> str:
    """The import statements of a template's code cells, in order (what its kernel will load)."""
    import nbformat

    lines = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code" or "parameters" in cell.metadata.get("tags", []):
            continue
        with _AST_LOCK:
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            lines += [ast.unparse(node) for node in tree.body
                      if isinstance(node, ast.Import | ast.ImportFrom)]
    return "\n".join(lines)


def kernel_name() -> str:
    """The project's kernel when registered, else the running Python's own ``python3`` kernel."""
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    return config.KERNEL_NAME if config.KERNEL_NAME in specs else "python3"


# one HTMLExporter per mode for the whole process, used under a lock: its templates load and
# compile once (~0.35 s CPU, measured), not once per thread; rendering holds the GIL anyway
_exporters: dict[bool, Any] = {}
_RENDER_LOCK = threading.Lock()
_quiet_log = logging.getLogger("newsprism.nbconvert")
_quiet_log.setLevel(logging.ERROR)  # nbconvert warns on every figure without alt text
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"  # our nbconvert template: newsprism
PAGE_TEMPLATE = "newsprism"
PAGE_CSS = """
main { max-width: 1180px; margin: 0 auto; padding: 0 1rem; }
html body .jp-OutputArea-output { overflow-x: visible; }
html body table.np-table, html body .jp-RenderedHTMLCommon table { table-layout: auto; width: auto;
  max-width: 100%; border-collapse: collapse; font-size: 12px; margin: .4rem 0 1rem; }
html body .jp-RenderedHTMLCommon td, html body .jp-RenderedHTMLCommon th {
  max-width: 32rem; overflow-wrap: anywhere; word-break: normal; white-space: normal;
  vertical-align: top; text-align: left !important; padding: .25rem .5rem; }
html body .jp-RenderedHTMLCommon td.num, html body .jp-RenderedHTMLCommon th.num {
  text-align: right !important; font-variant-numeric: tabular-nums; }
html body .jp-RenderedHTMLCommon tbody th.text { min-width: 8em; }
html body .jp-RenderedImage img { max-width: 100%; height: auto; }
.np-findings li { margin: .35rem 0; font-size: 15px; line-height: 1.45; }
.np-strength { color: #666; font-size: 12px; }
.np-empty { color: #555; font-style: italic; }
"""


def page_exporter(show_code: bool = False):
    """The process's HTMLExporter with our template (``analysis/report/templates/newsprism``):
    no script of any kind, the index's Content-Security-Policy, alt text on every figure. Use it
    under ``_RENDER_LOCK`` (:func:`render_html` does)."""
    from nbconvert import HTMLExporter

    exporter = _exporters.get(show_code)
    if exporter is None:
        exporter = HTMLExporter(template_name=PAGE_TEMPLATE,
                                extra_template_basedirs=[str(TEMPLATES_DIR)],
                                exclude_input=not show_code, exclude_input_prompt=True,
                                exclude_output_prompt=True, log=_quiet_log)
        _exporters[show_code] = exporter
    return exporter


def render_html(notebook_path: Path, html_path: Path, show_code: bool = False,
                title: str = "") -> None:
    """Render an executed notebook to HTML in-process (code hidden unless ``show_code``);
    ``title`` is the page title (nbconvert escapes it). The page loads nothing from anywhere:
    styles and figures are inline, links to figure tables also come as ``data:`` URLs."""
    import nbformat

    resources = {"metadata": {"name": title or notebook_path.stem},
                 "newsprism_csp": INDEX_CSP, "newsprism_css": PAGE_CSS}
    notebook = nbformat.read(notebook_path, as_version=4)
    with _RENDER_LOCK:
        body, _ = page_exporter(show_code).from_notebook_node(notebook, resources)
    html_path.write_text(strip_style_comments(body), encoding="utf-8")


_STYLE = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.DOTALL | re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def strip_style_comments(page: str) -> str:
    """``page`` without comments inside its ``<style>`` elements (JupyterLab's CSS credits its
    sources with URLs there; a page we send names no address it does not link to)."""
    return _STYLE.sub(lambda m: m.group(1) + _CSS_COMMENT.sub("", m.group(2)) + m.group(3), page)


def write_bundle(folder: Path, zip_path: Path | None = None) -> Path:
    """One zip of a report folder (``<folder>.zip`` beside it unless ``zip_path``): every page,
    table and figure table under the folder's name, so it unpacks into one folder."""
    import zipfile

    folder = Path(folder)
    zip_path = Path(zip_path) if zip_path else folder.with_name(f"{folder.name}.zip")
    partial = zip_path.with_name(f".{zip_path.name}.partial-{os.getpid()}")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            bundle.write(path, Path(folder.name) / path.relative_to(folder))
    partial.replace(zip_path)
    return zip_path


@functools.cache
def _tracked_kernel_manager():
    """An AsyncKernelManager that remembers the clients made from it (to close their sockets)."""
    from jupyter_client.manager import AsyncKernelManager

    class TrackedKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.np_clients = []

        def client(self, **kwargs):
            made = super().client(**kwargs)
            self.np_clients.append(made)
            return made

    return TrackedKernelManager


class KernelPool:
    """Kernels started by a run, so an interrupted run can stop every one of them at once."""

    def __init__(self, slots: int = 1):
        self._lock = threading.Lock()
        self._live: set = set()
        self.aborted = threading.Event()
        # kernels alive at once for templates run alone (execute_one without a worker; a run's
        # workers are its slots); a thread rendering HTML holds no slot
        self.slots = threading.BoundedSemaphore(slots)
        self.n_started = 0

    def start(self, kernel: str, cwd: Path, log_path: Path | None = None, warm_up: str = ""):
        """Start a kernel in ``cwd`` (its process-level stderr goes to ``log_path``, by default
        ``logs/kernel-N.kernel.log`` for the run's N-th kernel), then run
        ``warm_up`` (the template's import statements) silently: no output, no execution count,
        errors ignored (the notebook's own cell reports them)."""
        from jupyter_core.utils import run_sync

        km = _tracked_kernel_manager()(kernel_name=kernel)
        with self._lock:
            self.n_started += 1
            km.np_number = self.n_started
        log_path = log_path or cwd / "logs" / f"kernel-{km.np_number}.kernel.log"
        km.np_log = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "MPLBACKEND": INLINE_BACKEND}
        with open(log_path, "ab") as log:
            run_sync(km.start_kernel)(cwd=str(cwd), stdout=log, stderr=log, env=env)
        with self._lock:
            self._live.add(km)
        if self.aborted.is_set():  # stopped while starting
            self.stop(km)
        elif warm_up:
            client = km.client()
            client.start_channels()
            try:
                self.watched(km, client.wait_for_ready(timeout=KERNEL_READY_SECONDS))
                self.watched(km, client.execute_interactive(
                    warm_up, silent=True, store_history=False, timeout=KERNEL_READY_SECONDS))
            except Exception:  # noqa: BLE001 - a failed warm-up only costs the time it saved
                pass
            finally:
                client.stop_channels()
                km.np_clients.remove(client)
        return km

    def reset(self, km) -> bool:
        """Make a kernel that ran a notebook fresh for the next one (:func:`analysis.report.fresh.reset`:
        empty namespace, counts from 1, settings as after the warm-up). False when it cannot be
        (dead, or warmed up without the snapshot): the caller replaces it."""
        from jupyter_core.utils import run_sync

        self.release_clients(km)
        if self.aborted.is_set() or not run_sync(km.is_alive)():
            return False
        client = km.client()
        client.start_channels()
        try:
            self.watched(km, client.wait_for_ready(timeout=KERNEL_READY_SECONDS))
            reply = self.watched(km, client.execute_interactive(
                RESET_CODE, silent=True, store_history=False, timeout=KERNEL_READY_SECONDS))
            return reply["content"]["status"] == "ok"
        except Exception:  # noqa: BLE001 - a kernel that cannot be reset is replaced
            return False
        finally:
            self.release_clients(km)

    def watched(self, km, waiting):
        """Await ``waiting`` (a kernel client's coroutine: wait for ready, execute) in this
        thread's loop, checking every :data:`WATCH_SECONDS` whether the run was interrupted or
        the kernel died: then it is cancelled and :class:`KernelGone` raised, instead of waiting
        for the coroutine's own timeout (a killed kernel never answers an execute request)."""
        from jupyter_core.utils import run_sync

        return run_sync(self._watched)(km, waiting)

    async def _watched(self, km, waiting):
        import asyncio

        task = asyncio.ensure_future(waiting)
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=WATCH_SECONDS)
                if done:
                    return task.result()
                if self.aborted.is_set():
                    raise KernelGone("run interrupted")
                if not await km.is_alive():
                    raise KernelGone("kernel died")
        finally:
            if not task.done():
                task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, Exception):  # noqa: BLE001 - abandoned
                    pass

    @staticmethod
    def release_clients(km) -> None:
        """Close the channels of every client made from ``km`` (nbclient leaves those of a kernel
        it does not own open)."""
        for client in list(km.np_clients):
            client.stop_channels()
            km.np_clients.remove(client)

    def stop(self, km) -> None:
        """Kill a kernel at once (its notebooks are complete or abandoned)."""
        from jupyter_core.utils import run_sync

        with self._lock:
            if km not in self._live:
                return
            self._live.discard(km)
        self.release_clients(km)
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # noqa: BLE001 - already dead is fine
            pass
        _drop_if_empty(km.np_log)

    def stop_all(self) -> None:
        self.aborted.set()
        with self._lock:
            live = list(self._live)
        for km in live:
            kill = getattr(km, "provisioner", None)
            process = getattr(kill, "process", None)
            if process is not None:  # from another thread: signal the process, do not touch its loop
                try:
                    process.kill()
                except OSError:
                    pass


@dataclass
class Worker:
    """One job of a run: its kernel, kept from one notebook to the next (reset in between), and
    the warm-up a new kernel of it runs (every template's imports: :func:`shared_warm_up`)."""

    warm_up: str = ""
    km: Any = None  # the kernel manager of the kernel it keeps


def execute_one(template: Path, out_dir: Path, parameters: dict, kernel: str, show_code: bool,
                *, kernels: KernelPool | None = None,
                tables_ready: threading.Event | None = None,
                worker: Worker | None = None) -> NotebookRun:
    """Run one template with papermill and render it; failures are captured, not raised.

    The kernel starts (in ``out_dir``) before the corpus tables exist, then waits for
    ``tables_ready``: kernel start-up overlaps the analysis. Alone, a template gets its own
    kernel, killed when its notebook is done. With a ``worker`` (a run's job), the worker's
    kernel is reset and used when it has one; it is kept for the worker's next template when the
    notebook succeeded, replaced otherwise (an error may leave anything behind).
    """
    papermill = import_papermill()
    kernels = kernels or KernelPool()
    run = NotebookRun(template.stem, str(template))
    executed = out_dir / f"{template.stem}.ipynb"
    km = worker.km if worker is not None else None
    if worker is None:
        kernels.slots.acquire()  # a worker is a slot of its own
    started = time.perf_counter()  # from the kernel's start: waiting for a free core is not counted
    try:
        if km is not None and not kernels.reset(km):
            kernels.stop(km)
            km = None
        if km is None:
            # imports run while the corpus is analysed: the notebook's own import cell is then
            # instant
            log = None if worker else out_dir / "logs" / f"{template.stem}.kernel.log"
            km = kernels.start(kernel, out_dir, log,
                               warm_up=worker.warm_up if worker else warm_up_code(template))
        run.kernel = km.np_number
        mark = _phase(run, "kernel_and_imports", started)
        if tables_ready is not None:
            tables_ready.wait()
        mark = _phase(run, "waiting_for_tables", mark)
        if kernels.aborted.is_set():
            run.status, run.error = "failed", "run interrupted"
            return run
        # the kernel was started by us in out_dir: papermill's cwd= would os.chdir() the whole
        # process, and with notebooks in threads one thread could send another's kernel astray
        papermill.execute_notebook(
            str(template), str(executed), parameters=parameters, kernel_name=kernel,
            language="python", progress_bar=False, km=km,
            request_save_on_cell_execute=False,  # saved once at the end, or with the error
        )
        _phase(run, "execute", mark)
        run.status = "ok"
        if draws_figures(template) and not count_figures(executed):
            run.status = "failed"
            run.error = ("no figure in the report although its template draws figures "
                         "(matplotlib drew them nowhere)")
        elif (reason := not_applicable_reason(executed)) is not None:
            run.status, run.error = NOT_APPLICABLE, reason
    except Exception as error:  # noqa: BLE001 - any failure is reported, the others go on
        run.status = "failed"
        run.error = "run interrupted" if kernels.aborted.is_set() else _first_line(error)
    finally:
        keep = (worker is not None and km is not None and run.status in ("ok", NOT_APPLICABLE)
                and not kernels.aborted.is_set())
        if km is not None and not keep:
            kernels.stop(km)
        if worker is not None:
            worker.km = km if keep else None
        else:
            kernels.slots.release()
    if executed.exists() and not kernels.aborted.is_set():
        run.notebook = executed.name
        title = template_title(template)
        mark = time.perf_counter()
        try:
            render_html(executed, out_dir / f"{template.stem}.html", title=title)
            run.html = f"{template.stem}.html"
            if show_code:
                render_html(executed, out_dir / f"{template.stem}.code.html", show_code=True,
                            title=f"{title} (with code)")
        except Exception as error:  # noqa: BLE001
            run.status = "failed"
            run.error = run.error or f"HTML rendering failed: {_first_line(error)}"
        _phase(run, "render", mark)
    run.seconds = round(time.perf_counter() - started, 3)
    return run


def _phase(run: NotebookRun, name: str, since: float) -> float:
    """Record the wall seconds of phase ``name`` (from ``since`` to now); returns now."""
    now = time.perf_counter()
    run.phases[name] = round(now - since, 3)
    return now


def not_applicable(reason: str) -> None:
    """In a report: say in one line that it has nothing to report on this corpus (and why); the
    index then marks it "not applicable" rather than ok or failed."""
    from IPython.display import display

    from analysis.views.display import NO_MATH, escape

    display({"text/html": f"<p class='{NO_MATH} np-not-applicable'><b>Not applicable:</b> "
                          f"{escape(reason)}</p>",
             "text/plain": f"Not applicable: {reason}",
             NOT_APPLICABLE_MIME: {"reason": reason}}, raw=True)


def not_applicable_reason(executed: Path) -> str | None:
    """The reason an executed report gave through :func:`not_applicable`, or None."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            if NOT_APPLICABLE_MIME in data:
                return str(data[NOT_APPLICABLE_MIME].get("reason", ""))
    return None


# between two notebooks in one kernel (no name is left in the namespace)
RESET_CODE = "__import__('analysis.report.fresh', fromlist=['reset']).reset()"


def shared_warm_up(templates: list[Path]) -> str:
    """The warm-up of a kernel that runs several templates in turn: every template's import
    statements (each once, each on its own: one failing skips only itself), pyplot when one of
    them draws, then the snapshot that :data:`RESET_CODE` restores between notebooks. The
    namespace is left empty, as a new kernel's."""
    statements: list[str] = []
    for template in templates:
        for statement in template_imports(template).splitlines():
            if statement not in statements:
                statements.append(statement)
    if any(draws_figures(t) for t in templates):
        statements.append("import matplotlib.pyplot")
    return f"__import__('analysis.report.fresh', fromlist=['warm_up']).warm_up({statements!r})"


def warm_up_code(template: Path) -> str:
    """What a kernel runs while the corpus is analysed: the template's import statements, and
    matplotlib's pyplot (with the inline backend it sets up) when the template draws figures, as
    its first figure would import it later, on the report's critical path."""
    code = template_imports(template)
    return f"{code}\nimport matplotlib.pyplot" if draws_figures(template) else code


def draws_figures(template: Path) -> bool:
    """True when a template's code draws figures (so its report must hold at least one)."""
    import nbformat

    notebook = nbformat.read(template, as_version=4)
    return any(cell.cell_type == "code" and DRAWS_FIGURES.search(cell.source)
               for cell in notebook.cells)


def count_figures(executed: Path) -> int:
    """Images among the outputs of an executed notebook."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    return sum(1 for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.get("outputs", [])
               if any(kind in output.get("data", {}) for kind in IMAGE_TYPES))


def _drop_if_empty(path: Path) -> None:
    """Remove an empty kernel log (and its folder when that leaves it empty)."""
    try:
        if path.stat().st_size == 0:
            path.unlink()
            path.parent.rmdir()
    except OSError:
        pass


def _first_line(error: Exception) -> str:
    name = getattr(error, "ename", type(error).__name__)
    value = getattr(error, "evalue", str(error))
    return f"{name}: {value}".strip().splitlines()[0][:500]


def run_reports(corpus: str | Path, out: str | Path, *, params: dict | None = None,
                jobs: int | None = None, show_code: bool = False,
                notebooks: str | Path | None = None, options=None,
                progress: bool = True, force: bool = False,
                formats: tuple[str, ...] | None = None) -> RunSummary:
    """Analyse ``corpus`` once and run every report template into ``out``.

    ``formats``: the table formats written into ``out/tables`` (default CSV and Parquet; the
    notebooks read either). ``out`` must be new, empty or earlier newsprism output (``force``:
    any folder; files newsprism did not write are never replaced). Raises ParameterError before
    any work when a parameter is unknown or mistyped, OutputRefused when ``out`` is not
    newsprism's to write or another run is writing it.
    """
    corpus_path = config.resolve_corpus(corpus)
    templates = list_templates(notebooks)
    if not templates:
        raise ParameterError(f"no notebook templates in {notebooks or config.NOTEBOOKS_DIR}")
    per_template = validate_parameters(templates, dict(params or {}))
    out = Path(out).resolve()
    writes = report_entries(templates, show_code)
    out.parent.mkdir(parents=True, exist_ok=True)
    with locked(out):
        check_output(out, corpus_path, force, writes)
        return _run_locked(corpus_path, out, templates, per_template, params, jobs, show_code,
                           options, progress, formats)


def report_entries(templates: list[Path], show_code: bool) -> list[str]:
    """Names a report run writes into its output folder."""
    names = ["index.html", "run.json", "tables", "logs", MARKER]
    for template in templates:
        names += [f"{template.stem}.html", f"{template.stem}.ipynb"]
        names += [f"{template.stem}.code.html"] if show_code else []
    return names


def _run_locked(corpus_path: Path, out: Path, templates: list[Path], per_template: dict,
                params: dict | None, jobs: int | None, show_code: bool, options,
                progress: bool, formats: tuple[str, ...] | None = None) -> RunSummary:
    clean_leftovers(out)
    staging = out.parent / f".{out.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    summary = RunSummary(str(out), str(corpus_path))
    workers = max(1, min(jobs or os.cpu_count() or 1, len(templates)))
    kernels, tables_ready = KernelPool(slots=workers), threading.Event()
    # one kernel per job, kept from one notebook to the next: it starts and imports every
    # template's libraries once, while the corpus is analysed
    warm_up = shared_warm_up(templates)
    idle: queue.SimpleQueue[Worker] = queue.SimpleQueue()
    for _ in range(workers):
        idle.put(Worker(warm_up))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsprism-report")

    def run_template(template: Path) -> NotebookRun:
        worker = idle.get()  # one is always free: as many threads as workers
        try:
            # notebooks run with the staging folder as working directory: "tables" is its own
            return execute_one(template, staging,
                               {**per_template[template.stem], "corpus": str(corpus_path),
                                "tables": "tables"},
                               kernel, show_code, kernels=kernels, tables_ready=tables_ready,
                               worker=worker)
        finally:
            idle.put(worker)

    # the staging folder is made right before the try: an interrupt at any later point (while
    # the kernel's name is looked up, say) removes it and stops the kernels
    staging.mkdir(parents=True)
    try:
        kernel = kernel_name()
        futures = {pool.submit(run_template, t): t for t in templates}
        started = time.perf_counter()
        summary.n_articles, summary.n_rejected, summary.tables_reused = analyse_once(
            corpus_path, options, staging / "tables", jobs, progress=progress, formats=formats)
        summary.analysis_seconds = round(time.perf_counter() - started, 3)
        tables_ready.set()
        import nbconvert  # noqa: F401 - loaded here, while the kernels work, not after them
        bar = _progress(len(templates), progress)
        for future in as_completed(futures):
            summary.notebooks.append(future.result())
            bar.update(1)
        bar.close()
        order = {t.stem: i for i, t in enumerate(templates)}
        summary.notebooks.sort(key=lambda n: order[n.name])
        write_index(staging, summary, templates)
        write_run_manifest(staging, summary, corpus_path, params or {},
                           {t.stem: per_template[t.stem] for t in templates}, options)
        write_marker(staging, corpus_path, [p.name for p in staging.iterdir()], "report")
        if _keeps_previous(summary, out):
            summary.kept_previous = True
        else:
            _move_into_place(staging, out)
    except BaseException:
        kernels.stop_all()  # an interrupted run: stop every kernel, keep the old reports as they are
        tables_ready.set()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        while not idle.empty():  # the kept kernels: stopped and reaped (also after stop_all's kill)
            if (km := idle.get().km) is not None:
                kernels.stop(km)
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _keeps_previous(summary: RunSummary, out: Path) -> bool:
    """A failed run (no usable article, or no report rendered) never replaces earlier reports."""
    failed = summary.n_articles == 0 or len(summary.failed) == len(summary.notebooks)
    return failed and (out / "index.html").exists() and owned_entries(out) is not None


def analyse_once(corpus: Path, options, folder: Path, jobs: int | None = None,
                 progress: bool = False,
                 formats: tuple[str, ...] | None = None) -> tuple[int, int, bool]:
    """Write the corpus's tables into ``folder``; ``(n_articles, n_rejected, reused)``.

    Tables are copied from the cache ``load_tables`` uses when its stamp matches the fingerprint of
    the corpus files, the options and the package's code and data (so a portfolio of several
    parameter sets, or a second run, analyses a corpus once); otherwise the corpus is analysed and
    the cache refreshed. Tables in other ``formats`` than the default (CSV and Parquet, which
    JupyterLab's ``load_tables`` shares) are cached under their own key.
    """
    from analysis.core.writer import FORMATS, damage, parse_formats
    from analysis.run.pipeline import Options, analyze_to
    from analysis.run.tables import fingerprint, read_stamp, write_stamp

    options = options or Options()
    formats = parse_formats(formats or FORMATS)
    key = fingerprint(corpus, repr(options) + ("" if formats == FORMATS else repr(formats)))
    cached = config.cache_dir() / f"{corpus.name}-{key}" / "tables"
    stamp = read_stamp(cached)  # {} unless every file is as it was written
    if stamp.get("fingerprint") == key:
        try:
            shutil.copytree(cached, folder)
            if damage(folder, stamp.get("digests")) is None:  # the copy is checked too
                return _rows(folder, "articles"), _rows(folder, "rejected"), True
        except OSError:  # another run is replacing the cache: compute instead
            pass
        shutil.rmtree(folder, ignore_errors=True)
    result = analyze_to(corpus, folder, options, jobs=jobs, progress=progress, formats=formats)
    write_stamp(folder, corpus, key)
    # refresh the cache for the next run and for notebooks opened in JupyterLab: copied beside it
    # first, then swapped in, so a reader finds the old tables or the new ones, never a mix
    fresh = cached.parent / f".{cached.name}.partial-{os.getpid()}"
    try:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.copytree(folder, fresh)
        if not (cached.exists() and _exchange(fresh, cached)):
            shutil.rmtree(cached, ignore_errors=True)
            fresh.rename(cached)
    except OSError:
        pass
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return result.n_articles, result.n_rejected, False


def _rows(folder: Path, name: str) -> int:
    """Data rows of a table: from its Parquet footer, else its CSV file (quoted newlines inside
    cells counted once); 0 when missing."""
    import csv

    parquet = folder / f"{name}.parquet"
    if parquet.exists():
        import pyarrow.parquet as pq

        return pq.ParquetFile(parquet).metadata.num_rows
    path = folder / f"{name}.csv"
    if not path.exists():
        return 0
    with open(path, encoding="utf-8", newline="") as handle:
        return max(0, sum(1 for _ in csv.reader(handle)) - 1)


def _progress(total: int, enabled: bool):
    from analysis.core.progress import bar

    return bar("reports", "notebook", enabled, total=total)


RENAME_EXCHANGE = 2  # linux/fs.h: renameat2 flag, swap two paths atomically
AT_FDCWD = -100  # linux/fcntl.h: paths relative to the working directory


def _exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one atomic step (Linux ``renameat2``); False when unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    return renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def _move_into_place(staging: Path, out: Path) -> None:
    """Put the new reports of ``staging`` in place of the old ones in ``out``, removing only what
    an earlier newsprism run wrote there.

    A folder that holds nothing but earlier output is swapped with ``staging`` in one atomic step
    (Linux), so readers never see a mix of old and new reports. A folder that also holds other
    files (added by hand, or ``--force``) keeps them: the new entries replace the old ones one by
    one. A folder that does not exist yet is the staging folder renamed.
    """
    if not out.exists():
        staging.rename(out)
        return
    if only_owned(out) and _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old reports, all newsprism's
        return
    replace_entries(staging, out, out.parent / f".{out.name}.old-{os.getpid()}")
    staging.rmdir()  # emptied


def clean_leftovers(out: Path) -> None:
    """Remove what a killed run left beside ``out`` (its staging folder, the old reports it set
    aside: both hold only what newsprism wrote); when ``out`` itself is missing, the set-aside old
    reports are put back."""
    for path in sorted(out.parent.glob(f".{out.name}.*-*")):
        kind, _, pid = path.name[len(out.name) + 2:].rpartition("-")
        if kind not in ("partial", "old") or not pid.isdigit() or pid_alive(int(pid)):
            continue
        if kind == "old" and not out.exists():
            path.rename(out)
        else:
            shutil.rmtree(path, ignore_errors=True)


def template_title(path: Path) -> str:
    """The first Markdown heading of a template (its human title), else its file name."""
    import nbformat

    try:
        notebook = nbformat.read(path, as_version=4)
    except (OSError, ValueError):
        return path.stem
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip() or path.stem
    return path.stem


INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"  # no script at all
INDEX_CSS = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: .4rem; text-align: left; vertical-align: top; }
tr.failed td, .lead.failed { background: #fde8e8; }
tr.not-applicable td { color: #555; background: #f3f3f3; }
.lead { border: 2px solid #4c72b0; border-radius: 6px; padding: .6rem 1rem; margin: 1rem 0; }
.error { font-family: monospace; font-size: .85rem; white-space: pre-wrap; }
"""


def _report_link(run: NotebookRun, label: str) -> str:
    esc = html.escape
    return f'<a href="{esc(run.html, quote=True)}">{esc(label)}</a>' if run.html else esc(label)


def write_index(folder: Path, summary: RunSummary, templates: list[Path] | None = None) -> Path:
    """``index.html``: the summary report first and foremost, then every report with its status
    and error. All text is escaped and the page allows no script (Content-Security-Policy)."""
    esc = html.escape
    titles = {t.stem: template_title(t) for t in templates or []}
    lead, rows = "", []
    for run in summary.notebooks:
        title = titles.get(run.name, run.name)
        status = run.status if run.status in ("ok", NOT_APPLICABLE) else "FAILED"
        kind = "note" if run.status == NOT_APPLICABLE else "error"
        error = f"<div class='{kind}'>{esc(run.error)}</div>" if run.error else ""
        if SUMMARY_HINT in run.name and not lead:
            lead = (f"<section class='lead {esc(run.status)}'><h2>Start here: "
                    f"{_report_link(run, title)}</h2><p>{status}</p>{error}</section>")
        row_class = esc(run.status.replace(" ", "-"))
        rows.append(f"<tr class='{row_class}'><td>{_report_link(run, run.name)}</td>"
                    f"<td>{esc(title)}</td><td>{status}</td><td>{run.seconds:.1f} s</td>"
                    f"<td>{error}</td></tr>")
    failed = len(summary.failed)
    n_idle = sum(run.status == NOT_APPLICABLE for run in summary.notebooks)
    idle = f" ({n_idle} not applicable to this corpus)" if n_idle else ""
    verdict = (f"<p class='verdict'><b>{failed} of {len(summary.notebooks)} report(s) failed</b>; "
               "their executed notebooks keep the error.</p>" if failed else
               f"<p class='verdict'>All {len(summary.notebooks)} report(s) rendered{idle}.</p>")
    rejected = ("rejected.parquet" if not (folder / "tables" / "rejected.csv").exists()
                and (folder / "tables" / "rejected.parquet").exists() else "rejected.csv")
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{INDEX_CSP}">
<title>newsprism reports: {esc(Path(summary.corpus).name)}</title>
<style>{INDEX_CSS}</style></head><body>
<h1>newsprism reports</h1>
<p>Corpus: <code>{esc(summary.corpus)}</code>: {summary.n_articles} article(s) analysed,
{summary.n_rejected} file(s) rejected (see <a href="tables/{rejected}">{rejected}</a>).</p>
{lead}
{verdict}
<table><thead><tr><th>report</th><th>title</th><th>status</th><th>time</th><th>error</th></tr></thead>
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


def installed_distributions() -> dict[str, str]:
    """Every distribution installed in this environment, ``{name: version}``, sorted by name."""
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found.setdefault(name, dist.version)
    return dict(sorted(found.items(), key=lambda kv: kv[0].lower()))


def git_commit(folder: Path = config.PACKAGE_DIR) -> str:
    """The commit of the checkout the package runs from, with ``+dirty`` when it has changes;
    empty when it is not a git checkout (an installed wheel) or git is missing."""
    import subprocess

    try:
        head = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10)
        if head.returncode:
            return ""
        dirty = subprocess.run(["git", "-C", str(folder), "status", "--porcelain", "--", "."],
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return head.stdout.strip() + ("+dirty" if dirty else "")


def analysis_record(options) -> dict:
    """What the analysis ran with, enough to reproduce it: settings in force, registry (path and
    sha256), column mapping, code fingerprint (the cache's) and git commit."""
    import hashlib

    from analysis.core.cache import code_fingerprint
    from analysis.core.settings import in_force
    from analysis.run.pipeline import Options

    options = options or Options()
    registry = {"path": options.registry or "(shipped) analysis/resources/entities.csv"}
    if options.registry and Path(options.registry).is_file():
        registry["sha256"] = hashlib.sha256(Path(options.registry).read_bytes()).hexdigest()
    return {"settings": in_force(options.params), "settings_given": dict(options.params),
            "registry": registry, "columns": dict(options.columns),
            "code_fingerprint": code_fingerprint(), "git_commit": git_commit()}


def write_run_manifest(folder: Path, summary: RunSummary, corpus: Path, params: dict,
                       per_template: dict | None = None, options=None) -> Path:
    """``run.json``: versions (every installed distribution), the analysis settings and code,
    parameters, input hashes, timings and status of every report."""
    import hashlib

    from analysis.corpus.files import regular_files, shown_name

    inputs = {}
    for path in regular_files(corpus):
        name = path.relative_to(corpus.parent if corpus.is_file() else corpus).as_posix()
        with open(path, "rb") as handle:
            inputs[shown_name(name)] = hashlib.file_digest(handle, "sha256").hexdigest()
    manifest = {
        "corpus": str(corpus), "parameters": params,
        "parameters_per_report": per_template or {}, "versions": _versions(),
        "analysis": analysis_record(options), "distributions": installed_distributions(),
        "inputs_sha256": inputs, "analysis_seconds": summary.analysis_seconds,
        "tables_reused": summary.tables_reused,
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


def read_portfolio(path: str | Path, base: str | Path | None = None) -> list[dict]:
    """Runs listed in a YAML portfolio: ``runs: [{corpus: ..., params: {...}, set: {...}, out: ...}]``
    (``params``: notebook parameters; ``set``: analysis settings, :mod:`analysis.core.settings`).

    With ``base``, each ``out`` becomes a folder under ``base``; one that would land elsewhere
    (an absolute path, ``..``, a link out) raises OutputRefused before anything runs.
    """
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
        settings = run.get("set") or {}
        if not isinstance(settings, dict):
            raise ParameterError(f"{path}: run {index}: 'set' must be a mapping of analysis settings")
        out = run.get("out") or output_name(run["corpus"], {**params, **settings})
        if base is not None:
            out = inside(Path(base), str(out), f"{path}: run {index}")
        checked.append({"corpus": run["corpus"], "params": params, "settings": settings, "out": out})
    return checked


def inside(base: Path, name: str, where: str) -> Path:
    """``base / name``, refused (OutputRefused) unless it is a folder strictly under ``base``."""
    root = base.resolve()
    out = (root / name).resolve()
    if root not in out.parents:
        raise OutputRefused(f"{where}: out {name!r} is not a folder under {root}; portfolio "
                            "outputs stay under their base folder")
    return out
