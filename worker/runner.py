"""`ecoute worker`: an RQ SimpleWorker that keeps the engine loaded and survives Redis restarts.

SimpleWorker runs jobs in the worker process (no fork per job), so the engine's lexicons and the
language models are loaded once. When Redis goes away, rq 3's dequeue loop retries by itself,
but anything else that raises ConnectionError (start-up, registration, heartbeats) ends work();
the loop below then reconnects with backoff and starts a new worker, and jobs still queued are
picked up again. rq's scheduler child dies on a Redis outage and is only restarted at the
10-minute maintenance, so ResilientScheduler waits for Redis instead (Retry intervals keep working).
Jobs abandoned by a killed worker go back to work within about 15 s: each worker claims jobs
atomically and holds a short lease, and the workers sweep for jobs of dead ones (worker/reclaim.py).
"""
from __future__ import annotations

import logging
import os
import signal
import time
from datetime import datetime
from types import FrameType

import redis
from rq import Queue, SimpleWorker
from rq.scheduler import RQScheduler

from worker.jobs import CurrentJobFilter, warm_up
from worker.reclaim import ClaimingQueue, Reclaimer
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
    Every worker runs one: those without the lock stand by and try for it every STANDBY_RETRY
    seconds (rq: 2 minutes, and only at maintenance when none runs), so retries keep their intervals
    when the worker holding the lock dies.
    """

    STANDBY_RETRY = 5.0

    @property
    def should_reacquire_locks(self) -> bool:
        if self._queue_names == self.acquired_locks:
            return False
        since = self.lock_acquisition_time
        return since is None or (datetime.now() - since).total_seconds() > self.STANDBY_RETRY

    def work(self) -> None:
        self._install_signal_handlers()
        backoff = 0.5
        born = False
        parent = os.getppid()
        while True:
            if os.getppid() != parent:   # the worker was SIGKILLed: do not outlive it
                self._stop_requested = True
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
    """SimpleWorker (jobs run in this process, engine stays loaded) with the resilient scheduler, atomic
    claims and a lease so that jobs of a dead worker are reclaimed (worker/reclaim.py)."""

    queue_class = ClaimingQueue
    reclaimer: Reclaimer | None = None

    def __init__(self, queues: list[Queue] | list[str], *args: object, **kwargs: object) -> None:
        names = [queue.name if isinstance(queue, Queue) else queue for queue in queues]
        super().__init__(names, *args, **kwargs)   # type: ignore[arg-type]

    def register_birth(self) -> None:
        super().register_birth()
        self.reclaimer = Reclaimer(self.connection, self.name, self.queue_names()).start()

    def register_death(self) -> None:
        if self.reclaimer is not None:
            self.reclaimer.stop()
        super().register_death()

    _beat: tuple[int, float] = (0, 0.0)   # (expiry sent, when): the last heartbeat

    def heartbeat(self, timeout: int | None = None, pipeline: object = None) -> None:
        """RQ's heartbeat in one round trip (not three), and not repeated when the same expiry was set
        less than a second ago (rq sends three per job)."""
        timeout = timeout or self.worker_ttl + 60
        moment = time.monotonic()
        if pipeline is None:
            if self._beat[0] == timeout and moment - self._beat[1] < 1.0:
                return
            with self.connection.pipeline(transaction=False) as pipe:
                super().heartbeat(timeout, pipe)
                pipe.execute()
        else:
            super().heartbeat(timeout, pipeline)   # type: ignore[arg-type]
        self._beat = (timeout, moment)

    def prepare_job_execution(self, job: object, remove_from_intermediate_queue: bool = False) -> None:
        # dequeue claimed the id into the intermediate list whatever the number of queues
        super().prepare_job_execution(job, remove_from_intermediate_queue=True)   # type: ignore[arg-type]

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
        elif not burst:
            self.scheduler.start()   # standby: takes the lock over when its holder goes


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
    if worker.reclaimer is not None:
        worker.reclaimer.stop(release=False)   # its jobs are reclaimed once the lease expires
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
    previous: EcouteWorker | None = None   # this process's worker that a Redis outage cut off
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
            if previous is not None:   # cut off by an outage: its scheduler is stopped, its jobs are abandoned
                if previous.scheduler is not None:
                    previous.scheduler.release_locks()
                previous.register_death()   # also lets a fixed name (--name) register again
            previous = None
            log.info("worker %s listening on %s", worker.name, ", ".join(names))
            backoff = 0.5
            worker.work(burst=burst, with_scheduler=True, logging_level=settings.log_level)
            if burst or _stopping(worker):
                return 0   # finished its burst, or asked to stop (SIGTERM/SIGINT): warm shutdown done
            # work() returns on a Redis timeout too: check the connection and go round again.
            connection.ping()
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            _discard(worker)
            previous = worker or previous
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
