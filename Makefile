# parkgraph — everything a fresh machine needs, from Python, pip and make alone.
#   make demo   set up .venv, build the graph, print its statistics, a park's overview and
#               three parks compared, and write the interactive page dist/parkgraph.html
#   make test   set up .venv with the dev tools, then lint, type-check and run the suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PG     := $(BIN)/parkgraph
# Debian packages the tests need: a real browser with CJK fonts, independent RDF parsers,
# another SPARQL engine (Virtuoso 7). Comunica needs Node.js and npm (Debian's nodejs and npm
# only when no node is installed: they would conflict with a NodeSource nodejs).
SYSTEM_PACKAGES := chromium fonts-noto-cjk raptor2-utils serdi virtuoso-opensource
SYSTEM_TOOLS    := chromium rapper serdi virtuoso-t isql-vt
export PARKGRAPH_SOURCES_DIR ?= $(abspath ../shared/seeds)

.PHONY: demo test install dev system-deps node-deps lint typecheck pytest build bench bench-extract indicator-lexicon clean

demo: install
	$(PG) build
	$(PG) stats
	@echo; echo '$$ parkgraph query --name park-overview --format table'
	@$(PG) query --name park-overview --format table
	@echo; echo '$$ parkgraph compare 永川高新区 苏州工业园区 昆明高新区 --indicator 规模以上工业总产值'
	@$(PG) compare 永川高新区 苏州工业园区 昆明高新区 --indicator 规模以上工业总产值
	$(PG) viz --out dist/parkgraph.html

test: dev system-deps node-deps lint typecheck pytest

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

# The extractor's modules are compiled by mypyc when the package is installed (setup.py), so a
# changed one installs again (until then the extractor runs from source, slower, and says so);
# the modules setup.py leaves uncompiled are left out here. After each install, which build is
# in place. PARKGRAPH_PURE=1 make clean install: plain Python.
BUILD_INPUTS := pyproject.toml setup.py $(filter-out %/__init__.py %/batch.py %/compiled.py %/reading.py,\
                  $(wildcard src/parkgraph/extract/*.py))
SAY_BUILD := $(BIN)/python -c "import parkgraph.extract as e; print('parkgraph extractor:', e.BUILD)"
# One install at a time: both write the compiled modules (make -j).
.NOTPARALLEL:

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BUILD_INPUTS) | $(BIN)/python
	@echo "installing parkgraph (the extractor compiled by mypyc: about a minute)"
	$(BIN)/pip install --quiet -e .
	@$(SAY_BUILD)
	touch $@

# The dev install includes the plain one: one compile, not two.
$(VENV)/.installed-dev: $(BUILD_INPUTS) | $(BIN)/python
	@echo "installing parkgraph with its dev tools (the extractor compiled by mypyc: about a minute)"
	$(BIN)/pip install --quiet -e '.[dev]'
	@$(SAY_BUILD)
	touch $@ $(VENV)/.installed

# Installs the Debian packages when run as root and any tool is missing; otherwise the
# tests that need them skip with a reason (and fail when CI=true).
system-deps:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing="$$missing fonts-noto-cjk"; \
	packages="$(SYSTEM_PACKAGES)"; command -v npm >/dev/null 2>&1 || { missing="$$missing npm"; packages="$$packages nodejs npm"; }; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian packages: $$packages"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$packages >/dev/null; \
	else echo "WARNING: missing$$missing and not root: the tests that need them will skip"; fi

# Comunica for the cross-engine tests, at the versions package-lock.json pins.
node-deps: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "WARNING: npm missing: the Comunica tests will skip"; fi

lint:
	$(BIN)/ruff check src tests bench

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest -q

build: install
	$(PG) build

# The extractor's indicator lexicon, from the vocabulary (edit ontology/indicators.ttl, then this).
indicator-lexicon: install
	$(BIN)/python -m parkgraph.indicators

# The benchmarks (not timed tests): query start-up, the page in Chromium, 100k/1M triples.
bench: dev system-deps build
	$(BIN)/python bench/run_all.py

# The extractor on ../shared/corpus/dev: the referee's table, speed against jieba, a 1,000-file
# batch over the cores (results in bench/out/extract.md and bench/out/extract-<time>/).
bench-extract: dev
	$(BIN)/python bench/extract/bench_extract.py

clean:
	rm -rf dist .pytest_cache .mypy_cache .ruff_cache build/lib.* build/temp.* build/bdist.* \
	  build/__native* build/ops.txt build/parkgraph src/*.so src/parkgraph/extract/*.so \
	  src/parkgraph/extract/compiled-sources.json $(VENV)/.installed $(VENV)/.installed-dev
