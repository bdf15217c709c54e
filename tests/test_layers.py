"""The package's layering: the import-linter contract in ``pyproject.toml`` holds, and it would
catch a layer that imports one above it."""

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

importlinter = pytest.importorskip("importlinter.cli", reason="import-linter is a dev dependency")


def _contract() -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    (contract,) = config["contracts"]
    return config, contract


def _write_config(path: Path, layers: list[str]) -> Path:
    config, contract = _contract()
    lines = ["[importlinter]", f"root_package = {config['root_package']}", "",
             "[importlinter:contract:layers]", f"name = {contract['name']}", "type = layers",
             "layers ="] + [f"    {layer}" for layer in layers]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_every_subpackage_is_a_layer_of_the_contract():
    _, contract = _contract()
    subpackages = {f"analysis.{p.name}" for p in (ROOT / "analysis").iterdir()
                   if (p / "__init__.py").exists()}
    assert subpackages | {"analysis.cli"} == set(contract["layers"])


def test_the_layer_contract_is_kept(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    _, contract = _contract()
    config = _write_config(tmp_path / "kept.ini", contract["layers"])
    assert importlinter.lint_imports(config_filename=str(config)) == importlinter.EXIT_STATUS_SUCCESS


def test_the_contract_catches_an_upward_import(tmp_path, monkeypatch):
    """With core above corpus, corpus's imports of core become upward imports: the check fails."""
    monkeypatch.chdir(ROOT)
    _, contract = _contract()
    layers = [layer for layer in contract["layers"] if layer != "analysis.core"]
    layers.insert(layers.index("analysis.corpus"), "analysis.core")
    config = _write_config(tmp_path / "broken.ini", layers)
    assert importlinter.lint_imports(config_filename=str(config)) == importlinter.EXIT_STATUS_ERROR
