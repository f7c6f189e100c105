# `make run` and `make test` set everything up on a fresh machine with only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench forms dist clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/python -m pip install --quiet "pip==26.3"
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check  # the lock must be complete: --no-deps installs nothing unlisted
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/opal-desktop

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint typecheck pytest

bench: $(STAMP)
	# An installed app runs from compiled bytecode; measure it that way.
	$(BIN)/python -m compileall -q opal_desktop
	$(BIN)/python -m bench

# A one-folder bundle in dist/opal-desktop (PyInstaller), then its own end-to-end self-test.
dist: $(STAMP)
	$(BIN)/python build/build_bundle.py
	QT_QPA_PLATFORM=offscreen dist/opal-desktop/opal-desktop self-test

forms: $(STAMP)
	$(BIN)/python build/compile_forms.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache dist work
