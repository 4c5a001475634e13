"""An RQ worker that runs in a thread of the API process (embedded mode and API tests).

RQ installs signal handlers and uses SIGALRM for job timeouts, both of which only work in the
main thread; this worker uses a timer-based death penalty and skips signal handlers instead.
"""
from __future__ import annotations

import logging
import threading

from redis import Redis
from rq import Queue, SimpleWorker
from rq.exceptions import StopRequested
from rq.timeouts import TimerDeathPenalty

log = logging.getLogger(__name__)


class ThreadWorker(SimpleWorker):
    """A SimpleWorker that can live in a non-main thread."""

    death_penalty_class = TimerDeathPenalty

    stop_event: threading.Event

    @property
    def dequeue_timeout(self) -> int:
        """Wake up every second so that a stop request takes effect promptly."""
        return 1

    def heartbeat(self, *args: object, **kwargs: object) -> None:
        # RQ heartbeats between dequeue attempts: the one safe place to leave an idle loop.
        if getattr(self, "stop_event", None) is not None and self.stop_event.is_set() \
                and self.get_state() != "busy":
            raise StopRequested()
        super().heartbeat(*args, **kwargs)  # type: ignore[arg-type]

    def _install_signal_handlers(self) -> None:  # signals belong to the main thread
        pass


class EmbeddedWorker:
    """Runs a ThreadWorker on a daemon thread until stopped."""

    def __init__(self, connection: Redis, queue_name: str) -> None:
        self.worker = ThreadWorker([Queue(queue_name, connection=connection)], connection=connection,
                                   log_job_description=False)
        self.worker.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="ecoute-embedded-worker", daemon=True)

    def _run(self) -> None:
        try:
            self.worker.work(logging_level="WARNING")
        except Exception:  # the thread must never take the API down with it
            log.exception("embedded worker stopped unexpectedly")

    def start(self) -> EmbeddedWorker:
        self.thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Warm stop: a job in progress finishes first."""
        self.worker.stop_event.set()
        self.worker._stop_requested = True
        self.thread.join(timeout)
