# Two commands do all set-up on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PYTEST_ARGS ?=
REPLICA_TESTS ?= tests/replica

.PHONY: install browser gettext run test lint format e2e clean messages

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# The browser tests drive Debian's chromium (Playwright's own download is not reachable).
# As root it is installed here; otherwise make stops at once with the one command to run.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium. Run: sudo apt-get install -y chromium" >&2; \
	    exit 1; \
	  fi; }
	@command -v chromium >/dev/null 2>&1

# The translations' check (tests/test_translations.py) runs makemessages, which needs GNU
# gettext; the app itself reads the committed .mo files and needs nothing.
gettext:
	@command -v xgettext >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ]; then \
	    echo "Installing GNU gettext for the translations' check..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else \
	    echo "The translations' check needs GNU gettext. Run: sudo apt-get install -y gettext" >&2; \
	    exit 1; \
	  fi; }
	@command -v xgettext >/dev/null 2>&1

# After marking strings: update locale/*/LC_MESSAGES/*.po, translate, then compile the .mo.
MAKEMESSAGES_IGNORE := -i ".venv/*" -i "bench/*" -i "tests/*" -i "var/*" -i "staticfiles/*" -i "static/vendor/*"
messages: install gettext
	$(PY) manage.py makemessages -l es --no-obsolete $(MAKEMESSAGES_IGNORE)
	$(PY) manage.py makemessages -d djangojs -l es --no-obsolete $(MAKEMESSAGES_IGNORE)
	$(PY) manage.py compilemessages -l es --ignore ".venv/*"

# The app with demo data at http://127.0.0.1:8000 (embedded PostgreSQL unless DATABASE_URL is set).
run: export DEBUG ?= 1
run: install
	$(PY) manage.py setup_demo
	$(PY) manage.py send_search_alerts
	$(VENV)/bin/gunicorn -c gunicorn.conf.py hubdir.wsgi

# The whole suite: lint, types, unit, view and browser tests.
test: install browser gettext
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
# mypy's Django plugin imports the settings, which only parse DATABASE_URL: a placeholder keeps
# them from starting the embedded PostgreSQL, and DEBUG=1 from asking for a SECRET_KEY.
	DEBUG=1 DATABASE_URL=postgres://localhost/mypy-reads-settings-only $(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest $(PYTEST_ARGS)
# The read replica's tests start a primary and a streaming standby of their own and make them
# the default database, so they run in a pytest of their own (tests/replica/conftest.py).
	$(if $(REPLICA_TESTS),$(VENV)/bin/pytest $(REPLICA_TESTS))

e2e: install browser
	$(VENV)/bin/pytest -m e2e $(PYTEST_ARGS)

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache
