# Kompis Platform. `make demo` and `make test` work on a fresh clone with only
# Python 3.11+: they create .venv, install, and use an embedded PostgreSQL under
# .local/ unless DATABASE_URL names a server.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Installed from the lock file (every package of the tree pinned, as CI tested it);
# a change of pyproject.toml or the lock reinstalls.
LOCK := requirements/dev.lock
INSTALLED := $(VENV)/.installed-$(shell cat pyproject.toml $(LOCK) | cksum | cut -d' ' -f1)

AXE := .local/node_modules/axe-core/axe.min.js
CHROMIUM ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: lock install demo test test-fast migrate lint messages bench-provision bench-register bench-match bench-report browser db-stop clean

$(INSTALLED): pyproject.toml $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-*
	touch $@

install: $(INSTALLED)

# Re-pin the whole tree after a change of pyproject.toml (pip-tools in a venv of
# its own, so the lock does not list the tool).
lock:
	test -x .local/lockvenv/bin/pip-compile || ( $(PYTHON) -m venv .local/lockvenv && \
		.local/lockvenv/bin/pip install --quiet pip-tools==7.6.2 )
	for extra in production dev; do \
		.local/lockvenv/bin/pip-compile --quiet --strip-extras --no-emit-index-url \
			--no-emit-find-links $$( [ $$extra = dev ] && echo --extra dev ) \
			-o requirements/$$extra.lock pyproject.toml; done

migrate: install
	$(PY) manage.py migrate_platform --create-database --verbosity 0

demo: migrate
	PORT=$(PORT) $(PY) manage.py seed_demo --port $(PORT)
	@if [ -n "$$CELERY_BROKER_URL" ]; then \
		echo "Starting a Celery worker and beat against $$CELERY_BROKER_URL"; \
		$(VENV)/bin/celery -A config worker --beat --loglevel warning & \
	fi; \
	PORT=$(PORT) exec $(PY) manage.py runserver 0.0.0.0:$(PORT)

# Browser tests drive Debian's Chromium (never a browser downloaded by a test tool)
# and inject axe-core from npm.
browser: $(AXE)
	@test -x $(CHROMIUM) || ( $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium )

$(AXE):
	npm install --prefix .local --no-audit --no-fund --silent axe-core@4.14.1

test: install browser
	CHROMIUM_PATH=$(CHROMIUM) $(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow"

# After changing a text: gather the msgids (needs GNU gettext's xgettext), fill
# every catalogue from locale/<code>_translations.py and compile it (polib).
messages: install
	$(PY) manage.py makemessages --all --no-obsolete --ignore=.venv --ignore=.local \
		--ignore=tests --ignore=bench --ignore=node_modules
	$(PY) locale/catalogues.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench-provision: install
	$(PY) bench/provision.py

bench-register: install
	$(PY) bench/register.py

bench-report: install
	$(PY) bench/report.py $(if $(TENANTS),--tenants $(TENANTS)) $(if $(REUSE),--reuse)

bench-site: install
	$(PY) bench/site.py

# SIZES=1000,5000 for a quick run.
bench-match: install
	$(PY) bench/match.py $(if $(SIZES),--sizes $(SIZES))

db-stop:
	test ! -x $(PY) || $(PY) -m config.localdb stop

clean: db-stop
	rm -rf $(VENV) .local
