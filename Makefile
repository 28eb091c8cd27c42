# Two entry points (see README): `make demo` and `make test`. Both create .venv and install first.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint bench corpus evaluate train install clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# Screen the shipped sample draft. Exit 1 only means "error-severity findings", which a demo expects.
demo: $(STAMP)
	$(BIN)/sfo-prescreen check examples/sample_review.docx || [ $$? -eq 1 ]

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check app nlp api tests benchmarks
	$(BIN)/mypy app nlp api

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/screening.py
	$(BIN)/python benchmarks/passages.py
	$(BIN)/python benchmarks/screen.py

# Retrain the shipped models from the corpus (fixed seeds).
train: $(STAMP)
	$(BIN)/sfo-prescreen train passages
	$(BIN)/sfo-prescreen train measures
	$(BIN)/sfo-prescreen train ratings

# Rebuild corpus/reviews and corpus/reviews_pdf from corpus/src (fails if a gold text is not found).
corpus: $(STAMP)
	$(BIN)/python -m app.corpus.build

evaluate: $(STAMP)
	$(BIN)/sfo-prescreen evaluate corpus/reviews --split test
	$(BIN)/python benchmarks/action_plans.py --split holdout

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
