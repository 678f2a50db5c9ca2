# Two commands do everything on a fresh machine with Python 3.11:
#   make run   - the platform with demo data, web server + Celery worker/beat, no servers needed
#   make test  - the whole test suite (uses DATABASE_URL / REDIS_URL when set)
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install system-packages lint format migrate demo messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

demo: migrate
	$(BIN)/python manage.py seed_demo --if-empty

run: demo
	HOST=$(HOST) PORT=$(PORT) bash scripts/dev.sh

system-packages:
	bash scripts/system_packages.sh

test: install system-packages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf var test-artifacts .pytest_cache

# After changing texts: update every catalogue, copy English from the source, compile.
messages: install
	$(BIN)/python manage.py makemessages -l nl -l en -l ar -l tr -l pl -l uk --no-obsolete \
		-i ".venv/*" -i "var/*" -i "tests/*" -i "docs/*" -i "scripts/*" -i "test-artifacts/*"
	$(BIN)/python scripts/fill_english_catalogue.py
	$(BIN)/python manage.py compilemessages -i .venv
