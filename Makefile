# NGO Portal. `make run` and `make test` set up everything they need first, and are idempotent.
SHELL := /bin/bash
PY := .venv/bin/python
WEB_HOST ?= 127.0.0.1
WEB_PORT ?= 8000
export WEB_HOST WEB_PORT

.PHONY: help run test lint format bench messages setup-run setup-test

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

setup-run:
	@bin/setup run

setup-test:
	@bin/setup test

run: setup-run ## set up, then serve the portal with a Celery worker and beat
	@echo ""
	@echo "NGO Portal: http://$(WEB_HOST):$(WEB_PORT)/  (中文: http://$(WEB_HOST):$(WEB_PORT)/zh-hans/)"
	@echo "Admin: http://$(WEB_HOST):$(WEB_PORT)/admin/   Health: http://$(WEB_HOST):$(WEB_PORT)/healthz"
	@echo ""
	@.venv/bin/honcho start -f Procfile

test: setup-test ## set up, then run every check and test
	DJANGO_SETTINGS_MODULE=ngo_portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -n auto --create-db $(PYTEST_ARGS)

lint: setup-test ## ruff lint and format check, import contracts
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

format: setup-test ## apply ruff fixes and formatting
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

BENCH_DB ?= ngo_portal_bench
BENCH_ORGS ?= 400000
# Its own cache prefix: the bench database must not leave entries the portal would read.
BENCH = DATABASE_URL=postgres:///$(BENCH_DB) CACHE_KEY_PREFIX=$(BENCH_DB) $(PY)

bench: setup-test ## seed 400,000 organizations into a separate database and measure the targets
	$(BENCH) manage.py database_create
	$(BENCH) manage.py migrate --noinput -v 0
	$(BENCH) manage.py load_regions
	$(BENCH) manage.py bench_seed --organizations $(BENCH_ORGS)
	$(BENCH) manage.py bench_seed_incubation
	$(BENCH) manage.py bench_seed_trainings
	$(BENCH) manage.py bench_seed_grants
	$(BENCH) bench/run.py $(BENCH_ARGS)

messages: setup-test ## refresh the Chinese catalogue after changing strings
	$(PY) manage.py makemessages -l zh_Hans --ignore .venv --ignore tests --no-obsolete
	$(PY) manage.py compilemessages -v 0 --ignore .venv
