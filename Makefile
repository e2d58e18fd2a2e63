# The two commands a newcomer needs: `make lab` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
# Jupyter refuses to run as root unless told to (containers, CI machines).
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test unit notebooks browser lint bench chromium clean nav

lab: $(STAMP)
	$(BIN)/jupyter lab $(AS_ROOT) notebooks/00-start-here.ipynb

test: $(STAMP) chromium
	$(BIN)/ruff check handbook tests benchmarks tools
	$(BIN)/pytest

unit: $(STAMP)
	$(BIN)/pytest tests -m "not browser"

notebooks: $(STAMP)
	$(BIN)/pytest notebooks

browser: $(STAMP) chromium
	$(BIN)/pytest tests -m browser

lint: $(STAMP)
	$(BIN)/ruff check handbook tests benchmarks tools

bench: $(STAMP)
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
	$(BIN)/uv pip install -q --python $(BIN)/python -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

nav: $(STAMP)
	$(BIN)/python tools/navigation.py
