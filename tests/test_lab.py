"""``make lab``: JupyterLab starts headless, serves /lab, lists the notebooks and the project's kernel,
and runs a template in that kernel. Each template also runs top to bottom with its own defaults."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from analysis.report.runner import list_templates

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 90  # JupyterLab takes ~5 s here; generous for a loaded 2-core machine
ARTIFACTS = ROOT / "test-artifacts" / "lab"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str, token: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """``make lab`` with a fixed port and token, its state kept in a temporary HOME."""
    if not (ROOT / ".venv" / "bin" / "jupyter").exists() or shutil.which("make") is None:
        pytest.skip("make lab needs `make setup` first (.venv/bin/jupyter) and make")
    home = tmp_path_factory.mktemp("lab-home")
    port, token = free_port(), secrets.token_hex(16)
    settings = home / "config" / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    settings.mkdir(parents=True)  # never autosave: a test must not write outputs into a template
    (settings / "plugin.jupyterlab-settings").write_text(json.dumps({"autosave": False}))
    env = dict(os.environ, HOME=str(home), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTER_CONFIG_DIR=str(home / "config"), NEWSPRISM_CACHE=str(home / "cache"))
    args = (f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 "
            f"--IdentityProvider.token={token} --ServerApp.open_browser=False")
    log = open(home / "lab.log", "w")
    # -o: never re-run setup from a test; the process group lets us stop make and jupyter together
    process = subprocess.Popen(["make", "-s", "-o", ".venv/.installed", "lab", f"LAB_ARGS={args}"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            try:
                if get(f"{base}/api/status", token)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not serve: {(home / 'lab.log').read_text()[-2000:]}")
        yield base, token
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def test_lab_serves_the_notebooks_with_the_project_kernel(lab):
    base, token = lab
    status, page = get(f"{base}/lab", token)
    assert status == 200 and "JupyterLab" in page
    status, specs = get(f"{base}/api/kernelspecs", token)
    specs = json.loads(specs)
    assert "newsprism" in specs["kernelspecs"] and specs["default"] == "newsprism"
    status, listing = get(f"{base}/api/contents", token)
    names = {item["name"] for item in json.loads(listing)["content"]}
    assert {t.name for t in list_templates()} <= names


@pytest.mark.parametrize("template", list_templates(), ids=lambda p: p.name)
def test_every_template_runs_with_its_defaults(template, tmp_path, monkeypatch):
    """What a reader gets in JupyterLab: no parameters given, tables computed and cached."""
    import papermill

    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path / "cache"))
    papermill.execute_notebook(str(template), str(tmp_path / template.name), kernel_name="newsprism",
                               language="python", progress_bar=False, cwd=str(tmp_path))
    assert (tmp_path / "cache").is_dir()


# ---- 07-explore in JupyterLab, driven in Chromium (issue 18, item 7) ----

EXPLORE = ROOT / "notebooks" / "07-explore.ipynb"
RUN_SECONDS = 240  # kernel start, tables computed on the bundled corpus (~20 s), widgets drawn


@pytest.fixture
def lab_page(lab):
    """A Chromium page (Debian's browser, driven by Playwright) logged in to the lab."""
    from tests.test_browser import CHROMIUM_FLAGS, find_chromium

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("no Chromium installed: `apt-get install chromium` or set NEWSPRISM_CHROMIUM")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is missing")
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        except Exception as error:  # noqa: BLE001 - a broken browser install is a skip, not a failure
            pytest.skip(f"Chromium at {chromium} does not start: {error}")
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            yield page, lab
        finally:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)  # the last state, also when a step failed
            page.screenshot(path=str(ARTIFACTS / "07-explore-lab.png"), full_page=True)
            browser.close()


def accept_kernel(page, seconds: float = 10) -> None:
    """Take the proposed kernel (the project's) when JupyterLab asks which one to start."""
    button = page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True)
    try:
        button.wait_for(timeout=seconds * 1000)
    except Exception:  # noqa: BLE001 - no dialog: the kernel started by itself
        return
    button.click()


def evidence_text(page) -> str:
    return page.locator(".widget-output .np-table, .widget-output .np-empty").first.inner_text()


@pytest.mark.browser
def test_explore_runs_in_jupyterlab_and_the_outlet_picker_changes_the_evidence(lab_page):
    page, (base, token) = lab_page
    before = EXPLORE.read_bytes()
    page.goto(f"{base}/lab/tree/{EXPLORE.name}?token={token}")
    page.locator(".jp-Notebook").wait_for(timeout=60_000)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle'], "
                 ".jp-Toolbar-kernelStatus").first.wait_for(timeout=60_000)
    accept_kernel(page)
    page.locator(".lm-MenuBar-item", has_text="Run").first.click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    accept_kernel(page)
    outlet = page.get_by_label("Outlet", exact=True)
    outlet.wait_for(timeout=RUN_SECONDS * 1000)
    page.locator(".widget-output .np-table").first.wait_for(timeout=30_000)
    labels = outlet.locator("option").all_inner_texts()  # ipywidgets shows spaces as no-break
    options = [label.replace("\xa0", " ") for label in labels]
    assert options[0] == "(all)" and len(options) >= 3, options
    shown: dict[str, str] = {}
    previous = ""
    for choice, label in zip(options[:3], labels[:3]):
        if choice != "(all)":
            outlet.select_option(label=label)
            page.wait_for_function(
                "([old]) => { const t = document.querySelector('.widget-output .np-table');"
                " return t && t.innerText.replaceAll('\\u00a0', ' ') !== old; }",
                arg=[shown[previous]], timeout=30_000)
        shown[choice] = evidence_text(page).replace("\xa0", " ")
        previous = choice
    first, second = options[1], options[2]
    assert shown["(all)"] != shown[first] != shown[second]
    for choice, other in ((first, second), (second, first)):
        rows = [line for line in shown[choice].splitlines()[1:] if line.strip()]
        assert rows and all(line.startswith(choice) for line in rows), (choice, rows[:3])
        assert other not in shown[choice]
    assert first in shown["(all)"] and second in shown["(all)"]
    count = page.locator(".np-evidence-count").inner_text()
    assert " of " in count
    # the last table is an interactive one (itables / DataTables): sorted and searched in the page
    page.locator("table.dataTable").first.wait_for(timeout=30_000)
    assert page.locator(".dt-search input, .dataTables_filter input").count() >= 1
    assert EXPLORE.read_bytes() == before  # the committed template is never saved with outputs
