# The two commands that matter are `make demo` and `make test` (see README.md).

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/standards
REDIS_URL ?= redis://127.0.0.1:6379/0
PYTEST_ARGS ?=

.PHONY: install demo demo-seed test lint format assets clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

# The demo: SQLite under var/, a synthetic force, one login per role, served on 127.0.0.1:$(PORT).
demo-seed: install
	mkdir -p var
	DEMO=true $(PY) manage.py migrate --noinput
	DEMO=true $(PY) manage.py seed_demo

demo: demo-seed
	@echo "Serving on http://127.0.0.1:$(PORT)/ (Ctrl+C to stop). Logins are above and in var/demo-logins.json."
	DEMO=true ALLOWED_HOSTS=127.0.0.1,localhost $(VENV)/bin/gunicorn standards.wsgi \
		--bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

# The whole suite against PostgreSQL and Redis, after the linters (ruff, and import-linter's
# contracts in pyproject.toml: imports point one way).
test: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-logo
	DATABASE_URL=$(DATABASE_URL) REDIS_URL=$(REDIS_URL) $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Rebuilds static/vendor and static/css from the npm packages (needs Node; the output is committed).
assets:
	bash assets/build.sh

clean:
	rm -rf var/demo.sqlite3 var/static var/test-static
