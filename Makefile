# The two commands: `make demo` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= $(CURDIR)/demo-data/demo.db
# The demo opens on day 30 of its 48: offers arriving, onsites under way, the next interviews
# booked. `widenet demo` alone builds all seven weeks.
DEMO_DAY ?= 30

.PHONY: install demo test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/widenet demo --db $(DEMO_DB) --day $(DEMO_DAY)
	$(BIN)/widenet serve --db $(DEMO_DB)

lint: install
	$(BIN)/ruff check src tests benchmarks

typecheck: install
	$(BIN)/mypy

pytest: install
	. scripts/test-services.sh && $(BIN)/python -m pytest

test: lint typecheck pytest

bench: install
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) demo-data .pytest_cache .mypy_cache .ruff_cache
