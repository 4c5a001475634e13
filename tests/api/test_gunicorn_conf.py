"""service/gunicorn.conf.py: one process in embedded mode, WEB_CONCURRENCY processes with Redis."""
from __future__ import annotations

import runpy
from pathlib import Path

import pytest

CONF = Path(__file__).resolve().parents[2] / "service" / "gunicorn.conf.py"


def load(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict:
    for name in ("REDIS_URL", "HOST", "PORT", "WEB_CONCURRENCY", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_embedded_mode_is_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = load(monkeypatch, WEB_CONCURRENCY="6")
    assert conf["bind"] == "127.0.0.1:8000"
    assert conf["workers"] == 1 and conf["threads"] == 8 and conf["worker_class"].__name__ == "ThreadWorker"
    assert conf["accesslog"] == "-"


def test_production_mode_scales_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    conf = load(monkeypatch, REDIS_URL="redis://r:6379/0", WEB_CONCURRENCY="3", HOST="0.0.0.0", PORT="9000")
    assert conf["bind"] == "0.0.0.0:9000"
    assert conf["workers"] == 3 and conf["threads"] == 16
    assert conf["timeout"] > 30 and conf["graceful_timeout"] > 0
    default = load(monkeypatch, REDIS_URL="redis://r:6379/0")
    assert 1 <= default["workers"] <= 8


def test_the_master_does_not_import_the_app_before_on_starting() -> None:
    """The worker and logger classes come from service/ without importing the service package: the app's
    metrics must be made after on_starting sets PROMETHEUS_MULTIPROC_DIR (else /metrics misses them)."""
    import subprocess
    import sys

    from gunicorn.workers.gthread import ThreadWorker
    from gunicorn.glogging import Logger

    code = ("import runpy, sys; conf = runpy.run_path(sys.argv[1]); "
            "from gunicorn.config import Config; cfg = Config(); "
            "cfg.set('worker_class', conf['worker_class']); cfg.set('logger_class', conf['logger_class']); "
            "cfg.worker_class, cfg.logger_class; "   # what the master resolves before on_starting
            "print(sorted(m for m in sys.modules if m == 'service' or m.startswith('service.') "
            "or m.startswith('prometheus_client')))")
    loaded = subprocess.run([sys.executable, "-c", code, str(CONF)], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"
    conf = runpy.run_path(str(CONF))
    assert issubclass(conf["worker_class"], ThreadWorker) and issubclass(conf["logger_class"], Logger)
