"""An RQ worker that runs in a thread of the API process (embedded mode, and the API tests).

RQ installs signal handlers and uses SIGALRM for job timeouts, both of which only work in the
main thread: this worker skips the handlers and uses RQ's timer-based death penalty instead.
RQ's scheduler runs in a forked process, which cannot see an in-process fakeredis; so the worker
is started without it and moves due scheduled jobs (retries with a delay) to the queue itself,
once a second while idle. Retries therefore behave the same in embedded and production mode.
"""
from __future__ import annotations

import logging
import threading
from typing import Any

from redis import Redis
from rq import Queue, SimpleWorker
from rq.exceptions import StopRequested
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from rq.timeouts import TimerDeathPenalty
from rq.utils import current_timestamp

log = logging.getLogger(__name__)


class ThreadWorker(SimpleWorker):
    """A SimpleWorker that can live in a non-main thread and stop on an Event."""

    death_penalty_class = TimerDeathPenalty

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stop_event = threading.Event()

    @property
    def dequeue_timeout(self) -> int:
        """Wake up every second, so that stopping and scheduled retries take effect promptly."""
        return 1

    def heartbeat(self, timeout: int | None = None, pipeline: Any = None) -> None:
        # RQ heartbeats on every idle loop: the one safe place to leave it or to promote due jobs.
        if pipeline is None and self.get_state() != "busy":
            if self.stop_event.is_set():
                raise StopRequested()
            self.enqueue_due_jobs()
        super().heartbeat(timeout, pipeline)

    def enqueue_due_jobs(self) -> int:
        """Move scheduled jobs whose time has come (e.g. retries) to their queue; returns how many."""
        moved = 0
        for queue in self.queues:
            registry = ScheduledJobRegistry(queue=queue)
            job_ids = registry.get_jobs_to_schedule(current_timestamp())
            if not job_ids:
                continue
            jobs = Job.fetch_many(job_ids, connection=self.connection, serializer=self.serializer)
            with self.connection.pipeline() as pipe:
                for job_id, job in zip(job_ids, jobs):
                    registry.remove(job_id, pipeline=pipe)
                    if job is not None:
                        queue._enqueue_job(job, pipeline=pipe)  # what RQ's own scheduler calls
                        moved += 1
                pipe.execute()
        return moved

    def _install_signal_handlers(self) -> None:
        """Signals belong to the main thread (gunicorn's or pytest's)."""


class EmbeddedWorker:
    """Runs a ThreadWorker on a daemon thread until stopped, on the analyses' and the webhooks' queues."""

    def __init__(self, connection: Redis, queue_name: str) -> None:
        from service.webhooks import webhook_queue   # webhook deliveries are jobs too, on their own queue

        queues = [Queue(name, connection=connection) for name in (queue_name, webhook_queue(queue_name))]
        self.worker = ThreadWorker(queues, connection=connection, log_job_description=False)
        self.thread = threading.Thread(target=self._run, name="ecoute-embedded-worker", daemon=True)

    def _run(self) -> None:
        try:
            # No RQ scheduler process: ThreadWorker.enqueue_due_jobs() does its work in this thread.
            self.worker.work(with_scheduler=False, logging_level="WARNING")
        except Exception:  # the thread must never take the API down with it
            log.exception("embedded worker stopped unexpectedly")

    def start(self) -> EmbeddedWorker:
        self.thread.start()
        return self

    @property
    def alive(self) -> bool:
        return self.thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        """Warm stop: a job in progress finishes first, then the worker unregisters."""
        self.worker.stop_event.set()
        self.worker._stop_requested = True
        self.thread.join(timeout)
        if self.thread.is_alive():
            log.warning("embedded worker did not stop within %.0f s", timeout)
