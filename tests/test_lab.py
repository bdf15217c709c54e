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
