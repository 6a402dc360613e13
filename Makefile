# The README's two commands: `make build` and `make test`. Each sets up .venv itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: build test lint check bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

build: $(STAMP)
	$(BIN)/jsitext check articles
	$(BIN)/jsitext build articles --output build

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

check: $(STAMP)
	$(BIN)/jsitext check articles

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build $(VENV) .pytest_cache
