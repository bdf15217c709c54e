# newsprism: the front door. `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
CORPUS ?= data/raw/pyongyang-summit-2024
OUT ?= reports/pyongyang-summit-2024
LAB_ARGS ?=
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup reproduce reports analyze test test-fast lint format lab bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# rfc3987-syntax is optional for jupyter-events and costs ~2 s on every papermill import
	-$(BIN)/python -m pip uninstall --quiet --yes rfc3987-syntax
	$(BIN)/python -m ipykernel install --sys-prefix --name newsprism --display-name "Python (newsprism)"
	@touch $(STAMP)

setup: $(STAMP) ## create .venv, install newsprism and its dependencies, register the kernel

reproduce: setup reports ## command one: set up and render every report on the bundled corpus

reports: $(STAMP) ## render every report for CORPUS into OUT (papermill + HTML)
	$(BIN)/newsprism report $(CORPUS) --out $(OUT)

analyze: $(STAMP) ## write the tables of CORPUS into OUT/tables
	$(BIN)/newsprism analyze $(CORPUS) --out $(OUT)

test: $(STAMP) ## command two: run the whole test suite (sets up first when needed)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## the tests without notebook and browser runs
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP) ## ruff checks
	$(BIN)/ruff check analysis tests benchmarks

format: $(STAMP) ## ruff format
	$(BIN)/ruff format analysis tests benchmarks

lab: $(STAMP) ## open the notebooks in JupyterLab with the project's kernel (LAB_ARGS="--no-browser --port 8890")
	cd notebooks && ../$(BIN)/jupyter lab --MappingKernelManager.default_kernel_name=newsprism \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) $(LAB_ARGS)

bench: $(STAMP) ## run the benchmarks under benchmarks/
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: ## remove generated reports and caches (never data/raw)
	rm -rf reports/* data/processed/* .pytest_cache
