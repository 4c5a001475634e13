"""Redis and queue access, created by the app factory and kept in app.extensions['ecoute']."""
from __future__ import annotations

import atexit
import logging
from dataclasses import dataclass

from flask import Flask, current_app
from redis import Redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

from service.embedded import EmbeddedWorker
from service.queueing import QueueAccess
from service.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Ecoute:
    """What the routes need: the settings, the Redis client, the queue and (embedded) the worker."""

    settings: Settings
    redis: Redis
    queues: QueueAccess
    embedded_worker: EmbeddedWorker | None = None

    def close(self) -> None:
        """Stop the embedded worker (if any) and release Redis connections."""
        if self.embedded_worker is not None:
            self.embedded_worker.stop(5.0)
        self.redis.close()


def connect(settings: Settings) -> Redis:
    """A Redis client for the settings: the real server, or an in-process fakeredis.

    Connect and socket timeouts bound every command, so a dead or hung Redis becomes a 503 within
    about ECOUTE_REDIS_TIMEOUT seconds. One quick retry on a connection error covers a pooled
    connection that a Redis restart has closed; a timeout is not retried (it would double the wait).
    """
    if settings.embedded:
        import fakeredis

        return fakeredis.FakeRedis(server=fakeredis.FakeServer())
    return Redis.from_url(
        settings.redis_url or "",
        socket_connect_timeout=settings.redis_timeout,
        socket_timeout=settings.redis_timeout,
        health_check_interval=15,
        retry=Retry(ExponentialBackoff(cap=0.2, base=0.05), 1, supported_errors=(RedisConnectionError,)),
    )


def init_app(app: Flask, settings: Settings) -> Ecoute:
    """Create the connection and queue access; in embedded mode also start the worker thread."""
    connection = connect(settings)
    queues = QueueAccess(connection, settings.queue_name, settings.result_ttl, settings.job_timeout,
                         block_slice=max(0.05, min(1.0, settings.redis_timeout / 2)))
    ext = Ecoute(settings=settings, redis=connection, queues=queues)
    if settings.embedded and settings.start_embedded_worker:
        ext.embedded_worker = EmbeddedWorker(connection, settings.queue_name).start()
        atexit.register(ext.embedded_worker.stop, 5.0)
        log.info("embedded mode: in-process queue (fakeredis) and worker thread started")
    app.extensions["ecoute"] = ext
    return ext


def ecoute() -> Ecoute:
    """The Ecoute extension of the current app."""
    ext: Ecoute = current_app._get_current_object().extensions["ecoute"]   # type: ignore[attr-defined]
    return ext
