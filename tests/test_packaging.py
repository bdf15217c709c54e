"""The package outside the checkout: package data, installed-mode paths, optional extras, locks, mypy
baseline. The whole round trip (build the wheel, install it with requirements.lock into a fresh
environment, render every report) is .ci/wheel_check.sh, run by CI."""

import importlib.util
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

from analysis.core import config

ROOT = config.PROJECT_ROOT
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
CORPUS = config.RAW_DIR / "pyongyang-summit-2024"


def _load_ci_module(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / ".ci" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_folder_of_the_package_is_listed_in_pyproject():
    # the packages are listed (not found) so that notebooks/ and data/gold/ can be mapped into the
    # package; a new subpackage left out of the list would be missing from the wheel
    on_disk = {
        ".".join(path.relative_to(ROOT).parts)
        for path in config.PACKAGE_DIR.rglob("*")
        if path.is_dir() and path.name != "__pycache__" and any(path.iterdir())
    } | {"analysis"}
    mapped = set(SETUPTOOLS["package-dir"])
    assert set(SETUPTOOLS["packages"]) == on_disk | mapped


def test_mapped_folders_and_their_package_data_match_files():
    assert SETUPTOOLS["package-dir"] == {"analysis.templates": "notebooks", "analysis.data.gold": "data/gold"}
    for package, patterns in SETUPTOOLS["package-data"].items():
        folder = ROOT / SETUPTOOLS["package-dir"].get(package, package.replace(".", "/"))
        matched = {p for pattern in patterns for p in folder.glob(pattern)}
        assert matched, f"{package}: {patterns} match no file in {folder}"
    templates = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert len(templates) == 8  # 00-summary .. 07-explore


def test_build_floor_accepts_the_license_expression():
    # setuptools < 77 rejects PEP 639 license expressions such as `license = "MIT"`
    assert PYPROJECT["project"]["license"] == "MIT"
    floor = [r for r in PYPROJECT["build-system"]["requires"] if r.startswith("setuptools")]
    assert floor == ["setuptools>=77"]


def test_optional_extras_are_not_core_dependencies():
    core = " ".join(PYPROJECT["project"]["dependencies"])
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert "dask" not in core and "jupyterlab" not in core
    assert any(r.startswith("dask[distributed]") for r in extras["dask"])
    assert any(r.startswith("jupyterlab") for r in extras["lab"])


def _pins(lock: Path) -> dict[str, str]:
    text = lock.read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\$", text, flags=re.M))


def test_locks_pin_every_requirement_with_hashes():
    core, dev = _pins(ROOT / "requirements.lock"), _pins(ROOT / "requirements-dev.lock")
    for lock, pins in (("requirements.lock", core), ("requirements-dev.lock", dev)):
        text = (ROOT / lock).read_text(encoding="utf-8")
        requirement_lines = [line for line in text.splitlines() if line and line[0].isalnum()]
        assert len(requirement_lines) == len(pins), f"{lock}: a requirement without a hash"
        assert text.count("--hash=sha256:") >= len(pins)
    # the runtime lock is the dev lock's subset: the wheel check installs what the tests ran with
    assert {name: dev[name] for name in core} == core
    for requirement in PYPROJECT["project"]["dependencies"]:
        name = re.split(r"[<>=\[ ;]", requirement)[0].lower().replace("_", "-")
        assert name in core, f"{name} is a dependency but not in requirements.lock: make lock"
    assert "dask" in dev and "jupyterlab" in dev and "dask" not in core and "jupyterlab" not in core


def _installed_layout(tmp_path: Path) -> Path:
    """``tmp_path/site`` laid out like the wheel: the package with templates and gold sets inside,
    and no checkout around it."""
    site = tmp_path / "site"
    shutil.copytree(config.PACKAGE_DIR, site / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "notebooks", site / "analysis" / "templates",
                    ignore=shutil.ignore_patterns(".*", "figure-tables"))
    shutil.copytree(ROOT / "data" / "gold", site / "analysis" / "data" / "gold")
    return site


def _run_python(code: str, site: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(site), "HOME": str(cwd),
           "MPLCONFIGDIR": str(cwd / "mpl")}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_installed_package_finds_templates_and_gold_sets_inside_itself(tmp_path):
    site = _installed_layout(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    done = _run_python(textwrap.dedent("""
        from pathlib import Path
        import analysis
        from analysis.core import config
        from analysis.report.runner import list_templates
        from analysis.attribution import validation
        from analysis.measures import frame_validation
        print(Path(analysis.__file__).parent)
        print(config.IN_CHECKOUT)
        print(config.NOTEBOOKS_DIR)
        print(len(list_templates()))
        print(config.REPORTS_DIR)
        print(config.resource("entities.csv").exists())
        print(validation.corpus_gold("pyongyang-summit-2024")[0], len(frame_validation.read_gold()) > 0)
        try:
            config.resolve_corpus("pyongyang-summit-2024")
        except FileNotFoundError as error:
            print(error)
    """), site, work)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    package = site / "analysis"
    assert lines[:6] == [str(package), "False", str(package / "templates"), "8", "reports", "True"]
    attribution_gold, frames_found = lines[6].split()
    # no corpus outside a checkout, so no attribution gold: it lives in its corpus's folder
    assert attribution_gold == "none" and frames_found == "True"
    assert lines[7] == "corpus not found: pyongyang-summit-2024 (give the path of a corpus folder)"


_BLOCK_EXTRAS = textwrap.dedent("""
    import sys
    for name in ("dask", "distributed", "jupyterlab"):
        sys.modules[name] = None  # import fails as if the extra were not installed
""")


def test_core_modules_import_neither_dask_nor_jupyterlab(tmp_path):
    done = _run_python(_BLOCK_EXTRAS + textwrap.dedent("""
        import analysis.cli, analysis.run.pipeline, analysis.run.engine, analysis.report.runner
        import analysis.views.display, analysis.views.summary, analysis.run.tables
        loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("dask", "distributed", "jupyterlab")
                        and sys.modules[n] is not None)
        print(loaded)
    """), ROOT, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
def test_analyze_runs_without_the_dask_extra_and_names_it_when_asked_for(tmp_path):
    done = _run_python(_BLOCK_EXTRAS + textwrap.dedent(f"""
        from analysis.cli import main
        print(main(["analyze", {str(CORPUS)!r}, "--out", "out", "--no-cache"]))
        print(main(["analyze", {str(CORPUS)!r}, "--out", "out2", "--no-cache", "--engine", "dask"]))
    """), ROOT, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["0", "2"], done.stdout
    assert (tmp_path / "out" / "tables").is_dir()
    assert "pip install 'newsprism[dask]'" in done.stderr


def test_mypy_baseline_keys_ignore_line_numbers():
    baseline = _load_ci_module("mypy_baseline")
    output = ("analysis/a.py:10: error: Name \"x\" already defined on line 3  [no-redef]\n"
              "analysis/a.py:12: note: see here\n"
              "analysis/b.py:7:5: error: Incompatible types  [assignment]\n"
              "Found 2 errors in 2 files (checked 2 source files)\n")
    keys = [key for key, _ in baseline.parse_errors(output)]
    assert keys == ['analysis/a.py: Name "x" already defined on line N  [no-redef]',
                    "analysis/b.py: Incompatible types  [assignment]"]


def test_mypy_baseline_fails_on_new_errors_and_on_fixed_ones():
    baseline = _load_ci_module("mypy_baseline")
    known = ["a.py: E1  [x]", "a.py: E1  [x]", "b.py: E2  [y]"]
    assert baseline.compare(known, known) == ({}, {})
    new, gone = baseline.compare(["a.py: E1  [x]", "b.py: E2  [y]", "c.py: E3  [z]"], known)
    assert dict(new) == {"c.py: E3  [z]": 1}  # a new error: fail, fix it
    assert dict(gone) == {"a.py: E1  [x]": 1}  # one of two copies fixed: fail until the baseline shrinks


def test_mypy_baseline_file_is_sorted_and_has_no_line_numbers():
    lines = _load_ci_module("mypy_baseline").read_baseline()
    assert lines == sorted(lines)
    assert all(re.match(r"^analysis/[\w/]+\.py: .+  \[[\w-]+\]$", line) for line in lines)
