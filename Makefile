# Shortcuts; the scripts in bin/ do the work and also run without make.
VENV := .venv/bin

.PHONY: setup demo test lint fmt worker beat ci

setup:
	bin/setup

demo:
	bin/demo

test:
	bin/test $(ARGS)

lint: setup
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .

fmt: setup
	$(VENV)/ruff check --fix .
	$(VENV)/ruff format .

# The worker and beat need a broker: REDIS_URL=redis://127.0.0.1:6379/0 make worker
worker: setup
	@test -n "$${CELERY_BROKER_URL:-$$REDIS_URL}" || { echo "Set REDIS_URL (or CELERY_BROKER_URL) first, e.g. REDIS_URL=redis://127.0.0.1:6379/0 make worker"; exit 2; }
	$(VENV)/celery -A eoffice worker --loglevel=INFO

beat: setup
	@test -n "$${CELERY_BROKER_URL:-$$REDIS_URL}" || { echo "Set REDIS_URL (or CELERY_BROKER_URL) first, e.g. REDIS_URL=redis://127.0.0.1:6379/0 make beat"; exit 2; }
	$(VENV)/celery -A eoffice beat --loglevel=INFO --schedule=.venv/celerybeat-schedule

ci:
	bash .ci/run
