# The front door. `make help` lists the targets; `make report` and `make test`
# are the two you need.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
LOCK     := requirements.lock

# make report parameters
CORPUS   ?= seeds
NAME     ?= default
CODEBOOK ?= config/codebook.yaml
PARTNERS ?= config/partners.yaml
PARAMS   ?= default
COMPARE  ?=
ONLY     ?=
# make validate: the gold labelling of CORPUS (the seeds' by default)
GOLD     ?= tests/data/gold_seeds.csv
# make label: units to sample; make report LABELS=: a filled label sheet
N        ?= 150
LABELS   ?=
FORCE    ?=
# where the corpus is computed: local (a process pool) or dask (a local Dask
# cluster; SCHEDULER=tcp://host:8786 uses an existing one)
ENGINE   ?= local
SCHEDULER ?=
# extra jupyter lab options, e.g. LAB_ARGS=--no-browser; root (as in containers) always gets --allow-root too
LAB_ARGS ?=
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

export PIP_DISABLE_PIP_VERSION_CHECK := 1

# The report variables reach the command through the environment and are quoted
# there by the shell: a path holding a backquote, a "$" or a '"' is passed as it
# is, never run (ONLY is split into notebook names on white space).
export CORPUS NAME CODEBOOK PARTNERS PARAMS COMPARE ONLY GOLD N LABELS FORCE ENGINE SCHEDULER
REPORT_ARGS := --corpus "$$CORPUS" --name "$$NAME" --codebook "$$CODEBOOK" \
               --partners "$$PARTNERS" --params-set "$$PARAMS" \
               $${COMPARE:+--partner "$$COMPARE"} $${ONLY:+--only $$ONLY} \
               $${LABELS:+--labels "$$LABELS"} \
               --engine "$$ENGINE" $${SCHEDULER:+--scheduler "$$SCHEDULER"}

.PHONY: help setup lock report label validate test lint lab bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# the exact versions the tests ran with (requirements.lock), then the package
# itself; again only when pyproject.toml or the lock changes
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install -q -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps -e .
	@touch $(STAMP)

report: $(STAMP) ## run every notebook on CORPUS and render reports/NAME/ (default: seeds -> reports/default/)
	$(BIN)/python -m analysis report $(REPORT_ARGS)

label: $(STAMP) ## write reports/NAME/label_sheet.csv: N units of CORPUS to label by hand (then make report LABELS=...)
	$(BIN)/python -m analysis label --corpus "$$CORPUS" --name "$$NAME" --n "$$N" --codebook "$$CODEBOOK" \
	    --partners "$$PARTNERS" $${FORCE:+--force}

validate: $(STAMP) ## score the codebook and a keyword baseline against GOLD on CORPUS (P, R, F1 with intervals)
	$(BIN)/python -m analysis validate --corpus "$$CORPUS" --gold "$$GOLD" --codebook "$$CODEBOOK"

test: $(STAMP) lint ## run make lint, then the test suite (pytest)
	$(BIN)/python -m pytest

lint: $(STAMP) ## check the whole tree with ruff (rules in pyproject.toml)
	$(BIN)/python -m ruff check .

lab: $(STAMP) ## open JupyterLab on the notebooks with the project's kernel
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (framing kit)" >/dev/null
	$(BIN)/jupyter lab --notebook-dir=. $(LAB_ROOT) $(LAB_ARGS)

bench: $(STAMP) ## run benchmarks/bench_*.py, print a table, write reports/bench.json
	$(BIN)/python -m benchmarks.run

setup: $(STAMP) ## create .venv, install the locked versions and the package (only when pyproject.toml or the lock changed)

lock: | $(BIN)/python ## renew requirements.lock: the newest versions pyproject.toml allows (then run make test)
	$(BIN)/python -m pip install -q uv
	$(BIN)/python -m uv pip compile pyproject.toml --extra dev --universal --python-version 3.11.5 \
	    --custom-compile-command "make lock" --no-annotate --upgrade -o $(LOCK)

clean: ## remove .venv, generated reports (keeps reports/README.md) and caches (.cache, __pycache__ ...)
	rm -rf $(VENV)
	find reports -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf .pytest_cache .cache *.egg-info build
	find . -path ./.git -prune -o -type d \( -name __pycache__ -o -name .ipynb_checkpoints \) -prune -exec rm -rf {} +

help: ## list the targets
	@echo "Usage: make <target> [VAR=value ...]"
	@echo
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## (.*)/  \1\t\2/' | expand -t 12
	@echo
	@echo "make report variables: CORPUS=$$CORPUS NAME=$$NAME CODEBOOK=$$CODEBOOK"
	@echo "  PARTNERS=$$PARTNERS PARAMS=$$PARAMS (a set in config/report.yaml)"
	@echo "  COMPARE=us,japan (partner keys; default: all)  ONLY='01_corpus 02_themes'"
	@echo "  ENGINE=local|dask  SCHEDULER=tcp://host:8786 (an existing Dask cluster)"
