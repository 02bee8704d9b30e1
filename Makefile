# framing — the whole setup is two commands: `make report` and `make test`.
# Both create .venv when missing and re-install when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS ?= seeds
RESULTS ?= results
FIGURES ?= figures

.DEFAULT_GOAL := help
.PHONY: help report test lint unit notebooks bench clean-venv

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

report: $(STAMP) ## score $(CORPUS)/ into $(RESULTS)/ and regenerate $(FIGURES)/
	$(BIN)/framing score $(CORPUS) --out $(RESULTS) --quiet
	$(BIN)/framing figures --corpus $(CORPUS) --out $(FIGURES) --quiet

test: $(STAMP) ## linters, unit tests, gold checks and every notebook (nbval)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg tests notebooks

lint: $(STAMP) ## ruff only
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

unit: $(STAMP) ## unit tests only (no notebooks)
	$(BIN)/pytest tests

notebooks: $(STAMP) ## re-execute every notebook in place (after a deliberate change)
	for nb in notebooks/*.ipynb; do \
	  $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.record_timing=False "$$nb" || exit 1; done

bench: $(STAMP) ## speed and public-benchmark scripts in bench/
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python "$$script" || exit 1; done

clean-venv: ## remove the virtual environment
	rm -rf $(VENV)
