# Écoute — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
HOST   ?= 127.0.0.1
PORT   ?= 8000
BIN    := $(VENV)/bin

.PHONY: run test install install-test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The install compiles the analysis engine with mypyc (setup.py; ECOUTE_NO_MYPYC=1: pure Python), so
# it runs again when an engine source changes: tests then run the compiled engine, as CI does.
ENGINE := $(wildcard worker/analysis/*.py)
ENGINE_KIND := $(BIN)/python -c "import worker.analysis.situations as s; \
	print('analysis engine:', 'pure Python' if s.__file__.endswith('.py') else 'compiled (mypyc)')"

$(VENV)/.installed: $(BIN)/python pyproject.toml setup.py $(ENGINE)
	$(BIN)/python -m pip install --quiet -e .
	@$(ENGINE_KIND)
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml setup.py $(ENGINE)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@$(ENGINE_KIND)
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Serve the API on http://$(HOST):$(PORT); embedded mode unless REDIS_URL is set.
run: install
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn 'service:create_app()' -c service/gunicorn.conf.py

## Run the whole test suite (it starts its own redis-server unless REDIS_URL is set).
test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
	rm -f worker/analysis/*.so worker/analysis/*.pyd worker/analysis/compiled-sources.sha256 ecoute_analysis__mypyc.*
