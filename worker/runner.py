"""`ecoute worker`: an RQ SimpleWorker that keeps the engine loaded and survives Redis restarts.

SimpleWorker runs jobs in the worker process (no fork per job), so the engine's lexicons and the
language models are loaded once. When Redis goes away, rq 3's dequeue loop retries by itself,
but anything else that raises ConnectionError (start-up, registration, heartbeats) ends work();
the loop below then reconnects with backoff and starts a new worker, and jobs still queued are
picked up again. rq's scheduler child dies on a Redis outage and is only restarted at the
10-minute maintenance, so ResilientScheduler waits for Redis instead (Retry intervals keep working).
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
from rq.scheduler import RQScheduler

from worker.jobs import CurrentJobFilter, warm_up
from worker.webhooks import webhook_queue
from worker.settings import WorkerSettings, WorkerSettingsError

log = logging.getLogger("worker")


def connect(settings: WorkerSettings) -> redis.Redis:
    if not settings.redis_url:
        raise WorkerSettingsError("REDIS_URL is not set: `ecoute worker` needs the Redis the API enqueues on")
    # socket_timeout bounds every command; rq raises it above its blocking-dequeue timeout itself.
    return redis.Redis.from_url(settings.redis_url, socket_connect_timeout=settings.redis_timeout,
                                socket_timeout=settings.redis_timeout, socket_keepalive=True,
                                health_check_interval=30)


def configure_logging(level: str, log_format: str = "json") -> None:
    """One JSON object per line (or plain text), each naming the job it belongs to."""
    handler = logging.StreamHandler()
    handler.addFilter(CurrentJobFilter())
    if log_format == "json":
        from pythonjsonlogger.json import JsonFormatter

        handler.setFormatter(JsonFormatter("%(levelname)s %(name)s %(message)s %(job_id)s", timestamp="time",
                                           rename_fields={"levelname": "level", "name": "logger"},
                                           json_ensure_ascii=False))
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [job %(job_id)s] %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


class ResilientScheduler(RQScheduler):
    """RQ's scheduler process, but it waits for Redis to come back instead of dying.

    rq's scheduler runs in a forked child; on a Redis ConnectionError it exits, and the worker only
    restarts it at its 10-minute maintenance, so Retry intervals and enqueue_in would stall after a
    Redis restart. Here the loop logs, backs off and carries on; heartbeat() re-acquires the lock.
    """

    def work(self) -> None:
        self._install_signal_handlers()
        backoff = 0.5
        born = False
        while True:
            if self._stop_requested:
                try:
                    self.stop()
                except (redis.ConnectionError, redis.TimeoutError):
                    pass   # Redis gone: the locks expire by themselves
                break
            try:
                if not born:
                    self.register_birth()
                    born = True
                if self.should_reacquire_locks:
                    self.acquire_locks()
                self.heartbeat()
                self.enqueue_scheduled_jobs()
                backoff = 0.5
                pause = float(self.interval)
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                self.log.warning("scheduler: Redis unavailable (%s); retrying in %.1fs", type(exc).__name__, backoff)
                pause, backoff = backoff, min(backoff * 2, 10.0)
            deadline = time.monotonic() + pause
            while not self._stop_requested and time.monotonic() < deadline:
                time.sleep(0.1)


class EcouteWorker(SimpleWorker):
    """SimpleWorker (jobs run in this process, engine stays loaded) with the resilient scheduler."""

    def _start_scheduler(self, burst: bool = False, logging_level: str | None = "INFO",
                         date_format: str = "%H:%M:%S", log_format: str = "%(asctime)s %(message)s") -> None:
        # Same as rq 3.0's Worker._start_scheduler, with ResilientScheduler instead of RQScheduler.
        self.scheduler = ResilientScheduler(
            self.queues, connection=self.connection,
            logging_level=logging_level if logging_level is not None else self.log.level,
            date_format=date_format, log_format=log_format, serializer=self.serializer)
        self.scheduler.acquire_locks()
        if self.scheduler.acquired_locks:
            if burst:
                try:
                    self.scheduler.register_birth()
                    self.scheduler.enqueue_scheduled_jobs()
                finally:
                    self.scheduler.release_locks()
                    self.scheduler.register_death()
            else:
                self.scheduler.start()


class _Stop:
    """Set by our SIGTERM/SIGINT handler while no rq worker is running (connecting, backing off)."""

    requested = False

    def install(self) -> None:
        def _handler(signum: int, frame: FrameType | None) -> None:
            log.info("stop requested (signal %d)", signum)
            self.requested = True

        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, _handler)


def _stopping(worker: EcouteWorker | None) -> bool:
    """Whether rq's own signal handler recorded a stop request on this worker."""
    return worker is not None and (worker._stop_requested or worker._shutdown_requested_date is not None)


def _discard(worker: EcouteWorker | None) -> None:
    """Release what a worker whose work() raised leaves behind: scheduler child, pubsub thread."""
    if worker is None:
        return
    try:
        if worker.scheduler is not None:
            worker.stop_scheduler()
    except Exception:  # best effort: we are already handling an outage
        log.debug("could not stop the scheduler", exc_info=True)
    thread = getattr(worker, "pubsub_thread", None)
    if thread is not None:
        thread.stop()
        thread.join(timeout=1)
        worker.pubsub_thread = None
        try:
            if worker.pubsub is not None:
                worker.pubsub.close()
        except Exception:
            log.debug("could not close pubsub", exc_info=True)


def run(settings: WorkerSettings, *, burst: bool = False, queues: list[str] | None = None) -> int:
    """Work until stopped (or, with burst, until the queues are empty). Returns an exit code."""
    configure_logging(settings.log_level, settings.log_format)
    warm_up()
    names = queues or [settings.queue_name, webhook_queue(settings.queue_name)]   # analyses first
    stop = _Stop()
    backoff = 0.5
    while True:
        stop.install()   # rq installs its own handlers inside work(); ours cover the gaps
        worker: EcouteWorker | None = None
        try:
            connection = connect(settings)
            connection.ping()
            if stop.requested:
                return 0
            worker = EcouteWorker([Queue(name, connection=connection) for name in names],
                                  connection=connection, name=settings.worker_name,
                                  log_job_description=False)   # descriptions can carry comment text
            log.info("worker %s listening on %s", worker.name, ", ".join(names))
            backoff = 0.5
            worker.work(burst=burst, with_scheduler=True, logging_level=settings.log_level)
            if burst or _stopping(worker):
                return 0   # finished its burst, or asked to stop (SIGTERM/SIGINT): warm shutdown done
            # work() returns on a Redis timeout too: check the connection and go round again.
            connection.ping()
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            _discard(worker)
            if stop.requested or _stopping(worker):
                log.info("stopped while Redis was unavailable")
                return 0
            log.warning("Redis unavailable (%s); reconnecting in %.1fs", type(exc).__name__, backoff)
            deadline = time.monotonic() + backoff
            while not stop.requested and time.monotonic() < deadline:
                time.sleep(0.1)
            if stop.requested:
                return 0
            backoff = min(backoff * 2, 10.0)
