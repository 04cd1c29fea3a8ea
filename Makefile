# 作风建设报告站 — the two commands a newcomer needs: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# ProperDocs (the maintained fork of MkDocs 1.6), kept beside the venv rather than in it: installed,
# mike would build with it instead of mkdocs. tests/test_properdocs.py builds the site with it.
PROPERDOCS := properdocs==1.6.7
# decap-server, the /admin/ form's local backend for the browser test (pinned by its package-lock.json).
DECAP := tests/tools/decap
DECAP_STAMP := $(DECAP)/node_modules/.package-lock.json
# axe-core, the WCAG rules tests/test_accessibility.py runs in Chromium (pinned by its package-lock.json).
AXE := tests/tools/axe
AXE_STAMP := $(AXE)/node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: install serve build test check bench clean wheelhouse

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --upgrade --target $(VENV)/properdocs '$(PROPERDOCS)'
	touch $(STAMP)

$(DECAP_STAMP): $(DECAP)/package-lock.json
	cd $(DECAP) && npm ci --no-audit --no-fund --loglevel=error
	touch $(DECAP_STAMP)

$(AXE_STAMP): $(AXE)/package-lock.json
	cd $(AXE) && npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE_STAMP)

install: $(STAMP) $(DECAP_STAMP) $(AXE_STAMP)

# --dirty: after an edit only the pages it touches are built again (src/zuofeng/site/incremental.py).
# `make serve FULL=1` builds the whole site after every edit instead.
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 $(if $(FULL),,--dirty)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/zuofeng check

test: $(STAMP) $(DECAP_STAMP) $(AXE_STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/mkdocs build --strict -q
	$(BIN)/python bench/search_quality.py site
	$(BIN)/python bench/run.py
	$(BIN)/python bench/excel.py

# Offline install (README: 新县启用): the zuofeng wheel and every dependency's wheel in one folder;
# a new site installs from it alone: pip install --no-index --find-links dist/wheelhouse zuofeng
wheelhouse: $(STAMP)
	rm -rf dist/wheelhouse
	$(BIN)/python -m pip wheel --quiet . -w dist/wheelhouse
	@ls dist/wheelhouse | wc -l | xargs echo "dist/wheelhouse: wheels:"

clean:
	rm -rf site dist .pytest_cache
