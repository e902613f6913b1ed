PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test check lint bench eval fuzz clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tracker extract seeds/001_fdd4221b5f7012ca.txt --format text
	$(BIN)/tracker extract seeds/000_f7a7f372e4bea7a5.txt --format text

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check tracker tests bench

check: lint test

bench: $(STAMP)
	$(BIN)/python bench/extract_bench.py

eval: $(STAMP)
	TRACKER=$(BIN)/tracker ../shared/eval/run-eval.sh

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/pytest tests/test_properties.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
