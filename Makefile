# Everything runs from .venv, built from the lock file so every machine gets the same versions.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sqlite:///newscrawl.db

.PHONY: install bench-install run test bench lock clean

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

run: install
	$(BIN)/newscrawl import --db $(DB) seeds/dumps/

test: install
	$(BIN)/python -m pytest -q

# The peers that bench/extraction.py measures against, pinned beside ours; not runtime dependencies.
bench-install: $(VENV)/.bench-installed

$(VENV)/.bench-installed: bench/requirements.lock $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --require-hashes -r bench/requirements.lock
	touch $@

bench: install
	$(BIN)/python bench/import_speed.py

# Re-resolve the pins after editing dependencies in pyproject.toml.
lock:
	$(PY) -m pip install --quiet uv
	$(PY) -m uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock
	$(PY) -m uv pip compile pyproject.toml --extra dev --extra bench --python-version 3.11 --generate-hashes \
		-c requirements.lock -o bench/requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info
