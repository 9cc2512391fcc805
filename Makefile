# ayni — the two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000

.PHONY: run test test-postgres test-browser bench lint messages check-messages clean install install-dev

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PIP) install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	@$(PIP) install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: $(VENV)/.installed
	@$(PY) manage.py migrate --no-input -v0
	@$(PY) manage.py collectstatic --no-input -v0
	@test -f var/.demo-loaded || ($(PY) manage.py seed_demo --no-logins && touch var/.demo-loaded)
	@PORT=$(PORT) bin/serve

test: $(VENV)/.installed-dev
	@$(PY) manage.py collectstatic --no-input -v0
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

test-postgres: $(VENV)/.installed-dev
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(MAKE) test

test-browser: $(VENV)/.installed-dev
	@$(PY) manage.py collectstatic --no-input -v0
	$(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

bench: $(VENV)/.installed-dev
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/timing.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check ayni bench tests
	$(VENV)/bin/ruff format --check ayni bench tests
	@! grep -rn "fmt: skip\|fmt: off" ayni bench tests
	$(VENV)/bin/mypy ayni
	$(VENV)/bin/lint-imports
	$(PY) manage.py check --fail-level WARNING

# Needs GNU gettext (apt install gettext). The compiled .mo files are committed,
# so `make run` works with Python alone.
messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages -l es --no-obsolete -i ".venv/*" -i "var/*" -i "bench/*" -i "tests/*" -i "docs/*"
	$(PY) manage.py compilemessages -l es

check-messages:
	$(PY) bin/check_messages.py

clean:
	rm -rf $(VENV) var/static
