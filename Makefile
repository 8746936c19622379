# The two commands a newcomer needs:  make run  (the site on the bundled corpus)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
DATA   ?= data
SOURCES := $(shell find corpus alinea ingest graph search -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: run test build bench clean

$(VENV)/.run-installed: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.run-installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

$(DATA)/alinea.sqlite: $(VENV)/.run-installed $(SOURCES)
	$(BIN)/alinea --data $(DATA) build --corpus corpus

build: $(DATA)/alinea.sqlite

run: $(DATA)/alinea.sqlite
	$(BIN)/alinea --data $(DATA) serve --host $(HOST) --port $(PORT)

test: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(DATA)/alinea.sqlite
	for script in benchmarks/[a-z]*.py; do case $$script in */timing.py) ;; *) $(BIN)/python $$script || exit 1;; esac; done

clean:
	rm -rf $(DATA) .pytest_cache .hypothesis
