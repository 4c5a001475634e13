"""gunicorn settings for Écoute: `gunicorn 'service:create_app()' -c service/gunicorn.conf.py`.

HOST/PORT give the bind address (default 127.0.0.1:8000). Embedded mode (no REDIS_URL) keeps one
worker process: the in-process queue (fakeredis) and its worker thread live there, so a second
process would see another queue. With REDIS_URL, WEB_CONCURRENCY processes (default 2 x cores + 1,
at most 8) each run 16 gthread threads, since `?wait=` holds a thread while the analysis runs: with 4, the
waiting requests queued behind busy threads, fewer analyses were in flight for the workers' micro-batches,
and the API used more CPU per request (bench/throughput.py's single path on 2 cores, 2 processes: about
1.8-2.1 -> 1.5-1.9 ms of API CPU per analysis); with 8, a process that had accepted more kept-alive
connections than it has threads (the bench's 16 connections split 9/7 or worse between the 2 processes, as
often as not) sent nearly every request back through gunicorn's main thread (service/gthread.py serves the
next request in the same thread only while no connection waits for one). The worker class is gthread's, serving a kept-alive
connection's next request in the thread that answered the previous one (service/gthread.py), and the
access log builds only the atoms its format names (service/access_log.py).
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
from typing import Any


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else default


bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"


def _module(name: str) -> Any:
    """service/<name>.py, loaded by its path: importing it as service.<name> would import the service package
    (the app and its metrics) in the master process, before on_starting sets PROMETHEUS_MULTIPROC_DIR, and
    the workers forked from it would keep per-process metrics that /metrics does not see."""
    import importlib.util
    import sys

    key = f"ecoute_gunicorn_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                        f"{name}.py"))
        module = importlib.util.module_from_spec(spec)   # type: ignore[arg-type]
        sys.modules[key] = module
        spec.loader.exec_module(module)   # type: ignore[union-attr]
    return sys.modules[key]


# gthread, serving a kept-alive connection's next request in the thread that answered (service/gthread.py)
worker_class = _module("gthread").ThreadWorker
if os.environ.get("REDIS_URL", "").strip():
    workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
    threads = 16
else:
    workers = 1
    threads = 8
preload_app = False       # each worker process builds its own app (and, embedded, its worker thread)
timeout = 60              # a ?wait request holds its thread for at most 30 s
graceful_timeout = 30     # SIGTERM: finish in-flight requests first
keepalive = 5
accesslog = "-"           # access log to stdout
# gunicorn's Logger, building only the atoms the access-log format names (the same lines, less CPU a request)
logger_class = _module("access_log").AccessLogger
errorlog = "-"
loglevel = (os.environ.get("LOG_LEVEL") or "info").lower()
# Request line, status and request id only: no bodies, no Authorization header.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s'
if (os.environ.get("LOG_FORMAT") or "json").strip().lower() == "json":
    _JSON = {"()": "pythonjsonlogger.json.JsonFormatter", "fmt": "%(levelname)s %(name)s %(message)s",
             "timestamp": "time", "rename_fields": {"levelname": "level", "name": "logger"}}
    logconfig_dict = {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"json": _JSON},
        "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
        "root": {"level": loglevel.upper(), "handlers": []},   # the app adds its own JSON handler
        "loggers": {"gunicorn.error": {"handlers": ["stdout"], "level": loglevel.upper(), "propagate": False},
                    "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False}},
    }

def on_starting(server: Any) -> None:
    """/metrics under several worker processes: prometheus-client's multiprocess mode keeps each
    process's samples in this folder (one per gunicorn master, emptied here; the workers, forked
    later, inherit the variable)."""
    folder = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR",
                                   os.path.join(tempfile.gettempdir(), f"ecoute-prometheus-{os.getpid()}"))
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)


def post_worker_init(worker: Any) -> None:
    """The app is loaded: what it holds lives as long as the process, so a full garbage collection need not
    walk it again and again (gc.freeze: fewer and shorter collector pauses under load)."""
    import gc

    gc.collect()
    gc.freeze()


def on_exit(server: Any) -> None:
    """The samples die with the master: leave no folder behind in the temporary directory."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    if os.path.basename(folder).startswith("ecoute-prometheus-"):
        shutil.rmtree(folder, ignore_errors=True)


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def worker_exit(server: Any, worker: Any) -> None:
    """Stop the embedded worker thread (if any) before the process goes."""
    ext = getattr(getattr(worker, "wsgi", None), "extensions", {}).get("ecoute")
    if ext is not None:
        ext.close()
