# Lianbing: every day-to-day task is one `make` target. `make help` lists them.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) site/manage.py
# Each install is stamped with the locks it came from: a changed lock installs again.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install install-dev locks migrate demo run worker test lint format bench mutation messages clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-11s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(RUN_STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Lianbing needs Python 3.11 or newer" or 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): $(RUN_STAMP) requirements-dev.lock
	$(PY) -m pip install --quiet -r requirements-dev.lock
	touch $@

install: $(RUN_STAMP) ## Create .venv with what running needs: the exact versions in requirements.lock

install-dev: $(DEV_STAMP) ## Add the tools for tests and checks: the exact versions in requirements-dev.lock

# The targets below that run pytest, ruff, import-linter or mutmut install them first.
lint: install-dev

# pip-compile keeps every version already pinned; LOCK_ARGS="--upgrade-package NAME" moves one.
LOCK_ARGS ?=
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --no-emit-find-links --no-emit-index-url --strip-extras $(LOCK_ARGS)

locks: install-dev ## Resolve requirements.lock (apps + server) and requirements-dev.lock (+ dev) again from pyproject.toml
	$(PIP_COMPILE) --extra=server --output-file=requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra=server --extra=dev --constraint=requirements.lock \
		--output-file=requirements-dev.lock pyproject.toml

migrate: install ## Apply database migrations and create recurring schedules
	$(MANAGE) migrate --no-input
	$(MANAGE) sync_schedules

demo: migrate ## Load the demo organisation and content (safe to re-run)
	$(MANAGE) load_demo_data

run: demo ## Install, migrate, load the demo, then serve on http://127.0.0.1:8000 with a worker
	@echo "Starting the web server on http://$(HOST):$(PORT)/ and a django-q2 cluster; Ctrl-C stops both."
	@trap 'kill 0' INT TERM; \
	$(MANAGE) qcluster & \
	$(MANAGE) runserver --noreload $(HOST):$(PORT) & \
	wait

worker: install ## Run a django-q2 cluster in the foreground
	$(MANAGE) qcluster

test: install-dev ## Run the whole test suite (browser tests included)
	$(PY) -m pytest

lint: install ## Check style with ruff, the architecture (.importlinter, module sizes, templates), the catalogs' terms
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	PYTHONPATH=site $(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/check_architecture.py
	$(PY) scripts/check_terms.py $(APP_DIRS)

format: install-dev ## Rewrite files in ruff's style
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install-dev ## Benchmark the production configuration under gunicorn against PostgreSQL
	$(PY) tests/bench/run.py

mutation: install-dev ## Mutation testing of grading, scheduling, access scope and confidentiality (mutmut)
	$(VENV)/bin/mutmut run --max-children 2
	$(VENV)/bin/mutmut results

APP_DIRS := people quizzes courses mentorship markup background imports tabular cjksearch hanzi notifications site/hostsite replicas

messages: install ## Extract messages, derive Simplified from Traditional Chinese (with mainland words), compile
	for dir in $(APP_DIRS); do \
		(cd $$dir && $(CURDIR)/$(PY) $(CURDIR)/site/manage.py makemessages \
			-l zh_Hant -l zh_Hans -l en --no-obsolete --ignore=tests) || exit 1; \
	done
	$(PY) scripts/po_hans_from_hant.py $(APP_DIRS) site/wagtail_overrides
	$(MANAGE) compilemessages --ignore=.venv

clean: ## Remove the virtual environment and local data (var/)
	rm -rf $(VENV) var

# The certificates' font (courses.certificate_font, the setting COURSES_CERTIFICATE_FONT):
# Debian's fonts-wqy-microhei, installed by every install target when it is missing (as
# root with apt-get, as on CI); elsewhere the message says what to do, and the site's
# check (courses.W010) says it again until certificates can be printed.
CERTIFICATE_FONT := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
$(RUN_STAMP): | $(CERTIFICATE_FONT)
$(CERTIFICATE_FONT):
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing the certificates' font (Debian's fonts-wqy-microhei)."; \
		apt-get -q update >/dev/null && DEBIAN_FRONTEND=noninteractive \
			apt-get -q install -y --no-install-recommends fonts-wqy-microhei >/dev/null; \
	else \
		echo "Certificates need a Chinese TrueType font: install fonts-wqy-microhei (as root)," \
			"or set COURSES_CERTIFICATE_FONT to one."; \
	fi
