# newsprism: the front door. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= data/raw/pyongyang-summit-2024
OUT ?= reports/pyongyang-summit-2024
LAB_ARGS ?=
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup reproduce reports analyze test test-fast lint lock format lab bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

LOCK_FLAGS := --generate-hashes --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	--no-emit-package rfc3987-syntax --custom-compile-command 'make lock'
# rfc3987-syntax is optional for jupyter-events and costs ~2 s on every papermill import: not locked

$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	@# pip installs uv (its hashes taken from the lock), uv the rest of the lock: seconds, not minutes
	awk '/^uv==/{p=1} p{print} p && !/\\$$/{exit}' requirements-dev.lock > $(VENV)/uv-requirement.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
	  -r $(VENV)/uv-requirement.txt
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --require-hashes -r requirements-dev.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m pip check --disable-pip-version-check \
	  || { echo "the lock misses a dependency of pyproject.toml: make lock"; exit 1; }
	$(BIN)/python -m ipykernel install --sys-prefix --name newsprism --display-name "Python (newsprism)"
	@touch $(STAMP)

setup: $(STAMP) ## create .venv from requirements-dev.lock (hashed pins), install newsprism, register the kernel

reproduce: setup reports ## command one: set up and render every report on the bundled corpus

reports: $(STAMP) ## render every report for CORPUS into OUT (papermill + HTML)
	$(BIN)/newsprism report $(CORPUS) --out $(OUT)

analyze: $(STAMP) ## write the tables of CORPUS into OUT/tables
	$(BIN)/newsprism analyze $(CORPUS) --out $(OUT)

test: $(STAMP) ## command two: run the whole test suite (sets up first when needed)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## the tests without notebook and browser runs
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP) ## ruff checks, then mypy against its baseline (new type errors fail)
	$(BIN)/ruff check analysis tests benchmarks
	$(BIN)/python .ci/mypy_baseline.py

lock: ## regenerate requirements*.lock from pyproject.toml (UPGRADE=1: newest versions)
	@# only uv is needed: a .venv installed from an older lock will do. uv keeps the pins of the
	@# current lock where pyproject.toml allows them; an unchanged lock keeps its date (no reinstall)
	@test -x $(BIN)/uv || $(MAKE) setup
	cp requirements-dev.lock $(VENV)/requirements-dev.lock
	cp requirements.lock $(VENV)/requirements.lock
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --extra lab --extra dask $(LOCK_FLAGS) \
	  $(if $(UPGRADE),--upgrade) -o $(VENV)/requirements-dev.lock
	$(BIN)/uv pip compile --quiet pyproject.toml $(LOCK_FLAGS) -c $(VENV)/requirements-dev.lock \
	  -o $(VENV)/requirements.lock
	@for f in requirements-dev.lock requirements.lock; do \
	  sed -i 's|$(VENV)/requirements|requirements|g' $(VENV)/$$f; \
	  if cmp -s $(VENV)/$$f $$f; then echo "$$f: unchanged"; else mv $(VENV)/$$f $$f; echo "$$f: updated"; fi; \
	done

format: $(STAMP) ## ruff format
	$(BIN)/ruff format analysis tests benchmarks

lab: $(STAMP) ## open the notebooks in JupyterLab with the project's kernel (LAB_ARGS="--no-browser --port 8890")
	cd notebooks && ../$(BIN)/jupyter lab --MappingKernelManager.default_kernel_name=newsprism \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $(LAB_ARGS)

bench: $(STAMP) ## run the benchmarks under benchmarks/
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## remove generated reports and caches (never data/raw)
	rm -rf reports/* data/processed/* .pytest_cache
