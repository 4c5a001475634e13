"""`ecoute worker`: an RQ SimpleWorker that keeps the engine loaded and survives Redis restarts.

SimpleWorker runs jobs in the worker process (no fork per job), so the engine's lexicons and the
language models are loaded once. A plain `rq worker` exits when Redis goes away; this loop
reconnects with backoff and starts a new worker, and jobs still queued are picked up again.
Jobs abandoned by a killed worker are moved to the failed registry by RQ's maintenance and
retried per their Retry policy.
"""
from __future__ import annotations

import logging
import signal
import time
from types import FrameType

import redis
from rq import Queue, SimpleWorker

from worker.jobs import CurrentJobFilter, warm_up
from worker.settings import WorkerSettings, WorkerSettingsError

log = logging.getLogger("worker")


def connect(settings: WorkerSettings) -> redis.Redis:
    if not settings.redis_url:
        raise WorkerSettingsError("REDIS_URL is not set: `ecoute worker` needs the Redis the API enqueues on")
    # socket_timeout bounds every command; rq raises it above its blocking-dequeue timeout itself.
    return redis.Redis.from_url(settings.redis_url, socket_connect_timeout=settings.redis_timeout,
                                socket_timeout=settings.redis_timeout, socket_keepalive=True,
                                health_check_interval=30)


def configure_logging(level: str) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(CurrentJobFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [job %(job_id)s] %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class _Stop:
    requested = False


def run(settings: WorkerSettings, *, burst: bool = False, queues: list[str] | None = None) -> int:
    """Work until stopped (or, with burst, until the queues are empty). Returns an exit code."""
    configure_logging(settings.log_level)
    warm_up()
    names = queues or [settings.queue_name]
    stop = _Stop()
    backoff = 0.5
    while True:
        try:
            connection = connect(settings)
            connection.ping()
            worker = SimpleWorker([Queue(name, connection=connection) for name in names],
                                  connection=connection, name=settings.worker_name,
                                  log_job_description=False)   # descriptions can carry comment text
            log.info("worker %s listening on %s", worker.name, ", ".join(names))
            backoff = 0.5
            worker.work(burst=burst, with_scheduler=True, logging_level=settings.log_level)
            if burst or worker._stop_requested or worker._shutdown_requested_date is not None:
                return 0   # finished its burst, or asked to stop (SIGTERM/SIGINT): warm shutdown done
            # work() returns on a Redis timeout too: check the connection and go round again.
            connection.ping()
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            if stop.requested:
                return 0
            log.warning("Redis unavailable (%s); reconnecting in %.1fs", type(exc).__name__, backoff)
            _sleep_interruptibly(backoff, stop)
            if stop.requested:
                return 0
            backoff = min(backoff * 2, 10.0)


def _sleep_interruptibly(seconds: float, stop: _Stop) -> None:
    previous = {}

    def _handler(signum: int, frame: FrameType | None) -> None:
        stop.requested = True

    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.signal(sig, _handler)
    try:
        deadline = time.monotonic() + seconds
        while not stop.requested and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
