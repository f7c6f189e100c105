# `make run` and `make test` set everything up on a fresh machine with only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest soak bench forms dist clean

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

# The GUI soak (tests/soak): the real windows driven for a long time, offscreen, with
# faulthandler so a native crash prints where it was (and a hang dumps every thread's stack
# after SOAK_HANG_S seconds in one test). Full counts (~100k incidents, 10,000 characters
# per field); `OPAL_SOAK=short make soak` is the few-minute form .ci/run uses. Figures are
# printed and written to work/soak/soak-<form>.json.
SOAK_HANG_S ?= 1800
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -X faulthandler -m pytest tests/soak -m soak -s \
		-o faulthandler_timeout=$(SOAK_HANG_S)

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
