PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check lint bench eval eval-real fuzz stress clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	$(BIN)/python -m compileall -q tracker
	touch $(STAMP)

install: $(STAMP)

# a throwaway database: ingest the seeds, report as of 2010-11-01, ingest again (nothing changes)
demo: $(STAMP)
	@export TRACKER_DB="sqlite:///$$(mktemp -d)/demo.db"; \
	$(BIN)/tracker ingest seeds/ && \
	$(BIN)/tracker status --as-of 2010-11-01 && \
	echo "--- ingest seeds/ again:" && $(BIN)/tracker ingest seeds/

# the whole suite on SQLite and PostgreSQL, one worker per core (pytest-xdist), one PostgreSQL server for all
test: $(STAMP)
	$(BIN)/pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check tracker tests bench

check: lint test

# compileall: with PYTHONDONTWRITEBYTECODE set, every process would compile tracker's modules from source
# (about 0.1 s of CPU for `tracker status`); an up-to-date .pyc is read whatever that variable says
bench: $(STAMP)
	$(BIN)/python -m compileall -q tracker
	$(BIN)/python bench/extract_bench.py
	$(BIN)/python bench/store_bench.py
	$(BIN)/python bench/bulk_bench.py
	$(BIN)/python bench/calendar_bench.py
	$(BIN)/python bench/scaling_bench.py
	$(BIN)/python bench/formats_bench.py
	$(BIN)/python bench/search_bench.py
	$(BIN)/python bench/size_bench.py

eval: $(STAMP)
	TRACKER=$(BIN)/tracker ../shared/eval/run-eval.sh

# the 22 real UN documents with hand-written gold (../shared/realdocs): the table per document and component
eval-real: $(STAMP)
	TRACKER=$(BIN)/tracker ../shared/eval/run-eval.sh ../shared/realdocs/gold ../shared/realdocs

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/pytest tests/test_properties.py tests/test_fuzz.py

# the 50 MB document (generated in a temp dir) and the rest of the bad-input corpus
stress: $(STAMP)
	TRACKER_STRESS=1 $(BIN)/pytest tests/test_bad_inputs.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
