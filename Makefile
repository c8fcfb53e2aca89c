# The front door. Every target creates .venv from the pinned requirements on
# first use, so a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
# Material prints a banner about its successor on every build; it is not ours to show.
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
N ?= 300

.PHONY: serve build publish test test-browser bench check status clean

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --dev-addr $(ADDR)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

publish: $(STAMP)
	TRELLIS_PUBLIC=1 $(BIN)/mkdocs build --strict

test: $(STAMP)
	$(BIN)/python -m pytest

test-browser: $(STAMP)
	$(BIN)/python -m pytest -m browser

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --notes $(N)

check: $(STAMP)
	$(BIN)/python scripts/check.py

status: $(STAMP)
	$(BIN)/python scripts/status.py

clean:
	rm -rf site .cache
