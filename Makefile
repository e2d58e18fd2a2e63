# The two commands a newcomer needs: `make lab` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_TOOLS := node_modules/.installed
CHROMIUM ?= /usr/bin/chromium
# Jupyter refuses to run as root unless told to (containers, CI machines).
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test unit notebooks browser lint bench chromium clean nav class screenshots js po
.PHONY: hub hub-clean bench-hub

# Quiet terminals: `make lab` and `make class` print the address and how to stop, and errors;
# not the servers' log (JUPYTER_LOG=INFO brings it back). The kernels of this environment log
# errors only (no "running over TCP without encryption" for each one: they listen on this
# machine only); notebook_shim, which JupyterLab 4 does not need, is left out (it woke a
# deprecation warning). Saved notebooks keep no live view: each becomes a line saying how to
# bring it back (handbook.output.notebook), so a reopened notebook never reads "Error
# displaying widget: model not found".
JUPYTER_LOG ?= ERROR
QUIET_SERVER := --Application.log_level=$(JUPYTER_LOG)
LAB_ARGS := $(QUIET_SERVER) '--ServerApp.jpserver_extensions={"notebook_shim": False}' \
  --ContentsManager.pre_save_hook=handbook.output.notebook.keep_what_lasts
KERNEL_CONFIG := $(VENV)/etc/ipython/ipython_kernel_config.json

$(KERNEL_CONFIG): $(STAMP)
	@mkdir -p $(@D)
	@echo '{"IPKernelApp": {"log_level": "ERROR"}}' > $@

# The book's language: `make lab HANDBOOK_LANG=es` opens the Spanish book (notebooks/es/) with
# JupyterLab in Spanish (its language pack; the locale set in share/jupyter/lab/settings-es,
# installed into .venv) and the kernels speaking Spanish. Without it, English.
HANDBOOK_LANG ?=
LAB_LANG := $(or $(firstword $(subst _, ,$(subst -, ,$(HANDBOOK_LANG)))),en)
# Another language's book is notebooks/<code>/, opening at its chapter 00.
START_PAGE_en := notebooks/00-start-here.ipynb
START_PAGE_$(LAB_LANG) ?= $(firstword $(wildcard notebooks/$(LAB_LANG)/00-*.ipynb))
LAB_SETTINGS := $(abspath $(VENV)/share/jupyter/lab/settings-$(LAB_LANG))

lab: $(STAMP) $(KERNEL_CONFIG)
	@test -n "$(START_PAGE_$(LAB_LANG))" || { echo "No book in '$(HANDBOOK_LANG)' (notebooks/$(LAB_LANG)/): HANDBOOK_LANG=es or none"; exit 1; }
	@echo "The stretch handbook opens in your browser (or open the address below)."
	@echo "To stop it, press Control-C twice here."
	@HANDBOOK_LANG=$(LAB_LANG) exec $(BIN)/jupyter lab $(AS_ROOT) $(LAB_ARGS) \
	  --ServerApp.root_dir=$(abspath notebooks) \
	  $(if $(wildcard $(LAB_SETTINGS)),--LabApp.app_settings_dir=$(LAB_SETTINGS)) \
	  $(START_PAGE_$(LAB_LANG))

test: lint chromium js
	$(BIN)/pytest

# The player's walk, without a browser: node's own test runner over tests/js/*.test.mjs.
js: $(NODE_TOOLS)
	node --test tests/js/

unit: $(STAMP)
	$(BIN)/pytest tests -m "not browser"

notebooks: $(STAMP)
	$(BIN)/pytest notebooks

browser: $(STAMP) chromium $(NODE_TOOLS)
	$(BIN)/pytest tests -m browser

# ruff's rules and its formatter over the code (notebooks are the readers' prose: not formatted),
# then mypy --strict over the package and import-linter's contracts, the house's layers
# (both set in pyproject.toml).
LINTED := handbook tests benchmarks tools hub conftest.py

lint: $(STAMP) $(NODE_TOOLS)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	node_modules/.bin/tsc -p tsconfig.json

# The JavaScript checks' tools (typescript for the player's JSDoc types, axe-core for the
# browser tests), pinned in package-lock.json, into node_modules/; node from Debian if missing.
$(NODE_TOOLS): package.json package-lock.json
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's nodejs and npm for the JavaScript checks"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "node and npm are missing: install them with 'sudo apt-get install nodejs npm'"; exit 1; fi; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Class mode for a room: Voila serves 05-class-mode on this machine only. Its settings
# (no code, no tracebacks, timeout, culling, remove-cell, preheated kernels) are in
# voila.json, which Voila reads from the folder it starts in: the repository root.
# CLASS_POOL kernels have already run the notebook when a page asks (about 100 MB each).
CLASS_PORT ?= 8866
CLASS_THEME ?= light
CLASS_POOL ?= 3
# HANDBOOK_LANG=es serves the class in Spanish: Voila and the kernels it starts speak it (the
# page's lang, the panel, the stage, the voice), from the Spanish book's class page when there
# is one. The teacher's panel can still switch a class's language.
HANDBOOK_LANG ?=
CLASS_NOTEBOOK := $(firstword $(if $(HANDBOOK_LANG),$(wildcard \
  notebooks/$(HANDBOOK_LANG)/05-*.ipynb)) notebooks/05-class-mode.ipynb)

