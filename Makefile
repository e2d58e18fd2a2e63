# The two commands a newcomer needs: `make lab` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
# Jupyter refuses to run as root unless told to (containers, CI machines).
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test unit notebooks browser lint bench chromium clean nav class screenshots

lab: $(STAMP)
	$(BIN)/jupyter lab $(AS_ROOT) notebooks/00-start-here.ipynb

test: lint chromium
	$(BIN)/pytest

unit: $(STAMP)
	$(BIN)/pytest tests -m "not browser"

notebooks: $(STAMP)
	$(BIN)/pytest notebooks

browser: $(STAMP) chromium
	$(BIN)/pytest tests -m browser

lint: $(STAMP)
	$(BIN)/ruff check handbook tests benchmarks tools conftest.py

# Class mode for a room: Voila serves 05-class-mode on this machine only. Its settings
# (no code, no tracebacks, timeout, culling, remove-cell, preheated kernels) are in
# voila.json, which Voila reads from the folder it starts in: the repository root.
# CLASS_POOL kernels have already run the notebook when a page asks (about 100 MB each).
CLASS_PORT ?= 8866
CLASS_THEME ?= light
CLASS_POOL ?= 3

class: $(STAMP)
	$(BIN)/voila --Voila.ip=127.0.0.1 --port=$(CLASS_PORT) --theme=$(CLASS_THEME) \
	  --pool_size=$(CLASS_POOL) notebooks/05-class-mode.ipynb

# The README's screenshots (docs/screenshots/*.png), taken in Chromium.
screenshots: $(STAMP) chromium
	$(BIN)/pytest tests/browser/shots.py -q

# Bytecode compiled first, as pip leaves an installed package (even where
# PYTHONDONTWRITEBYTECODE is set): start-up figures then measure imports, not compiling.
bench: $(STAMP)
	$(BIN)/python -m compileall -q handbook
	$(BIN)/python -m benchmarks

# Debian's Chromium for the browser tests (Playwright's own browser download cannot be reached here).
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: install it with 'sudo apt-get install chromium'"; exit 1; fi; }

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip uv
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

nav: $(STAMP)
	$(BIN)/python tools/navigation.py
