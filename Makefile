# Rasd: the two set-up commands of the README are `make demo` and `make test`.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MVN ?= mvn

.PHONY: help venv es-build demo up up-sample down test test-python test-java lint typecheck clean

help:
	@echo "make demo   - local Elasticsearch + sample news site + the real DAG + an Arabic search"
	@echo "make test   - Java (Maven/JUnit) and Python (pytest) tests against a real local Elasticsearch"
	@echo "make lint   - ruff (with Airflow AIR rules) and mypy"
	@echo "make up     - Elasticsearch + PostgreSQL + the Airflow services, as operators run them (rasd up)"
	@echo "make up-sample - the same, polling the bundled sample site (rasd up --sample); make down stops all"

# The environment, from the locked requirements (uv is itself locked in them).
$(BIN)/.synced: requirements.txt pyproject.toml
	@command -v $(PY) >/dev/null || { echo "error: $(PY) not found (Rasd needs Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip >/dev/null
	$(BIN)/python -m pip install -q --disable-pip-version-check "$$(grep -E '^uv==' requirements.txt)"
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.txt
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

venv: $(BIN)/.synced

# Plugin + JUnit tests + Elasticsearch 8.19.21 unpacked from Maven Central with the plugin installed.
es-build: venv
	$(BIN)/python -c "from pipeline.es_local import ensure_built; print(ensure_built())"

demo: venv
	$(BIN)/rasd demo

up: venv es-build
	$(BIN)/rasd up

up-sample: venv es-build
	$(BIN)/rasd up --sample

down: venv
	$(BIN)/rasd down

test-java:
	$(MVN) -B -q -f es/pom.xml package

test-python: venv es-build
	$(BIN)/pytest

test: venv test-java test-python

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf .rasd es/target