class: $(STAMP) $(KERNEL_CONFIG)
	@echo "Class mode is at http://127.0.0.1:$(CLASS_PORT)/ (it opens in your browser)."
	@echo "To stop it, press Control-C here."
	@$(if $(HANDBOOK_LANG),HANDBOOK_LANG=$(HANDBOOK_LANG)) exec \
	  $(BIN)/voila --Voila.ip=127.0.0.1 --port=$(CLASS_PORT) --theme=$(CLASS_THEME) \
	  --pool_size=$(CLASS_POOL) $(QUIET_SERVER) $(CLASS_NOTEBOOK)

# The README's screenshots (docs/screenshots/*.png), taken in Chromium.
screenshots: $(STAMP) chromium
	$(BIN)/pytest tests/browser/shots.py -q

# Bytecode compiled first, as pip leaves an installed package (even where
# PYTHONDONTWRITEBYTECODE is set): start-up figures then measure imports, not compiling.
bench: $(STAMP)
	$(BIN)/python -m compileall -q handbook
	$(BIN)/python -m benchmarks

# A workshop on participants' own devices: JupyterHub gives each participant their own
# JupyterLab with the handbook, as a Unix account of their own (README: "Run a workshop on
# participants' devices"). Settings: make hub HUB_IP=127.0.0.1 SEATS=12 HUB_PASSWORD=...
HUB_IP ?=
HUB_PORT ?= 8000
HUB_PASSWORD ?=
HUB_ADMIN ?= teacher
HUB_ADMIN_PASSWORD ?=
SEATS ?= 20
HUB_CERT ?=
HUB_KEY ?=
HUB_IDLE ?= 3600
HUB_USER_PREFIX ?= hb-
HUB_GROUP ?= handbook-workshop
HUB_STATE ?= .hub/state
# The participants' servers run as their own accounts, which cannot enter /root, where the
# Python of .venv may live (pyenv): their venv is made from Debian's python3 instead, in a
# folder they can enter (HUB_RUNTIME elsewhere when the checkout is in a private folder).
HUB_PYTHON ?= /usr/bin/python3
HUB_RUNTIME ?= .hub/venv
# The routine of the class page each participant finds beside their notebooks.
HUB_CLASS ?= back-pain-basics
export HUB_IP HUB_PORT HUB_PASSWORD HUB_ADMIN HUB_ADMIN_PASSWORD SEATS HUB_CERT HUB_KEY \
       HUB_IDLE HUB_USER_PREFIX HUB_GROUP HUB_STATE HUB_RUNTIME HUB_CLASS HANDBOOK_LANG
HUB_VENV := $(HUB_RUNTIME)
HUB_PROXY := .hub/proxy
HUB_SOURCES := pyproject.toml $(shell find handbook data -type f -not -path '*/__pycache__/*' 2>/dev/null)

hub: $(HUB_VENV)/.installed $(HUB_PROXY)/.installed
	$(HUB_VENV)/bin/python -m hub.launch

# Lists what it will remove and asks first (YES=1 does not ask).
hub-clean:
	$(PYTHON) -m hub.clean $(if $(YES),--yes)

bench-hub: $(STAMP) chromium $(HUB_VENV)/.installed $(HUB_PROXY)/.installed
	$(BIN)/python -m benchmarks.hub

# The handbook is installed, not linked: the servers never read the checkout's package.
$(HUB_VENV)/.installed: $(STAMP) $(HUB_SOURCES)
	@test -x $(HUB_PYTHON) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's python3 for the participants' servers"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null; \
	  else echo "$(HUB_PYTHON) is missing: install python3 (3.11 or newer) or set HUB_PYTHON"; exit 1; fi; }
	$(BIN)/uv venv -q --allow-existing --python $(HUB_PYTHON) $(HUB_VENV)
	$(BIN)/uv pip install -q --compile-bytecode --python $(HUB_VENV)/bin/python \
	  --reinstall-package stretch-handbook ".[hub]"
	touch $@

# configurable-http-proxy from npm into .hub/proxy; node from Debian when it is missing.
# Version 5 wants node 20 or newer; Debian 12's node 18 runs version 4.
$(HUB_PROXY)/.installed:
	@command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's nodejs and npm for the hub's proxy"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "node and npm are missing: install them with 'sudo apt-get install nodejs npm'"; exit 1; fi; }
	major=$$(node -p 'process.versions.node.split(".")[0]'); \
	  npm install --prefix $(HUB_PROXY) --no-audit --no-fund --loglevel=error \
	    configurable-http-proxy@$$( [ $$major -ge 20 ] && echo 5 || echo 4 )
	touch $@

# Debian's Chromium for the browser tests (Playwright's own browser download cannot be reached here).
chromium:
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: install it with 'sudo apt-get install chromium'"; exit 1; fi; }

$(STAMP): pyproject.toml hatch_build.py $(wildcard share/jupyter/voila/templates/*/*) \
  $(wildcard share/jupyter/lab/*/*) \
  $(wildcard handbook/locale/*/LC_MESSAGES/*.po)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip uv
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e ".[test]"
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache

# The words of the code: extract them (babel.cfg) into handbook/locale/handbook.pot and bring
# every language's handbook.po up to date; new entries come in empty, and tests/test_i18n.py
# fails until they are translated (docs/translating.md). `make` compiles them on install.
PO_FLAGS := --no-location --sort-output --width=100 -k N_ -k pgettext:1c,2 --add-comments=Translators:

po: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(PO_FLAGS) --project=stretch-handbook \
	  -o handbook/locale/handbook.pot . >/dev/null
	$(BIN)/pybabel update -i handbook/locale/handbook.pot -d handbook/locale -D handbook \
	  --no-fuzzy-matching --ignore-obsolete --width=100
	$(BIN)/uv pip install -q --python $(BIN)/python -e ".[test]"

nav: $(STAMP)
	$(BIN)/python tools/navigation.py
