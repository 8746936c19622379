# The two commands a newcomer needs:  make run  (the site on the bundled corpus)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
# Server processes (default 1; PROCESSES=N forks N servers on the one port)
PROCESSES ?=
DATA   ?= data
SOURCES := $(shell find corpus alinea ingest graph search -type f -not -name '*.pyc' 2>/dev/null)
# The interface's catalogues (web/translations/LANG/LC_MESSAGES/messages.po), compiled at install.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard web/translations/*/LC_MESSAGES/messages.po))

.PHONY: run test build bench clean catalogs translations

$(VENV)/.run-installed: setup.cfg pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	$(BIN)/pybabel compile -d web/translations
	touch $@

catalogs: $(CATALOGS)

web/translations/%/LC_MESSAGES/messages.mo: web/translations/%/LC_MESSAGES/messages.po $(VENV)/.run-installed
	$(BIN)/pybabel compile -l $* -i $< -o $@

# After changing the interface's strings: collect them and merge them into the catalogues (then translate).
translations: $(VENV)/.run-installed
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k N_ -k N_plural:1,2 --no-location --sort-output -o $(VENV)/messages.pot .
	$(BIN)/pybabel update -i $(VENV)/messages.pot -d web/translations --ignore-obsolete --no-wrap

$(VENV)/.test-installed: $(VENV)/.run-installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

$(DATA)/alinea.sqlite: $(VENV)/.run-installed $(SOURCES)
	$(BIN)/alinea --data $(DATA) build --corpus corpus

build: $(DATA)/alinea.sqlite

run: $(DATA)/alinea.sqlite $(CATALOGS)
	$(BIN)/alinea --data $(DATA) serve --host $(HOST) --port $(PORT) $(if $(PROCESSES),--processes $(PROCESSES))

test: $(VENV)/.test-installed $(CATALOGS)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(DATA)/alinea.sqlite
	for script in benchmarks/[a-z]*.py; do case $$script in */timing.py) ;; *) $(BIN)/python $$script || exit 1;; esac; done

clean:
	rm -rf $(DATA) .pytest_cache .hypothesis
