# Habitual targets. `make demo` sets everything up and runs the demo; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint fmt eval bench bench-year train serve clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,scale]'
	touch $(STAMP)

demo: install
	$(BIN)/marsad demo

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy

fmt: install
	$(BIN)/ruff format src tests scripts
	$(BIN)/ruff check --fix src tests scripts

# Scores on the real-news sets (development, then the holdout nobody tunes on), our written gold set,
# the merge corpora, geoparsing of the real-news event places (eval-geo on eval/real/gold.json) and, where
# ../shared is present, geoparsing on GeoVirus; fails if any score falls
# below its floor in eval/floors*.json.
GEOVIRUS ?= ../shared/corpora/geovirus
eval: install
	$(BIN)/marsad eval --gold eval/real/gold.json eval/real/articles.jsonl \
		--report eval/real/report.md --json eval/real/report.json --floors eval/floors-real.json > /dev/null
	$(BIN)/marsad eval-geo --gold eval/real/gold.json eval/real/articles.jsonl \
		--json eval/real/geo-report.json --floors eval/floors-geo-real.json > /dev/null
	$(BIN)/marsad eval --gold eval/real-holdout/gold.json eval/real-holdout/articles.jsonl --summary-only \
		--json eval/real-holdout/scores.json --floors eval/floors-real-holdout.json > /dev/null
	$(BIN)/marsad eval-geo --gold eval/real-holdout/gold.json eval/real-holdout/articles.jsonl --summary-only \
		--json eval/real-holdout/geo-scores.json --floors eval/floors-geo-real-holdout.json > /dev/null
	$(BIN)/marsad eval --gold eval/gold/gold.json eval/gold/articles.jsonl \
		--report eval/report.md --json eval/report.json --floors eval/floors.json > /dev/null
	$(BIN)/marsad eval-merge --clusters examples/gold-clusters.json examples \
		--floors eval/merge-floors-examples.json > eval/merge-report.json
	$(BIN)/marsad eval-merge --clusters eval/dedup/gold-clusters.json eval/dedup \
		--floors eval/dedup/floors.json > eval/dedup-report.json
	$(BIN)/marsad eval-merge --clusters eval/real-merge/gold-clusters.json eval/real-merge \
		--floors eval/real-merge/floors.json > eval/real-merge/report.json
	$(BIN)/marsad eval-merge --clusters eval/real-merge-holdout/gold-clusters.json eval/real-merge-holdout \
		--summary-only --floors eval/real-merge-holdout/floors.json > eval/real-merge-holdout/scores.json
	if [ -f $(GEOVIRUS)/gold.jsonl ]; then \
		$(BIN)/marsad eval-geo --gold $(GEOVIRUS)/gold.jsonl $(GEOVIRUS)/articles.jsonl \
			--json eval/geo-report.json --floors eval/floors-geo.json > /dev/null; \
	else echo "no $(GEOVIRUS): geoparsing not scored"; fi

# A year of daily runs (bench/year.py) at YEAR_PER_DAY articles a day, apart from `make bench` (whose budget is
# 15 minutes): at 10 a day it takes about 50 minutes on a 2-core machine, the issue's 100 a day over an hour.
YEAR_PER_DAY ?= 10

# Rebuild the learned layer's model (src/marsad/learn/model/) from the labelled sentences; deterministic.
train: install
	$(BIN)/marsad train

bench: install
	$(BIN)/python bench/run.py

bench-year: install
	$(BIN)/python bench/year.py --per-day $(YEAR_PER_DAY)

serve: install
	$(BIN)/marsad serve

clean:
	rm -rf $(VENV) build *.egg-info marsad.db exports
