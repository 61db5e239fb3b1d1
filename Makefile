# Hurtrock Music Store — developer commands. `make run` and `make test` do all set-up.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.PHONY: run test lint format assets icons messages bench bench-queries venv dev-venv clean

# The venv is rebuilt when the requirements change (stamp files).
$(VENV)/.stamp-run: requirements.txt
	@PYTHON=$$(scripts/find-python.sh) || exit 1; \
	 [ -x $(PY) ] || { echo "Creating $(VENV) with $$PYTHON"; $$PYTHON -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.stamp-dev: requirements.txt requirements-dev.txt $(VENV)/.stamp-run
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.stamp-run
dev-venv: $(VENV)/.stamp-dev

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py bootstrap_site
	@echo "Serving the shop (HTTP + WebSocket) on http://$(HOST):$(PORT)/"
	$(PY) -m daphne -b $(HOST) -p $(PORT) hurtrock.asgi:application

test: dev-venv
	$(PY) -m pytest $(PYTEST_ARGS)

lint: dev-venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: dev-venv
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Vendors Bootstrap, Font Awesome, the fonts and Chart.js from npm into static/vendor (committed).
assets:
	scripts/vendor-assets.sh

# Cuts Font Awesome and the display fonts down to the glyphs the shop uses (after adding an icon).
icons: dev-venv
	$(PY) scripts/icons.py

# Extracts and compiles the translation catalogues (the .mo files are committed).
messages: dev-venv
	$(PY) manage.py makemessages -l id -l en --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=static/vendor --ignore=artifacts
	$(PY) scripts/compile_messages.py

# Pages under load: production server + wrk (Debian's package), see docs/performance.md.
bench: dev-venv
	@command -v wrk >/dev/null || { echo "Installing wrk (Debian)"; apt-get install -y -qq wrk >/dev/null; }
	$(PY) scripts/bench.py

# In-process latency and SQL query count per page (no server).
bench-queries: dev-venv
	$(PY) scripts/bench_queries.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
